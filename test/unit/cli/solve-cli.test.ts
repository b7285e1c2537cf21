import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSolveCommand } from '../../../src/cli/commands/solve.ts';
import { REPODATA, ROOT } from '../../support/wasm.ts';

const CS9 = join(REPODATA, 'centos-stream-9-baseos-2022');
const expected = (job: string) => readFileSync(join(CS9, 'libsolv-expected', job), 'utf8');

async function solve(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runSolveCommand(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: ROOT });
  return { code, stdout, stderr };
}

describe('azl-playground solve', () => {
  it('prints the sorted NEVRAs, like the oracle, and exits 0', async () => {
    const r = await solve(['--repo', CS9, '--no-best', 'bash']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(expected('bash.weak-on.txt'));
  });

  it('expands comps groups and honours --no-weak-deps', async () => {
    const r = await solve(['--repo', CS9, '--no-best', '--no-weak-deps', '--group', 'core']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(expected('group-core.weak-off.txt'));
  });

  it('reads a repository from a .tar.gz archive', async () => {
    const archive = join(mkdtempSync(join(tmpdir(), 'azl-cli-')), 'bash-fc32.tar.gz');
    execFileSync('tar', ['-czf', archive, '-C', join(REPODATA, 'fedora32-el8-closures-bazeldnf/bash-fc32'), 'repodata']);
    const r = await solve(['--repo', archive, '--no-best', 'bash']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(REPODATA, 'fedora32-el8-closures-bazeldnf/bash-fc32/libsolv-expected/bash.weak-on.txt'), 'utf8'));
  });

  it('exits 2 with libsolv problem lines on stdout when unsatisfiable', async () => {
    const r = await solve(['--repo', CS9, '--exclude', 'glibc*', 'bash']);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^problem [0-9a-f]{8} info package glibc-2\.34-21\.el9\.x86_64 is disabled$/m);
    expect(r.stderr).toMatch(/Problem 1: .*\n  - do not ask to install bash/);
  });

  it('exits 3 when a spec matches nothing, naming it', async () => {
    const r = await solve(['--repo', CS9, 'bash', 'no-such-package']);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('No match for argument: no-such-package\n');
    expect(r.stdout).toBe('');
  });

  it('--json prints the whole result with reasons', async () => {
    const r = await solve(['--repo', CS9, '--json', 'bash']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as { ok: boolean; packages: { name: string; reason: { kind: string } }[] };
    expect(result.ok).toBe(true);
    expect(result.packages.find((p) => p.name === 'bash')?.reason.kind).toBe('user');
  });

  it.each([
    [['bash'], /give at least one --repo/],
    [['--repo', CS9], /the request is empty/],
    [['--repo', CS9, '--group', 'no-such-group'], /no-such-group/],
    [['--repo', join(ROOT, 'no/such/dir'), 'bash'], /no such file or directory/],
    [['--repo', CS9, '--arch', 'z80', 'bash'], /unknown architecture 'z80'/],
    [['--repo', CS9, '--best', '--no-best', 'bash'], /contradict/],
    [['--repo', CS9, '--frobnicate', 'bash'], /Unknown option/],
  ])('exits 1 on bad usage or input: %j', async (args, message) => {
    const r = await solve(args as string[]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message as RegExp);
  });
});
