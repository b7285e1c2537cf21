import { parse } from 'smol-toml';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULTS_TOML,
  loadProject,
  resolveComponent,
  resolvePackageConfig,
  resolveProject,
  type Project,
  type ResolvedProject,
} from '../../../src/lib/config/index.ts';
import { aprilTree, azldevDefaults } from './fixture-files.ts';

const SNAPSHOT = '2026-02-24T00:00:00-08:00';
const DISTRO_FILE = 'distro/azurelinux.distro.toml';

describe('the April fixture tree', () => {
  let project: Project;
  let resolved: ResolvedProject;
  let diagnostics: ReturnType<typeof loadProject>['diagnostics'];

  beforeAll(() => {
    ({ project, diagnostics } = loadProject(aprilTree()));
    resolved = resolveProject(project);
  });

  it('loads as one project without errors', () => {
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // 7,382 bare components plus the 24 component files that were copied.
    expect(project.components.size).toBe(7382 + 24);
    expect(project.loadedFiles.slice(0, 5)).toEqual([
      '<azldev defaults>/defaults.toml',
      'azldev.toml',
      'distro/distro.toml',
      'distro/azurelinux.distro.toml',
      'distro/fedora.distro.toml',
    ]);
    // stage2.toml and overrides/ are opt-in and must not be included.
    expect(project.loadedFiles).not.toContain('distro/stage2.toml');
    expect(project.loadedFiles).not.toContain('overrides/fedora.distro.azl.sources.toml');
  });

  it('warns about group members whose component files were not copied', () => {
    const warnings = diagnostics.filter((d) => d.code === 'config/unknown-component');
    expect(warnings.map((d) => d.message)).toContain('component group "check-skip-initial-failures" lists undefined component "perl"');
    expect(warnings.every((d) => d.severity === 'warning' && d.file === 'base/comps/component-check-disablement.toml')).toBe(true);
  });

  it('ships built-in defaults equal to azldev 6eca9a44 defaults.toml', () => {
    expect(parse(DEFAULTS_TOML)).toEqual(parse(azldevDefaults()));
  });

  it('applies project directory defaults and rebases project paths', () => {
    expect(resolved.project.value['rendered-specs-dir']).toBe('specs');
    expect(resolved.project.value['log-dir']).toBe('base/build/logs');
    expect(resolved.project.value['lock-dir']).toBe('locks');
    expect(resolved.project.provenance['lock-dir']?.file).toBe('<azldev defaults>/defaults.toml');
    expect(resolved.project.value['default-author-email']).toBe('azurelinux@microsoft.com');
    expect(resolved.defaultDistro).toEqual({ name: 'azurelinux', version: '4.0-stage2' });
  });

  it('gives a bare component the distro default spec with the snapshot, from the distro file', () => {
    const c = resolveComponent(project, '389-ds-base');
    expect(c?.config.spec).toEqual({ type: 'upstream', 'upstream-distro': { name: 'fedora', version: '43', snapshot: SNAPSHOT } });
    expect(c?.provenance['spec.upstream-distro.snapshot']).toEqual({ file: DISTRO_FILE, line: 38, col: 82 });
    expect(c?.loc).toEqual({ file: 'base/comps/components.toml', line: 8, col: 1 });
    expect(c?.upstream).toMatchObject({ distro: 'fedora', version: '43', distGitBranch: 'f43', cloneUri: 'https://src.fedoraproject.org/rpms/389-ds-base.git', commitFrom: 'snapshot', snapshot: SNAPSHOT });
    expect(c?.renderedSpecDir).toBe('specs/3/389-ds-base');
  });

  it('takes check.skip from the component group for a bare member', () => {
    const c = resolveComponent(project, 'bats');
    expect(c?.groups).toEqual(['check-skip-initial-failures']);
    expect(c?.config.build?.check).toEqual({ skip: true, skip_reason: 'Disabling checks for initial set of failures.' });
    expect(c?.provenance['build.check.skip']?.file).toBe('base/comps/component-check-disablement.toml');
    expect(c?.provenance['build.check.skip']?.line).toBe(191);
  });

  it('keeps a component-level check skip and its own reason', () => {
    const c = resolveComponent(project, 'coreutils');
    expect(c?.config.build?.check?.skip).toBe(true);
    expect(c?.config.build?.check?.skip_reason).toMatch(/^Test tests\/tail\/inotify-rotate-resources/);
    expect(c?.provenance['build.check.skip_reason']).toMatchObject({ file: 'base/comps/coreutils/coreutils.comp.toml', line: 4 });
  });

  it('keeps the inherited snapshot when a component pins version "rawhide" (spec sub-fields merge)', () => {
    const c = resolveComponent(project, 'bash');
    expect(c?.config.spec?.['upstream-distro']).toEqual({ name: 'fedora', version: 'rawhide', snapshot: SNAPSHOT });
    expect(c?.provenance['spec.upstream-distro.version']?.file).toBe('base/comps/bash/bash.comp.toml');
    expect(c?.provenance['spec.upstream-distro.snapshot']?.file).toBe(DISTRO_FILE);
    expect(c?.upstream?.distGitBranch).toBe('rawhide');
  });

  it('prefers an upstream-commit pin over the snapshot', () => {
    const c = resolveComponent(project, 'ImageMagick');
    expect(c?.upstream).toMatchObject({ commit: 'd19ffa4ff6561de088a5d92bfe95950591aa82f8', commitFrom: 'pin', snapshot: SNAPSHOT });
    expect(c?.renderedSpecDir).toBe('specs/i/ImageMagick');
  });

  it('clones upstream-name, not the component name', () => {
    const c = resolveComponent(project, 'azurelinux-rpm-config');
    expect(c?.upstream?.cloneUri).toBe('https://src.fedoraproject.org/rpms/redhat-rpm-config.git');
    expect(c?.overlays).toHaveLength(17);
    expect(c?.overlays[16]?.overlay).toMatchObject({ type: 'file-search-replace', regex: '[Ff]edora' });
    // The inline overlays=[…] array: each element is located on its own line.
    expect(c?.overlays[0]?.loc).toEqual({ file: 'base/comps/azurelinux-rpm-config/azurelinux-rpm-config.comp.toml', line: 9, col: 5 });
    // file-add source is rebased onto the component directory.
    expect(c?.overlays.find((o) => o.overlay.type === 'file-add')?.overlay.source).toBe('base/comps/azurelinux-rpm-config/dist.sh');
  });

  it('rebases a local spec path and has no upstream', () => {
    const c = resolveComponent(project, 'azurelinux-release');
    expect(c?.config.spec).toMatchObject({ type: 'local', path: 'base/comps/azurelinux-release/azurelinux-release.spec' });
    // The distro default's upstream-distro still merges in, as mergo would.
    expect(c?.config.spec?.['upstream-distro']?.name).toBe('fedora');
    expect(c?.upstream).toBeUndefined();
  });

  it('resolves the kernel build options, source files and manual release', () => {
    const c = resolveComponent(project, 'kernel');
    expect(c?.config.release?.calculation).toBe('manual');
    expect(c?.config.build?.without).toEqual(['debug']);
    expect(c?.config.build?.defines).toEqual({ azl_pkgrelease: '8', kextraversion: '1', azurelinux_version: '3' });
    expect(c?.provenance['build.defines.kextraversion']).toMatchObject({ file: 'base/comps/kernel/kernel.comp.toml', line: 16 });
    expect(c?.config['source-files']?.[0]).toMatchObject({ filename: 'kernel-6.18.5.1.tar.gz', 'hash-type': 'SHA512', origin: { type: 'download' } });
    expect(c?.overlays.map((o) => o.overlay.type).filter((t) => t === 'spec-insert-tag')).toHaveLength(3);
  });

  it('keeps array-of-tables overlays in file order with their header lines', () => {
    const c = resolveComponent(project, 'gcc');
    expect(c?.overlays).toHaveLength(8);
    expect(c?.overlays.map((o) => o.loc.line)).toEqual([10, 16, 22, 28, 34, 40, 46, 52]);
    expect(c?.provenance['overlays[7].replacement']?.line).toBe(56);
  });

  it('resolves dnf5 build.without and its three overlays', () => {
    const c = resolveComponent(project, 'dnf5');
    expect(c?.config.build?.without).toEqual(['plugin_rhsm']);
    expect(c?.overlays.map((o) => o.overlay.type)).toEqual(['spec-add-tag', 'spec-append-lines', 'spec-append-lines']);
  });

  it('accepts a tag overlay scoped by package alone (gdb)', () => {
    const c = resolveComponent(project, 'gdb');
    expect(c?.overlays[0]?.overlay).toMatchObject({ type: 'spec-remove-tag', package: 'headless', tag: 'Recommends', value: 'default-yama-scope' });
  });

  it('rebases patch-add sources (apache-sshd) and keeps regex strings literal', () => {
    const c = resolveComponent(project, 'apache-sshd');
    expect(c?.overlays[1]?.overlay.source).toBe('base/comps/apache-sshd/add-maven-compiler-release.patch');
    const edk2 = resolveComponent(project, 'edk2');
    expect(edk2?.overlays[0]?.overlay.regex).toBe('\\[build\\.ovmf\\.xen\\]');
  });

  it('maps binary packages to source packages from # srpm: comments', () => {
    expect(Object.keys(resolved.binaryPackages)).toHaveLength(6081);
    expect(resolved.binaryPackages['abattis-cantarell-vf-fonts']).toMatchObject({ srpm: 'abattis-cantarell-fonts', group: 'base-packages' });
    expect(resolved.binaryPackages['zziplib']?.loc).toEqual({ file: 'base/packages/base.packages.toml', line: 6090, col: 5 });
  });

  it('publishes base-packages to rpm-base and everything else to rpm-sdk', () => {
    expect(resolvePackageConfig(project, 'zziplib').value.publish?.channel).toBe('rpm-base');
    expect(resolvePackageConfig(project, 'not-in-any-group').value.publish?.channel).toBe('rpm-sdk');
  });

  it('rebases image definition paths onto the images directory', () => {
    expect(resolved.images['container-distroless-debug']?.value.definition).toEqual({ type: 'kiwi', path: 'base/images/container-base/container-base.kiwi', profile: 'distroless-debug' });
  });

  it('resolves every component', () => {
    expect(Object.keys(resolved.components)).toHaveLength(7406);
  });
});
