import { describe, expect, it } from 'vitest';
import { runFootprintCommand } from '../../../src/cli/commands/footprint.ts';
import { ROOT } from '../../support/wasm.ts';

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runFootprintCommand(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: ROOT });
  return { code, stdout, stderr };
}

describe('azl-playground footprint', () => {
  it('compares the debug container with the core one, biggest additions first', async () => {
    const out = await run(['public/examples/demo', '--image', 'container-debug', '--baseline', 'container-base', '--json']);
    expect(out.code, out.stderr).toBe(0);
    const c = JSON.parse(out.stdout) as { delta: { packages: number; installSize: number }; added: { name: string; installSize: number }[]; removed: unknown[] };
    expect(c.delta.packages).toBe(c.added.length - c.removed.length);
    expect(c.added.map((p) => p.name)).toEqual(expect.arrayContaining(['sudo', 'strace', 'less', 'procps-ng']));
    expect(c.added.map((p) => p.installSize)).toEqual([...c.added.map((p) => p.installSize)].sort((a, b) => b - a));
  });

  it('takes an earlier manifest as the baseline: vm-base against its golden manifest has not moved', async () => {
    const out = await run(['public/examples/demo', '--image', 'vm-base', '--baseline', 'test/unit/project/build/golden/vm-base.manifest.json']);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain('difference: +0 packages, +0.0 MiB');
  });

  it('refuses a baseline file that is not a manifest', async () => {
    const out = await run(['public/examples/demo', '--image', 'vm-base', '--baseline', 'package.json']);
    expect(out).toMatchObject({ code: 1, stderr: expect.stringContaining('package.json is not an image manifest') });
  });
});
