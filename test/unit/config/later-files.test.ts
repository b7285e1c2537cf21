import { describe, expect, it } from 'vitest';
import { loadProject, parseLockFile, resolveComponent, resolveProject } from '../../../src/lib/config/index.ts';
import { aprilTree, laterFile } from './fixture-files.ts';

const errors = (r: ReturnType<typeof loadProject>) => r.diagnostics.filter((d) => d.severity === 'error');

describe('newer-format files from azurelinux@later', () => {
  it('merges the repos distro file per field and expands repo sets into inputs', () => {
    const files = aprilTree();
    // The distro glob `*.distro.toml` picks the file up between azurelinux and fedora.
    files.set('distro/azurelinux.repos.distro.toml', laterFile('distro/azurelinux.repos.distro.toml'));
    const result = loadProject(files);
    expect(errors(result)).toEqual([]);
    const resolved = resolveProject(result.project);
    const stage2 = resolved.distros['azurelinux'];
    // release-ver from the first file survives the second file's per-field merge.
    expect(stage2?.value.versions?.['4.0-stage2']?.['release-ver']).toBe('4.0');
    expect(stage2?.provenance['versions."4.0-stage2".inputs']?.file).toBe('distro/azurelinux.repos.distro.toml');
    const imageInputs = stage2?.inputs['4.0-stage2']?.['image-build'] ?? [];
    expect(imageInputs.map((r) => r.id)).toEqual(['fedora-43-everything', 'fedora-43-updates', 'azl4-beta-base', 'azl4-beta-base-src', 'azl4-beta-sdk', 'azl4-beta-sdk-src']);
    expect(imageInputs[2]).toMatchObject({ baseUri: 'https://packages.microsoft.com/azurelinux/4.0/beta/base/$basearch', kind: 'binary', gpgCheck: true, set: 'azl4-beta' });
    expect(imageInputs[3]?.kind).toBe('source');
    // koji-dist-repo comes from the built-in defaults; with no allow-list every subrepo is kept.
    expect(resolved.repoSets['koji-build-deps']?.repos.map((r) => r.id)).toEqual(['koji-build-deps-binary', 'koji-build-deps-debug', 'koji-build-deps-src']);
    expect(resolved.repos['azl4-dev-sdk']?.gpgCheck).toBe(false);
  });

  it('reads the tests catalog ([tests.X] / [test-groups.X])', () => {
    const files = aprilTree();
    files.set('base/images/images.tests.toml', laterFile('base/images/images.tests.toml'));
    files.set('base/images/images.toml', `includes = ["images.tests.toml"]\n${files.get('base/images/images.toml')}`);
    const result = loadProject(files);
    expect(errors(result)).toEqual([]);
    const resolved = resolveProject(result.project);
    expect(Object.keys(resolved.tests)).toHaveLength(11);
    expect(resolved.tests['lisa-fips']?.value['required-capabilities']).toEqual(['machine-bootable', 'fips-enabled']);
    expect(resolved.tests['lisa-perf']?.value['lisa']).toMatchObject({ criteria: [{ area: 'network', category: 'performance' }, {}, {}, {}, {}] });
    expect(resolved.testGroups['vm-base-functional']?.value['tests']).toHaveLength(6);
  });

  it('appends overlay files after inline overlays, rebasing sources on the overlay file', () => {
    const files = aprilTree();
    const dir = 'base/comps/azurelinux-rpm-config';
    files.set(`${dir}/overlays/0001-azl-rpm-config-customizations.overlay.toml`, laterFile(`${dir}/overlays/0001-azl-rpm-config-customizations.overlay.toml`));
    files.set(
      `${dir}/azurelinux-rpm-config.comp.toml`,
      '[components.azurelinux-rpm-config]\nspec = { type = "upstream", upstream-name = "redhat-rpm-config" }\noverlay-files = ["overlays/*.overlay.toml"]\n' +
        '[[components.azurelinux-rpm-config.overlays]]\ntype = "spec-add-tag"\ntag = "Provides"\nvalue = "inline-first"\n',
    );
    const result = loadProject(files);
    expect(errors(result)).toEqual([]);
    const c = resolveComponent(result.project, 'azurelinux-rpm-config');
    expect(c?.overlays).toHaveLength(18);
    expect(c?.overlays[0]?.overlay.value).toBe('inline-first');
    expect(c?.overlays[1]).toMatchObject({ overlayFile: `${dir}/overlays/0001-azl-rpm-config-customizations.overlay.toml`, metadata: { category: 'azl-branding-policy' } });
    expect(c?.overlays.find((o) => o.overlay.type === 'file-add')?.overlay.source).toBe(`${dir}/dist.sh`);
    expect(c?.config['overlay-files']).toEqual([`${dir}/overlays/*.overlay.toml`]);
  });

  it('understands archive-scoped overlays and literal-string regexes', () => {
    const files = aprilTree();
    const acc = 'base/comps/apache-commons-compress';
    files.set(`${acc}/overlays/0001-remove-scanner-flagged-archive-fixtures.overlay.toml`, laterFile(`${acc}/overlays/0001-remove-scanner-flagged-archive-fixtures.overlay.toml`));
    files.set(`${acc}/apache-commons-compress.comp.toml`, '[components.apache-commons-compress]\noverlay-files = ["overlays/0001-remove-scanner-flagged-archive-fixtures.overlay.toml"]\n');
    files.set('base/comps/components.toml', (files.get('base/comps/components.toml') ?? '').replace('[components.apache-commons-compress]\n', ''));
    files.set('base/comps/ant/overlays/0004-select-msopenjdk25-binding.overlay.toml', laterFile('base/comps/ant/overlays/0004-select-msopenjdk25-binding.overlay.toml'));
    files.set('base/comps/ant/ant.comp.toml', '[components.ant]\noverlay-files = ["overlays/*.overlay.toml"]\n');
    const result = loadProject(files);
    expect(errors(result)).toEqual([]);
    const acc2 = resolveComponent(result.project, 'apache-commons-compress');
    expect(acc2?.overlays.map((o) => o.overlay.archive)).toEqual(Array(4).fill('commons-compress-1.27.1-src.tar.gz'));
    const ant = resolveComponent(result.project, 'ant');
    expect(ant?.overlays).toHaveLength(6);
    // A basic string with escaped backslashes and a literal string decode to the same RE2 syntax.
    expect(ant?.overlays[4]?.overlay.regex).toBe("^echo 'JAVA_HOME=%\\{_jvmdir\\}/jre-25-openjdk' > %\\{buildroot\\}%\\{_javaconfdir\\}/ant-openjdk25\\.conf$");
    expect(ant?.overlays[5]?.overlay.regex?.startsWith('^%jp_binding --verbose')).toBe(true);
  });

  it('reads a lock file and lets its commit win over the snapshot', () => {
    const files = aprilTree();
    files.set('locks/389-ds-base.lock', laterFile('locks/389-ds-base.lock'));
    const result = loadProject(files);
    expect(errors(result)).toEqual([]);
    const c = resolveComponent(result.project, '389-ds-base');
    expect(c?.upstream).toMatchObject({ commit: '65111d7d880951b514ca368e1f2f0f57f69532f1', commitFrom: 'lock' });
    expect(c?.lock?.value['manual-bump']).toBe(2);
    expect(c?.lock?.provenance['import-commit']).toEqual({ file: 'locks/389-ds-base.lock', line: 3, col: 1 });
    const standalone = parseLockFile('x.lock', laterFile('locks/389-ds-base.lock'));
    expect(standalone.diagnostics).toEqual([]);
    expect(standalone.lock?.value.version).toBe(1);
  });
});
