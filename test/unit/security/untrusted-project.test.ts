import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTar } from 'nanotar';
import { strToU8, zipSync } from 'fflate';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runRenderCommand } from '../../../src/cli/commands/render.ts';
import { readProjectDir } from '../../../src/cli/read-project-dir.ts';
import { loadProject } from '../../../src/lib/config/index.ts';
import { renderComponent } from '../../../src/lib/overlay/index.ts';
import { unpackArchive } from '../../../src/lib/repo/archive.ts';

const SPEC = 'Name: pkg\nVersion: 1\nRelease: 1\nSummary: s\nLicense: MIT\n%description\nd\n%files\n';
const SECRET = 'TOP SECRET, not part of the project';
/** Python's tarfile writes member names as given (nanotar's writer would normalise them). */
const TAR_WITH_ESCAPE = "import tarfile,io,sys\nb=io.BytesIO()\nt=tarfile.open(fileobj=b,mode='w')\nfor n in ['src/a.txt','../../x.txt']:\n  i=tarfile.TarInfo(n); i.size=1; t.addfile(i,io.BytesIO(b'x'))\nt.close()\nsys.stdout.buffer.write(b.getvalue())\n";

/** A project dir with a sibling "secret" dir outside it, a sources dir, and an output dir; PROJECT_TOML is azldev.toml. */
function layout(projectToml: string): { root: string; project: string; sources: string; out: string } {
  const root = mkdtempSync(join(tmpdir(), 'azl-untrusted-'));
  const project = join(root, 'project');
  mkdirSync(join(project, 'base/comps/pkg'), { recursive: true });
  mkdirSync(join(root, 'secret'));
  mkdirSync(join(root, 'sources'));
  writeFileSync(join(root, 'secret/key.txt'), SECRET);
  writeFileSync(join(project, 'azldev.toml'), projectToml);
  writeFileSync(join(root, 'sources/pkg.spec'), SPEC);
  return { root, project, sources: join(root, 'sources'), out: join(root, 'out') };
}

async function render(dirs: { project: string; sources: string; out: string }) {
  let stdout = '';
  let stderr = '';
  const code = await runRenderCommand([dirs.project, '--component', 'pkg', '--sources', dirs.sources, '--out', dirs.out], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: dirs.project });
  return { code, stdout, stderr };
}

function outputsContain(dir: string, text: string): boolean {
  if (!existsSync(dir)) return false;
  return readdirSync(dir, { recursive: true, withFileTypes: true }).some((e) => e.isFile() && readFileSync(join(e.parentPath, e.name), 'utf8').includes(text));
}

describe('a project cannot reach outside its root', () => {
  it('an overlay source "../secret/key.txt" is refused with file:line (regression: render copied the file into --out)', async () => {
    const dirs = layout('[components.pkg]\n\n[[components.pkg.overlays]]\ntype = "file-add"\nfile = "stolen.txt"\nsource = "../secret/key.txt"\n');
    const { code, stderr } = await render(dirs);
    expect(code).toBe(1);
    expect(stderr).toContain('azldev.toml:6:1: error: overlay source "../secret/key.txt" is outside the project root; it was refused');
    expect(outputsContain(dirs.out, SECRET)).toBe(false);
    rmSync(dirs.root, { recursive: true, force: true });
  });

  it('a symbolic link from the project to a file outside it refuses the whole project', async () => {
    const dirs = layout('[components.pkg]\n\n[[components.pkg.overlays]]\ntype = "file-add"\nfile = "stolen.txt"\nsource = "base/comps/pkg/key.txt"\n');
    symlinkSync(join(dirs.root, 'secret/key.txt'), join(dirs.project, 'base/comps/pkg/key.txt'));
    const { code, stderr } = await render(dirs);
    expect(code).toBe(1);
    expect(stderr).toMatch(/base\/comps\/pkg\/key\.txt is a symbolic link to .*secret\/key\.txt, outside the project .*; the project was refused/);
    expect(outputsContain(dirs.out, SECRET)).toBe(false);
    await expect(readProjectDir(dirs.project)).rejects.toThrow('outside the project');
    rmSync(dirs.root, { recursive: true, force: true });
  });

  it('a link that stays inside the project is not followed, and not refused', async () => {
    // the checkout is read the way azldev reads it (only what the config names), so the config names both
    const dirs = layout('includes = ["base/comps/pkg/*.toml"]\n\n[components.pkg]\n');
    writeFileSync(join(dirs.project, 'base/comps/pkg/real.toml'), '# inside\n');
    symlinkSync(join(dirs.project, 'base/comps/pkg/real.toml'), join(dirs.project, 'base/comps/pkg/alias.toml'));
    const files = await readProjectDir(dirs.project);
    expect([...files.keys()].sort()).toEqual(['azldev.toml', 'base/comps/pkg/real.toml']);
    rmSync(dirs.root, { recursive: true, force: true });
  });

  it.each([
    ['includes = ["../../outside.toml"]', 'include "../outside.toml"'],
    ['includes = ["/etc/azl/*.toml"]', 'include "/etc/azl/*.toml"'],
    ['[components.pkg]\nspec = { type = "local", path = "../../pkg.spec" }', 'spec path "../pkg.spec"'],
    ['[components.pkg]\noverlay-files = ["../../*.overlay.toml"]', 'overlay-files pattern "../*.overlay.toml"'],
  ])('%s is an error that names the path and where it is written', (toml, what) => {
    const { diagnostics } = loadProject(new Map([['azldev.toml', 'includes = ["base/x.toml"]\n'], ['base/x.toml', `${toml}\n`]]));
    const escape = diagnostics.find((d) => d.code === 'config/path-outside-project');
    expect(escape?.message).toBe(`${what} is outside the project root; it was refused`);
    expect(escape?.file).toBe('base/x.toml');
    expect(escape?.line).toBeGreaterThan(0);
  });

  it('an overlay file whose source escapes is refused too', () => {
    const { diagnostics } = loadProject(
      new Map([
        ['azldev.toml', '[components.pkg]\noverlay-files = ["overlays/*.overlay.toml"]\n'],
        ['overlays/a.overlay.toml', '[metadata]\ndescription = "d"\n\n[[overlays]]\ntype = "patch-add"\nsource = "../../evil.patch"\n'],
      ]),
    );
    expect(diagnostics.find((d) => d.code === 'config/path-outside-project')).toMatchObject({ file: 'overlays/a.overlay.toml', line: 6, message: 'overlay source "../evil.patch" is outside the project root; it was refused' });
  });
});

describe('opening a project runs nothing from it', () => {
  it('%(shell) and %{lua:} in a spec are never expanded: the rendered spec keeps them as written and nothing ran', async () => {
    const marker = join(tmpdir(), `azl-shell-ran-${process.pid}`);
    const spec = `%global x %(touch ${marker})\n%global y %{lua: os.execute("touch ${marker}")}\n${SPEC.replace('Release: 1', 'Release: 1%{x}%{y}')}`;
    const result = await renderComponent({ component: { name: 'pkg', overlays: [{ type: 'spec-add-tag', tag: 'Requires', value: `%(touch ${marker})` }] }, sources: { 'pkg.spec': spec } });
    expect(existsSync(marker)).toBe(false);
    expect(result.files['pkg.spec']).toContain(`%global x %(touch ${marker})`);
    const added = result.packageChanges.flatMap((c) => c.added.map((d) => d.raw));
    expect(added).toContain(`%(touch ${marker})`);
  });

  it('nested doubling macros (a "billion laughs" spec) stay unexpanded past 1 MiB (regression: 17 s and 300+ MB for one Requires)', async () => {
    let defs = `%global a0 ${'x'.repeat(10_000)}\n`;
    for (let i = 1; i <= 15; i++) defs += `%global a${i} %{a${i - 1}}%{a${i - 1}}\n`;
    const spec = `${defs}${SPEC.replace('License: MIT', 'License: MIT\nRequires: %{a15}')}`;
    const started = performance.now();
    const result = await renderComponent({ component: { name: 'pkg', overlays: [{ type: 'spec-add-tag', tag: 'Provides', value: 'p' }] }, sources: { 'pkg.spec': spec } });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.ok).toBe(true);
  });
});

describe('archives hold plain files inside themselves', () => {
  it.each(['../../etc/cron.d/x', '/etc/passwd', 'repodata/../../x'])('a zip member named %s is refused', async (name) => {
    const zip = zipSync({ 'repodata/repomd.xml': strToU8('<repomd/>'), [name]: strToU8('x') });
    const result = await unpackArchive('repo.zip', zip, 'zip');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toBe(`repo.zip: member "${name}" points outside the archive; the zip archive was refused.`);
  });

  it('a tar member named ../../etc/x cannot leave the archive: nanotar reads it as etc/x', async () => {
    const tar = createTar([{ name: 'repodata/repomd.xml', data: '<repomd/>' }, { name: '../../etc/x', data: 'x' }]);
    const result = await unpackArchive('repo.tar', tar, 'tar');
    expect(result.ok && result.value.map((f) => f.path)).toEqual(['repodata/repomd.xml', 'etc/x']);
  });

  it('an overlay on a source archive with a member ../../x is refused with the member named', async () => {
    const tar = new Uint8Array(execFileSync('python3', ['-c', TAR_WITH_ESCAPE]));
    const result = await renderComponent({
      component: { name: 'pkg', overlays: [{ type: 'file-remove', file: '*.txt', archive: 'src.tar' }], 'source-files': [{ filename: 'src.tar', origin: { type: 'overlay' } }] },
      sources: { 'pkg.spec': SPEC, 'src.tar': tar },
    });
    expect(result.overlays.find((o) => o.type === 'file-remove')?.message).toBe('archive "src.tar": member "../../x.txt" points outside the archive; refused');
  });

  it('a symbolic link member is refused', async () => {
    const tar = createTar([{ name: 'repodata/repomd.xml', data: '<repomd/>' }, { name: 'repodata/primary.xml', attrs: {}, data: '' }]);
    // nanotar writes no link entries, so turn the second header into a symlink (typeflag '2') to /etc/shadow by hand
    const header = 512 + 512;
    tar[header + 156] = '2'.charCodeAt(0);
    new TextEncoder().encodeInto('/etc/shadow', tar.subarray(header + 157, header + 257));
    let sum = 0;
    tar.fill(0x20, header + 148, header + 156);
    for (let i = header; i < header + 512; i++) sum += tar[i] as number;
    new TextEncoder().encodeInto(`${sum.toString(8).padStart(6, '0')}\0 `, tar.subarray(header + 148, header + 156));
    const result = await unpackArchive('repo.tar', tar, 'tar');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toBe('repo.tar: member "repodata/primary.xml" is a link; the tar archive was refused.');
  });
});
