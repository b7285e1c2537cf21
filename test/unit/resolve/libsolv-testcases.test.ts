import { describe, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../support/wasm.ts';

// libsolv's own testcase suite, from the same Debian source package the module is built from, run
// through wasm/dist/testsolv.wasm (browser_wasi_shim in Node) and through a native build of the same
// sources and flags; both must report the same result for every testcase.
const build = join(ROOT, 'wasm/build/src');
const libsolvDir = existsSync(build) ? readdirSync(build).find((d) => d.startsWith('libsolv-')) : undefined;
const testDir = libsolvDir ? join(build, libsolvDir, 'tree/test') : '';

function runSuite(cmd: string): { lines: string[]; passed: number; skipped: number; failed: number } {
  let out: string;
  try {
    out = execFileSync('bash', [join(testDir, 'runtestcases.sh'), cmd, join(testDir, 'testcases')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (err) {
    out = (err as { stdout: string }).stdout;
  }
  const lines = out.split('\n').filter(Boolean);
  const count = (word: string) => lines.filter((l) => l.endsWith(word)).length;
  return { lines, passed: count('Passed'), skipped: count('Skipped'), failed: count('***Failed') + lines.filter((l) => l.includes('***Failed')).length };
}

describe('libsolv testcase suite', () => {
  test('passes through the wasm build exactly as through the native build of the same sources', { timeout: 300_000 }, () => {
    expect(libsolvDir, 'run npm run build:wasm first').toBeDefined();
    const wasm = runSuite(`node ${join(ROOT, 'wasm/scripts/testsolv-wasm.mjs')}`);
    const native = runSuite(join(ROOT, 'wasm/build/native/testsolv'));
    console.log(`libsolv testcases: wasm ${wasm.passed} passed, ${wasm.skipped} skipped, ${wasm.failed} failed; ` +
      `native ${native.passed} passed, ${native.skipped} skipped, ${native.failed} failed`);
    expect(wasm.lines.length).toBeGreaterThanOrEqual(90);
    expect(wasm.failed).toBe(0);
    expect(wasm.lines).toEqual(native.lines);
  });
});
