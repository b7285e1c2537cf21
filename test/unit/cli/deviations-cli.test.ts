import { describe, expect, it } from 'vitest';
import { runDeviationsCommand } from '../../../src/cli/commands/deviations.ts';
import { ROOT } from '../../support/wasm.ts';

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runDeviationsCommand(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: ROOT });
  return { code, stdout, stderr };
}

describe('azl-playground deviations', () => {
  it('lists the demo overlays as JSON with their TOML lines and metadata', async () => {
    const out = await run(['public/examples/demo', '--format', 'json']);
    expect(out.code, out.stderr).toBe(0);
    const report = JSON.parse(out.stdout);
    expect(report.overlays.map((o: { component: string; type: string; file: string; line: number }) => `${o.component} ${o.type} ${o.file}:${o.line}`)).toEqual([
      'chrony spec-append-lines base/comps/chrony/overlays/0001-azure-ptp-clock.overlay.toml:5',
      'chrony spec-update-tag base/comps/chrony/overlays/0001-azure-ptp-clock.overlay.toml:13',
      'openssh spec-update-tag base/comps/openssh/openssh.comp.toml:6',
      'openssh spec-add-tag base/comps/openssh/openssh.comp.toml:12',
      'sudo spec-add-tag base/comps/sudo/sudo.comp.toml:6',
    ]);
    expect(report.overlays[0]).toMatchObject({ category: 'azl-platform-adaptation', upstreamStatus: 'inapplicable' });
    expect(report.totals.overlaysByCategory).toEqual({ 'azl-platform-adaptation': 2, uncategorized: 3 });
    expect(report.localSpecs.map((d: { component: string }) => d.component)).toEqual(['chrony', 'openssh', 'sudo']);
    // Lint: the overlays apply to the specs the demo carries; three are written inline without metadata.
    expect(report.specChecks).toEqual({ checked: ['chrony', 'openssh', 'sudo'], unchecked: [] });
    expect(report.findings.map((f: { rule: string; component: string; overlay: number }) => `${f.rule} ${f.component} ${f.overlay + 1}`)).toEqual([
      'overlay-no-metadata openssh 1',
      'overlay-no-metadata openssh 2',
      'overlay-no-metadata sudo 1',
    ]);
  });

  it('writes Markdown by default, the same bytes every run', async () => {
    const first = await run(['public/examples/demo']);
    const second = await run(['public/examples/demo']);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(second.stdout);
    expect(first.stdout).toContain('| `sudo` | 1 | `spec-add-tag` | visudo needs vi: require vim-minimal |');
  });

  it('refuses an unknown format, a missing project and a project that does not load, saying why', async () => {
    expect(await run(['public/examples/demo', '--format', 'yaml'])).toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining('unknown format "yaml"') });
    expect(await run(['no/such/dir'])).toMatchObject({ code: 1, stderr: expect.stringContaining('cannot read no/such/dir') });
    expect(await run([])).toMatchObject({ code: 1, stderr: expect.stringContaining('expected exactly one PROJECT_DIR') });
    expect(await run(['test'])).toMatchObject({ code: 1, stderr: expect.stringContaining('no azldev.toml at the project root') });
  });
});
