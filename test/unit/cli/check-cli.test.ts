import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheckCommand } from '../../../src/cli/commands/check.ts';
import { ROOT } from '../../support/wasm.ts';

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCheckCommand(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: ROOT });
  return { code, stdout, stderr };
}

/** A copy of the demo whose container-base declares no runtime package management but lists yum-utils (which requires dnf). */
function variant(): string {
  const dir = mkdtempSync(join(tmpdir(), 'azl-check-'));
  cpSync(join(ROOT, 'public/examples/demo'), dir, { recursive: true });
  const images = join(dir, 'base/images/images.toml');
  writeFileSync(images, readFileSync(images, 'utf8').replace('profile = "core" }\n', 'profile = "core" }\ncapabilities = { container = true, runtime-package-management = false }\n'));
  const kiwi = join(dir, 'base/images/container-base/container-base.kiwi');
  writeFileSync(kiwi, readFileSync(kiwi, 'utf8').replace('<package name="rpm"/>', '<package name="rpm"/>\n    <package name="yum-utils"/>'));
  return dir;
}

describe('azl-playground check', () => {
  it('exits 1 and names the package, its chain, the kiwi line and a verified fix', async () => {
    const out = await run([variant(), '--image', 'container-base']);
    expect(out.code, out.stderr).toBe(1);
    expect(out.stdout).toContain('FAIL runtime-package-management = false, but the image has a package manager: dnf-4.10.0-3.el9.noarch');
    expect(out.stdout).toContain('  yum-utils-4.0.24-2.el9.noarch requires dnf >= 4.2.22\n  asked for as "yum-utils" at base/images/container-base/container-base.kiwi:40\n');
    expect(out.stdout).toContain('  fix: remove yum-utils (base/images/container-base/container-base.kiwi:40) (checked: the image then solves with');
  });

  it('--json gives the same report as data', async () => {
    const out = await run([variant(), '--image', 'container-base', '--json']);
    const report = JSON.parse(out.stdout) as { passed: boolean; findings: { package: string; fix: { kind: string } }[] };
    expect(report.passed).toBe(false);
    expect(report.findings.map((f) => `${f.package} ${f.fix.kind}`)).toEqual(['dnf-4.10.0-3.el9.noarch remove']);
  });

  it('exits 0 for an image whose checks pass, and for one that declares nothing', async () => {
    const dir = variant();
    const kiwi = join(dir, 'base/images/container-base/container-base.kiwi');
    writeFileSync(kiwi, readFileSync(kiwi, 'utf8').replace('    <package name="yum-utils"/>\n', ''));
    const passing = await run([dir, '--image', 'container-base']);
    expect(passing.code).toBe(0);
    expect(passing.stdout).toContain('PASS runtime-package-management = false: no package manager in the image');
    const none = await run(['public/examples/demo', '--image', 'vm-base']);
    expect(none).toMatchObject({ code: 0, stdout: expect.stringContaining('declares no capabilities') });
  });

  it('exits 1 on bad usage, saying what is missing', async () => {
    expect(await run(['public/examples/demo'])).toMatchObject({ code: 1, stderr: expect.stringContaining('--image is required') });
    expect(await run(['public/examples/demo', '--image', 'nope'])).toMatchObject({ code: 1, stderr: expect.stringContaining('the project defines no image nope') });
  });
});
