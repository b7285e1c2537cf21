import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../support/wasm.ts';

const RAW_HTML = /\{@html\b|\.innerHTML\b|\.outerHTML\b|insertAdjacentHTML|document\.write\b|\beval\(|new Function\(/;

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(svelte|ts)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

describe('metadata strings are never inserted as HTML', () => {
  it('no Svelte component or page code uses {@html}, innerHTML, outerHTML, insertAdjacentHTML, document.write, eval or new Function', () => {
    const offenders = ['src/ui', 'src/state', 'src/workers', 'src/lib']
      .flatMap(sources)
      .concat(join(ROOT, 'src/main.ts'))
      .filter((path) => RAW_HTML.test(readFileSync(path, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
