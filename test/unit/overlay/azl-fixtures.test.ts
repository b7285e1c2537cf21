import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { gzipSync } from 'fflate';
import { createTar } from 'nanotar';
import { describe, expect, it } from 'vitest';
import { renderComponent, type ComponentOverlayConfig, type RenderResult, type VirtualFiles } from '../../../src/lib/overlay/index.ts';
import { readTar } from '../../../src/lib/overlay/archive/tar.ts';
import { AZL_FIXTURES, FIXTURES, readTree, resolvedOverlaysOf } from './helpers.ts';

const COMPS = join(AZL_FIXTURES, 'azurelinux@afd2c0a1/base/comps');
const LATER = join(AZL_FIXTURES, 'azurelinux@later/base/comps');

function compFixture(name: string): { sources: VirtualFiles; projectFiles: VirtualFiles } {
  const dir = join(FIXTURES, 'azl', name);
  const sources: VirtualFiles = { [`${name}.spec`]: readFileSync(join(dir, `${name}.spec`), 'utf8') };
  if (existsSync(join(dir, 'sources'))) Object.assign(sources, readTree(join(dir, 'sources')));
  const projectFiles = existsSync(join(dir, 'project')) ? readTree(join(dir, 'project'), `base/comps/${name}/`) : {};
  return { sources, projectFiles };
}

function failures(result: RenderResult): string[] {
  return result.overlays.filter((o) => o.status !== 'ok').map((o) => `${o.description}: ${o.message}`);
}

const compNames = readdirSync(COMPS).filter((n) => existsSync(join(COMPS, n, `${n}.comp.toml`)));
const withOverlays = compNames
  .map((name) => {
    const doc = parse(readFileSync(join(COMPS, name, `${name}.comp.toml`), 'utf8')) as unknown as { components: Record<string, ComponentOverlayConfig> };
    return { name, config: doc.components[name] as ComponentOverlayConfig };
  })
  .filter(({ config }) => (config.overlays?.length ?? 0) > 0 || config.build?.check?.skip || config.build?.with || config.build?.without || config.build?.defines);

describe('every overlay in the fixture *.comp.toml files', () => {
  it('finds the components that carry overlays or build macros', () => {
    expect(withOverlays.map((c) => c.name).sort()).toEqual([
      'apache-ivy', 'apache-sshd', 'azurelinux-repos', 'azurelinux-rpm-config', 'coreutils', 'dnf5', 'edk2', 'firewalld', 'gcc', 'gdb',
      'javapackages-tools', 'kernel', 'kernel-headers', 'mock-core-configs', 'open-vm-tools', 'opencv', 'rpm', 'rust-nix', 'shim', 'sssd',
    ]);
  });

  for (const { name, config } of withOverlays) {
    it(`${name}: all ${config.overlays?.length ?? 0} overlays apply cleanly`, async () => {
      const { sources, projectFiles } = compFixture(name);
      const result = await renderComponent({ component: { ...config, name }, sources, projectFiles, componentDir: `base/comps/${name}` });
      expect(failures(result)).toEqual([]);
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const inline = result.overlays.filter((o) => o.origin.kind === 'inline');
      expect(inline).toHaveLength(config.overlays?.length ?? 0);
      // Every inline overlay changed something, so none of them applied vacuously.
      for (const overlay of inline) expect(overlay.changes.length, overlay.description).toBeGreaterThan(0);
    });
  }
});

describe('overlay files from later azurelinux commits', () => {
  it('ant: the per-file overlays (regex in basic and literal strings) all apply', async () => {
    const { sources } = compFixture('ant');
    const projectFiles = { ...readTree(join(LATER, 'ant'), 'base/comps/ant/'), 'base/comps/ant/ant.comp.toml': '[components.ant]\noverlay-files = ["overlays/*.overlay.toml"]\n' };
    const result = await renderComponent({ component: { name: 'ant' }, sources, projectFiles, resolvedOverlays: resolvedOverlaysOf('ant', projectFiles) });
    expect(failures(result)).toEqual([]);
    expect(result.overlays.filter((o) => o.origin.kind === 'overlay-file')).toHaveLength(6);
    const rendered = result.files['ant.spec'] as string;
    expect(rendered).toContain("echo 'JAVA_HOME=%{_jvmdir}/msopenjdk-25' > %{buildroot}%{_javaconfdir}/ant-openjdk25.conf");
    expect(rendered).toContain('--requires msopenjdk-25\n');
    expect(rendered).not.toContain('BuildRequires:  ant-openjdk25');
  });

  it('azurelinux-rpm-config: the 17 overlays of the overlay file apply, with source resolved against the overlay file', async () => {
    const { sources, projectFiles } = compFixture('azurelinux-rpm-config');
    Object.assign(projectFiles, readTree(join(LATER, 'azurelinux-rpm-config'), 'base/comps/azurelinux-rpm-config/'));
    projectFiles['base/comps/azurelinux-rpm-config/azurelinux-rpm-config.comp.toml'] = '[components.azurelinux-rpm-config]\noverlay-files = ["overlays/*.overlay.toml"]\n';
    const result = await renderComponent({ component: { name: 'azurelinux-rpm-config' }, sources, projectFiles, resolvedOverlays: resolvedOverlaysOf('azurelinux-rpm-config', projectFiles) });
    expect(failures(result)).toEqual([]);
    expect(result.overlays.filter((o) => o.origin.kind === 'overlay-file')).toHaveLength(17);
    expect(result.files['dist.sh']).toContain('.azl4');
    expect(result.files.macros).toContain('%_vendor azurelinux');
  });

  it('apache-commons-compress: archive-scoped file-remove strips the four fixtures and repacks the tarball', async () => {
    const { sources } = compFixture('apache-commons-compress');
    const root = 'commons-compress-1.27.1-src';
    const doomed = ['bla.encrypted.7z', 'password-encrypted.zip', 'COMPRESS-256.7z', 'zip64support.tar.bz2'];
    const tar = createTar([
      { name: `${root}/` },
      { name: `${root}/pom.xml`, data: '<project/>\n' },
      ...doomed.map((f) => ({ name: `${root}/src/test/resources/${f}`, data: new Uint8Array([0, 1, 2, 3]) })),
      { name: `${root}/src/test/resources/keep.txt`, data: 'keep\n' },
    ], { attrs: { mtime: 0 } });
    sources['commons-compress-1.27.1-src.tar.gz'] = gzipSync(tar);
    const projectFiles = {
      ...readTree(join(LATER, 'apache-commons-compress'), 'base/comps/apache-commons-compress/'),
      'base/comps/apache-commons-compress/apache-commons-compress.comp.toml': '[components.apache-commons-compress]\noverlay-files = ["overlays/*.overlay.toml"]\n',
    };
    const result = await renderComponent({
      component: { name: 'apache-commons-compress', 'source-files': [{ filename: 'commons-compress-1.27.1-src.tar.gz', origin: { type: 'overlay' } }] },
      sources,
      projectFiles,
      resolvedOverlays: resolvedOverlaysOf('apache-commons-compress', projectFiles),
    });
    expect(failures(result)).toEqual([]);
    expect(result.overlays.every((o) => o.origin.kind !== 'archive' || o.order < 4)).toBe(true);
    // Its Release is %autorelease: the render says that rpmautospec, not the playground, fills it in.
    expect(result.diagnostics.map((d) => [d.severity, d.code])).toEqual([['info', 'overlay/rpmautospec']]);
    const { gunzipSync } = await import('fflate');
    const names = readTar(gunzipSync(result.files['commons-compress-1.27.1-src.tar.gz'] as Uint8Array)).map((e) => e.name);
    expect(names).toEqual([root, `${root}/pom.xml`, `${root}/src/test/resources/keep.txt`]);
  });
});
