import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRenderCommand } from '../../../src/cli/commands/render.ts';

function project(): { root: string; sources: string; out: string } {
  const root = mkdtempSync(join(tmpdir(), 'azl-render-'));
  mkdirSync(join(root, 'proj/comps/pkg'), { recursive: true });
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'proj/azldev.toml'), 'includes = ["comps/**/*.comp.toml"]\n');
  writeFileSync(
    join(root, 'proj/comps/pkg/pkg.comp.toml'),
    [
      '[components.pkg]',
      '[[components.pkg.overlays]]',
      'description = "add provides"',
      'type = "spec-add-tag"',
      'tag = "Provides"',
      'value = "x"',
      '[[components.pkg.overlays]]',
      'description = "add a file"',
      'type = "file-add"',
      'file = "extra.conf"',
      'source = "extra.conf"',
      '[[components.pkg.overlays]]',
      'description = "needs a section"',
      'type = "spec-append-lines"',
      'section = "%check"',
      'lines = ["true"]',
      '',
    ].join('\n'),
  );
  writeFileSync(join(root, 'proj/comps/pkg/extra.conf'), 'k=v\n');
  writeFileSync(join(root, 'src/pkg.spec'), 'Name: pkg\nRelease:        1%{?dist}\n%files\n');
  return { root, sources: join(root, 'src'), out: join(root, 'out') };
}

describe('azl-playground render', () => {
  it('writes the rendered files, prints one line per overlay and exits 1 when one failed', async () => {
    const { root, sources, out } = project();
    let stdout = '';
    const code = await runRenderCommand(['proj', '--component', 'pkg', '--sources', sources, '--out', out], { stdout: (t) => (stdout += t), stderr: () => {}, cwd: root });
    expect(code).toBe(1);
    expect(stdout.split('\n').filter(Boolean)).toEqual([
      'ok    add provides',
      'ok    add a file',
      'error needs a section: section "%check" (package="") not found',
      'ok    azldev header comment',
      // azldev's release calculation ("auto", the default) after one synthetic commit for the overlays.
      'ok    Release calculation (auto, 1 synthetic commit): 1%{?dist} → 2%{?dist}',
    ]);
    expect(readFileSync(join(out, 'extra.conf'), 'utf8')).toBe('k=v\n');
    expect(readFileSync(join(out, 'pkg.spec'), 'utf8')).toContain('Name: pkg\nRelease: 2%{?dist}\nProvides: x\n%files\n');
  });

  it('takes the number of synthetic commits and the release rule of the April 2026 tree', async () => {
    const { root, sources, out } = project();
    writeFileSync(join(sources, 'pkg.spec'), 'Name: pkg\nRelease: 3.rc1%{?dist}\n%check\n%files\n');
    let stdout = '';
    const run = (extra: string[]) => runRenderCommand(['proj', '--component', 'pkg', '--sources', sources, '--out', out, ...extra], { stdout: (t) => (stdout += t), stderr: () => {}, cwd: root });
    expect(await run(['--synthetic-commits', '2'])).toBe(1);
    expect(stdout).toContain('error Release calculation (auto, 2 synthetic commits): the Release tag value "3.rc1%{?dist}" cannot be bumped automatically (the azldev that rendered the April 2026 tree bumped any leading integer and wrote 5.rc1%{?dist}');
    stdout = '';
    expect(await run(['--synthetic-commits', '2', '--release-rule', 'april-2026'])).toBe(0);
    expect(readFileSync(join(out, 'pkg.spec'), 'utf8')).toContain('Release: 5.rc1%{?dist}\n');
  });

  it('rejects missing options with exit code 2', async () => {
    let stderr = '';
    expect(await runRenderCommand(['proj'], { stdout: () => {}, stderr: (t) => (stderr += t), cwd: '/' })).toBe(2);
    expect(stderr).toMatch(/--component, --sources and --out are required/);
  });
});
