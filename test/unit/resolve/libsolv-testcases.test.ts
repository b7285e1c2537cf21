import { describe, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

/**
 * A testcase big enough for the wasm build's bucketed rule sort (wasm/src/bucketsort.c, 256 rules and
 * up; libsolv's own testcases stay below that): 600 packages whose requires overlap, name the same
 * provider twice through different dependencies (duplicate rules unify must merge) and reach shared
 * capabilities with several providers. FILLERS packages nothing needs sit between the first 300 and
 * the rest, so the rules' first literals can span more ids than the sort has buckets.
 */
function manyRulesTestcase(fillers = 0): string {
  let seed = 12345;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const lines = ['repo system 0 testtags <inline>', '#>=Pkg: base 1 1 noarch', 'repo available 0 testtags <inline>'];
  for (let i = 0; i < 600; i++) {
    if (i === 300) for (let f = 0; f < fillers; f++) lines.push(`#>=Pkg: filler${f} 1 1 noarch`);
    lines.push(`#>=Pkg: p${i} 1 ${1 + (i % 3)} x86_64`, `#>=Prv: cap${i % 97} = ${i % 5}`);
    for (let r = 0, n = 3 + next(6); r < n; r++) {
      const j = next(600);
      lines.push(`#>=Req: p${j}`, ...(r % 2 === 0 ? [`#>=Req: p${j} >= 1`] : []));
    }
    lines.push(`#>=Req: cap${next(97)}`);
    if (i % 50 === 7) lines.push(`#>=Con: p${(i + 301) % 600}`);
    if (i % 40 === 3) lines.push(`#>=Rec: p${next(600)}`);
  }
  lines.push('system x86_64 rpm system', 'job install name p1', 'job install name p2', 'result transaction,problems,rules <inline>');
  lines.push('nextjob', 'job install name p300', 'job install provides cap5', 'result transaction,problems,rules <inline>');
  return `${lines.join('\n')}\n`;
}

describe('rules after unification', () => {
  // 70,000 fillers: first literals over more ids than the sort's 65,536 buckets, so buckets share
  test.each([
    ['600 interlinked packages', 0],
    ['600 interlinked packages around 70,000 others', 70_000],
  ])('a rule dump of %s is the same through the wasm build (bucketed sort) and the native build', { timeout: 120_000 }, (_, fillers) => {
    expect(libsolvDir, 'run npm run build:wasm first').toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), 'azl-rules-'));
    try {
      const file = join(dir, 'many-rules.t');
      writeFileSync(file, manyRulesTestcase(fillers));
      const wasm = execFileSync('node', [join(ROOT, 'wasm/scripts/testsolv-wasm.mjs'), '-r', file], { encoding: 'utf8', maxBuffer: 256 << 20 });
      const native = execFileSync(join(ROOT, 'wasm/build/native/testsolv'), ['-r', file], { encoding: 'utf8', maxBuffer: 256 << 20 });
      const rules = wasm.split('\n').filter((l) => l.startsWith('rule pkg '));
      // enough rules to take the bucketed path, and each rule listed once per literal
      expect(rules.length).toBeGreaterThan(1000);
      expect(wasm).toContain('\ninstall p1-1-2.x86_64@available\n');
      expect(wasm.split('\n')).toEqual(native.split('\n'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
