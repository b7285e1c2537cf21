import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runConfigCommand } from '../../../src/cli/commands/config.ts';
import { FIXTURES } from './fixture-files.ts';

async function run(args: string[], cwd = FIXTURES) {
  let stdout = '';
  let stderr = '';
  const code = await runConfigCommand(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd });
  return { code, stdout, stderr };
}

describe('config command', () => {
  it('prints one resolved component as JSON with provenance', async () => {
    const { code, stdout } = await run(['azurelinux@afd2c0a1', '--component', 'bash', '--json']);
    expect(code).toBe(0);
    const component = JSON.parse(stdout);
    expect(component.config.spec['upstream-distro'].version).toBe('rawhide');
    expect(component.provenance['spec.upstream-distro.snapshot'].file).toBe('distro/azurelinux.distro.toml');
  });

  it('explains a component line by line with file:line', async () => {
    const { code, stdout } = await run(['azurelinux@afd2c0a1', '--component', 'coreutils']);
    expect(code).toBe(0);
    expect(stdout).toContain('build.check.skip = true  # base/comps/coreutils/coreutils.comp.toml:4');
    expect(stdout).toContain('spec.upstream-distro.snapshot = "2026-02-24T00:00:00-08:00"  # distro/azurelinux.distro.toml:38');
  });

  it('prints each error as path:line:col on stderr and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'azl-config-'));
    writeFileSync(join(dir, 'azldev.toml'), '[components.c]\nspce = 1\n[components.d.build]\ncheck = { skip = true }\n');
    const { code, stdout, stderr } = await run([dir]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^azldev\.toml:2:1: error: unknown key "spce" in components\.c \(/),
      expect.stringMatching(/^azldev\.toml:4:1: error: component "d": build\.check\.skip requires skip_reason/),
    ]);
    expect((await run([dir, '--permissive'])).code).toBe(1);
  });

  it('accepts unknown keys with --permissive', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'azl-config-'));
    writeFileSync(join(dir, 'azldev.toml'), '[components.c]\nspce = 1\n');
    const { code, stderr, stdout } = await run([dir, '--permissive', '--json']);
    expect(code).toBe(0);
    expect(stderr).toContain('warning: unknown key "spce"');
    expect(Object.keys(JSON.parse(stdout).components)).toEqual(['c']);
  });

  it('rejects bad usage and unknown components', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['x', '--bogus'])).code).toBe(2);
    const missing = await run(['azurelinux@afd2c0a1', '--component', 'no-such-thing']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no component named "no-such-thing"');
  });
});
