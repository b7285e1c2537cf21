import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../support/wasm.ts';

const GOLDEN = join(ROOT, 'test/unit/project/build/golden');
const node = (args: string[]) => execFileSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

describe('the compiled CLI (dist-cli)', () => {
  beforeAll(() => {
    // npm test builds it first; building here keeps this file runnable on its own
    node(['scripts/build-cli.mjs', '--if-stale']);
  }, 120_000);

  it('is up to date with the sources and is what bin/azl-playground.mjs runs', async () => {
    const { bundleIsFresh } = (await import(join(ROOT, 'bin/cli-bundle.mjs'))) as { bundleIsFresh: () => boolean };
    expect(bundleIsFresh()).toBe(true);
    expect(node(['bin/azl-playground.mjs', '--help'])).toMatch(/^usage: azl-playground <command>/);
  });

  it('finds the wasm and the bundled repositories from dist-cli and writes the golden manifest', () => {
    const out = node(['bin/azl-playground.mjs', 'image', 'public/examples/demo', '--image', 'vm-base', '--format', 'manifest']);
    expect(out).toBe(readFileSync(join(GOLDEN, 'vm-base.manifest.json'), 'utf8'));
  }, 120_000);
});
