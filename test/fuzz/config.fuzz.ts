import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { describe } from 'vitest';
import { DEFAULTS_PATH, loadProject, parseLockFile, resolveProject } from '../../src/lib/config/index.ts';
import { ROOT, SHARED } from '../support/wasm.ts';
import { expectLocated, guarded, mutatedText, PARAMS } from './harness.ts';

const DEMO = join(ROOT, 'public/examples/demo');
const LOCK = join(SHARED, 'fixtures/azurelinux/azurelinux@later/locks/389-ds-base.lock');

function tomlFiles(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.toml')) out.set(relative(DEMO, path), readFileSync(path, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

const PROJECT = tomlFiles(DEMO);
const PATHS = [...PROJECT.keys()].sort();
const TOML_TOKENS = [
  '[', ']', '[[', ']]', '=', '"', "'", '"""', "'''", '{', '}', ',', '.', '#', '\n', '\\', '\\u0000', '\u0000', 'include = ["../../etc/passwd"]',
  'includes = ["*.toml", "../x.toml", "/abs.toml"]', '[components.x]', '[[components.x.overlays]]', 'type = "spec-search-replace"', 'regex = "a*a*c"',
  'inherit = "x"', '1979-05-27T07:32:00Z', 'inf', 'nan', '0x7fffffffffffffff', '1e309', '[a.b.c.d.e.f.g]', 'a = [[[[[[[[[[[[]]]]]]]]]]]]',
  '{ a = { b = { c = { d = 1 } } } }', '"${HOME}"', '%(echo pwned)',
];

/** A project: the demo tree with one file mutated, or with one file replaced by generated TOML-ish text. */
const projectArb = fc.tuple(fc.constantFrom(...PATHS), mutatedText([...PROJECT.values()], TOML_TOKENS)).map(([path, text]) => {
  const files = new Map(PROJECT);
  files.set(path, text);
  return files;
});

describe('config: TOML project loader, merge and resolve', () => {
  test.prop([projectArb], PARAMS)('never throws; every diagnostic names a file of the project and a line', (files) => {
    guarded('config', () => {
      const loaded = loadProject(files);
      for (const d of loaded.diagnostics) expectLocated(d, [...files.keys(), DEFAULTS_PATH]);
      resolveProject(loaded.project);
    });
  });

  test.prop([mutatedText([readFileSync(LOCK, 'utf8')], TOML_TOKENS)], PARAMS)('lock file: never throws; diagnostics located', (text) => {
    guarded('config-lockfile', () => {
      for (const d of parseLockFile('locks/x.lock', text).diagnostics) expectLocated(d, ['locks/x.lock']);
    });
  });
});
