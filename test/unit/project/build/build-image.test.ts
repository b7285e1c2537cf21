import { beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../../../src/lib/config/index.ts';
import { type ImageBuildResult, type ImageBuildSuccess, type LoadedRepo } from '../../../../src/lib/project/build/index.ts';
import type { Resolver } from '../../../../src/lib/resolve/resolver.ts';
import { buildFromFiles, bundledRepo, demoFiles, newResolver } from './demo-support.ts';

let files: Map<string, string>;
let repo: LoadedRepo;
let resolver: Resolver;

beforeAll(async () => {
  files = await demoFiles();
  repo = await bundledRepo();
  resolver = await newResolver();
});

function success(result: ImageBuildResult): ImageBuildSuccess {
  if (!result.ok) throw new Error(`build failed: ${JSON.stringify(result).slice(0, 600)}`);
  return result;
}

const build = async (image: string, extra: { overlays?: boolean; profile?: string } = {}) => success(await buildFromFiles(resolver, { files, image, repos: [repo], ...extra }));
const names = (b: ImageBuildSuccess) => new Set(b.packages.map((p) => p.name));
const layerSummary = (b: ImageBuildSuccess) => b.request.layers.map((l) => `${l.kind}:${l.label}:${[...l.groups.map((g) => `@${g.id}`), ...l.specs.map((s) => s.spec)].join(',')}`);

describe('the demo project', () => {
  it('loads without diagnostics', () => {
    expect(loadProject(files).diagnostics).toEqual([]);
  });

  it('resolves vm-base (KIWI) with the core collection, bootstrap and image layers', async () => {
    const b = await build('vm-base');
    expect(layerSummary(b)).toEqual([
      'group:namedCollection:@core',
      'user:bootstrap:filesystem,setup,centos-stream-release',
      'user:image:kernel,grub2-pc,grub2-efi-x64,shim-x64,dracut-config-generic,openssh-server,chrony,sudo,nvme-cli',
    ]);
    expect(b.request.weakDeps).toBe(false);
    expect(names(b)).toContain('kernel-core');
    expect(names(b)).not.toContain('dracut-config-rescue');
    expect(b.manifest.repos.map((r) => r.id)).toEqual(['centos-stream-9-baseos', 'overlays']);
    expect(b.manifest.repos[0]).toMatchObject({ url: 'bundle:centos-stream-9-baseos-2022', revision: '1644263915' });
    expect(b.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('resolves the container profiles, debug requiring core', async () => {
    const core = await build('container-base');
    const debug = await build('container-debug');
    expect(core.profile).toBe('core');
    expect(debug.profile).toBe('debug');
    expect(layerSummary(core)).toEqual(['user:bootstrap:filesystem,setup,centos-stream-release', 'user:image:bash,coreutils-single,curl-minimal,libcurl-minimal,ca-certificates,tzdata,rpm']);
    expect(layerSummary(debug)[1]).toBe('user:image:bash,coreutils-single,curl-minimal,libcurl-minimal,ca-certificates,tzdata,rpm,sudo,less,procps-ng,strace');
    expect(names(core)).not.toContain('kernel');
    expect(names(debug)).toContain('strace');
    for (const n of names(core)) expect(names(debug)).toContain(n);
  });

  it('resolves the kickstart with the installer-implied layer', async () => {
    const b = await build('cloud-base');
    expect(layerSummary(b)).toEqual(['installer-implied:anaconda:@core,chrony', 'user:%packages:kernel-core,openssh-server,sudo']);
    expect(b.request.weakDeps).toBe(false);
    expect(b.manifest.inputs.excludes).toEqual(['dracut-config-rescue', 'iwl*-firmware', 'kernel']);
    expect(names(b)).toContain('kernel-core');
    expect(names(b)).not.toContain('kernel');
  });

  it('resolves the playground table', async () => {
    const b = await build('toolbox');
    expect(layerSummary(b)).toEqual(['user:playground:tar,rsync,less,which']);
    expect([...names(b)]).toEqual(expect.arrayContaining(['tar', 'rsync', 'less', 'which']));
  });
});

describe('overlays reach the package set', () => {
  it('an added Requires pulls in a new package, and the overlay is named as the cause', async () => {
    const without = await build('container-debug', { overlays: false });
    const withOverlays = await build('container-debug');
    expect(names(without)).not.toContain('vim-minimal');
    expect(names(withOverlays)).toContain('vim-minimal');
    const vim = withOverlays.packages.find((p) => p.name === 'vim-minimal');
    // sudo has release.calculation "auto" (the default): azldev bumps its static Release after the overlays.
    expect(vim?.reason).toMatchObject({ kind: 'dependency', by: 'sudo-1.9.5p2-8.el9.x86_64', requirement: 'vim-minimal' });
    const sudo = withOverlays.packages.find((p) => p.name === 'sudo');
    expect(sudo?.repo).toBe('overlays');
    const change = withOverlays.overlayChanges.find((c) => c.name === 'sudo');
    expect(change).toMatchObject({ component: 'sudo', before: 'sudo-1.9.5p2-7.el9.x86_64', after: 'sudo-1.9.5p2-8.el9.x86_64', inImage: true, changes: ['Release: 7.el9 → 8.el9', 'Requires: + vim-minimal'] });
    expect(change?.overlays).toEqual([
      { description: 'visudo needs vi: require vim-minimal', type: 'spec-add-tag', file: 'base/comps/sudo/sudo.comp.toml', line: 6 },
      { description: 'Release calculation (auto, 1 synthetic commit): 7%{?dist} → 8%{?dist}', type: 'release-calculation', file: 'base/comps/sudo/sudo.comp.toml', line: 3 },
    ]);
  });

  it('a Release bump shows in the NEVRA and in the siblings that require the exact build', async () => {
    const without = await build('vm-base', { overlays: false });
    const b = await build('vm-base');
    const nevras = b.packages.map((p) => p.nevra);
    expect(without.packages.map((p) => p.nevra)).toContain('openssh-server-8.7p1-6.el9.x86_64');
    expect(nevras).toContain('openssh-server-8.7p1-7.el9.x86_64');
    expect(nevras).toContain('openssh-8.7p1-7.el9.x86_64');
    expect(nevras).toContain('chrony-4.1-4.el9.x86_64');
    const server = b.manifest.packages.find((p) => p.name === 'openssh-server');
    expect(server).toMatchObject({ repo: 'overlays', sourcerpm: 'openssh-8.7p1-7.el9.src.rpm', url: 'azl-playground:overlays/openssh/openssh-server-8.7p1-7.el9.x86_64.rpm' });
    const change = b.overlayChanges.find((c) => c.name === 'openssh-server');
    expect(change?.changes).toEqual(['Release: 6.el9 → 7.el9', 'Requires: + audit']);
    expect(change?.overlays.map((o) => o.description)).toEqual(['Rebuild against the Azure Linux crypto policy', 'sshd reports logins to the audit daemon']);
    const chrony = b.overlayChanges.find((c) => c.name === 'chrony');
    expect(chrony?.overlays).toEqual([{ description: 'Release bump for the PTP clock change', type: 'spec-update-tag', file: 'base/comps/chrony/overlays/0001-azure-ptp-clock.overlay.toml', line: 13 }]);
    expect(b.components.map((c) => `${c.component}:${c.status}`)).toEqual(['chrony:applied', 'openssh:applied', 'sudo:applied']);
  });

  it('the manifest shows the release azldev would build: auto bumps a static Release, manual leaves it', async () => {
    const b = await build('container-debug');
    // sudo: auto, Release 7%{?dist} bumped once after the overlays; openssh/chrony set theirs and are manual.
    expect(b.manifest.packages.find((p) => p.name === 'sudo')).toMatchObject({ version: '1.9.5p2', release: '8.el9', repo: 'overlays', sourcerpm: 'sudo-1.9.5p2-8.el9.src.rpm' });
    const manual = new Map(files);
    manual.set('base/comps/sudo/sudo.comp.toml', `${files.get('base/comps/sudo/sudo.comp.toml') as string}[components.sudo.release]\ncalculation = "manual"\n`);
    const kept = success(await buildFromFiles(resolver, { files: manual, image: 'container-debug', repos: [repo] }));
    expect(kept.manifest.packages.find((p) => p.name === 'sudo')).toMatchObject({ release: '7.el9' });
  });

  it('overlay causes name the overlay, not the build-macros steps rendered before it', async () => {
    const edited = new Map(files);
    const toml = edited.get('base/comps/sudo/sudo.comp.toml') as string;
    edited.set('base/comps/sudo/sudo.comp.toml', toml.replace('spec = { type = "local", path = "sudo.spec" }', 'spec = { type = "local", path = "sudo.spec" }\nbuild = { with = ["sssd"] }'));
    const b = success(await buildFromFiles(resolver, { files: edited, image: 'container-debug', repos: [repo] }));
    const change = b.overlayChanges.find((c) => c.name === 'sudo');
    expect(change?.overlays).toEqual([
      { description: 'visudo needs vi: require vim-minimal', type: 'spec-add-tag', file: 'base/comps/sudo/sudo.comp.toml', line: 7 },
      { description: 'Release calculation (auto, 1 synthetic commit): 7%{?dist} → 8%{?dist}', type: 'release-calculation', file: 'base/comps/sudo/sudo.comp.toml', line: 3 },
    ]);
  });

  it('each package change is credited only to the overlays that made it, in one render per component', async () => {
    const edited = new Map(files);
    const toml = edited.get('base/comps/sudo/sudo.comp.toml') as string;
    const more = [
      '[[components.sudo.overlays]]\ndescription = "quiet build"\ntype = "spec-append-lines"\nsection = "%build"\nlines = ["true"]',
      '[[components.sudo.overlays]]\ndescription = "pager for sudoreplay"\ntype = "spec-add-tag"\ntag = "Requires"\nvalue = "less"',
    ];
    edited.set('base/comps/sudo/sudo.comp.toml', `${toml}\n${more.join('\n\n')}\n`);
    const b = success(await buildFromFiles(resolver, { files: edited, image: 'container-debug', repos: [repo] }));
    const change = b.overlayChanges.find((c) => c.name === 'sudo');
    expect(change?.changes).toEqual(['Release: 7.el9 → 8.el9', 'Requires: + vim-minimal', 'Requires: + less']);
    expect(change?.overlays.map((o) => o.description)).toEqual(['visudo needs vi: require vim-minimal', 'pager for sudoreplay', 'Release calculation (auto, 1 synthetic commit): 7%{?dist} → 8%{?dist}']);
  });

  it('a component whose spec is missing is reported, not skipped silently', async () => {
    const edited = new Map(files);
    edited.delete('base/comps/sudo/sudo.spec');
    const b = success(await buildFromFiles(resolver, { files: edited, image: 'container-debug', repos: [repo] }));
    expect(b.components.find((c) => c.component === 'sudo')?.status).toBe('no-spec');
    expect(b.diagnostics).toContainEqual(expect.objectContaining({ code: 'image/overlay-no-spec', file: 'base/comps/sudo/sudo.comp.toml', severity: 'warning' }));
    expect(names(b)).not.toContain('vim-minimal');
  });
});

describe('repository matching', () => {
  it('an unmatched repository is an error on its config line', async () => {
    const other = { ...repo, id: 'something-else', url: 'https://example.invalid/repo/' };
    const result = await buildFromFiles(resolver, { files, image: 'vm-base', repos: [other] });
    expect(result.ok).toBe(false);
    expect(result.ok === false && result.kind).toBe('input');
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ file: 'distro/azurelinux.distro.toml', line: 25, severity: 'error', code: 'image/repo-unmatched' }));
  });

  it('matches by id when the URL differs', async () => {
    const byId: LoadedRepo = { id: 'centos-stream-9-baseos', info: repo.info, content: repo.content };
    const b = success(await buildFromFiles(resolver, { files, image: 'toolbox', repos: [byId] }));
    expect(b.repos.map((r) => r.id)).toEqual(['centos-stream-9-baseos']);
  });

  it('expands $releasever and $basearch in configured URLs before matching', async () => {
    const edited = new Map(files);
    const distro = edited.get('distro/azurelinux.distro.toml') as string;
    edited.set('distro/azurelinux.distro.toml', distro.replace('base-uri = "bundle:centos-stream-9-baseos-2022"', 'base-uri = "https://mirror.example/$releasever/BaseOS/$basearch/os/"'));
    const mirrored: LoadedRepo = { ...repo, id: 'mirror', url: 'https://mirror.example/4.0/BaseOS/x86_64/os' };
    const b = success(await buildFromFiles(resolver, { files: edited, image: 'toolbox', repos: [mirrored] }));
    expect(b.manifest.repos[0]?.url).toBe('https://mirror.example/4.0/BaseOS/x86_64/os/');
  });

  it('an unknown image and an unknown profile are input errors', async () => {
    const unknown = await buildFromFiles(resolver, { files, image: 'nope', repos: [repo] });
    expect(unknown.ok === false && unknown.diagnostics.at(-1)?.code).toBe('image/unknown-image');
    const profile = await buildFromFiles(resolver, { files, image: 'container-base', profile: 'nope', repos: [repo] });
    expect(profile.ok === false && profile.diagnostics.some((d) => d.code === 'kiwi/unknown-profile')).toBe(true);
  });

  it('an image whose architectures leave out the build arch says so instead of building (azldev 1.0.0)', async () => {
    const edited = new Map(files);
    const images = edited.get('base/images/images.toml') as string;
    edited.set('base/images/images.toml', images.replace('[images.toolbox]\n', '[images.toolbox]\narchitectures = ["aarch64"]\n'));
    const refused = await buildFromFiles(resolver, { files: edited, image: 'toolbox', repos: [repo] });
    expect(refused.ok).toBe(false);
    const diagnostic = refused.ok ? undefined : refused.diagnostics.at(-1);
    expect(diagnostic).toMatchObject({ code: 'image/architecture', severity: 'error', file: 'base/images/images.toml', message: 'image toolbox is not built for x86_64: its architectures are aarch64' });
    expect(diagnostic?.hint).toContain('images.toolbox.architectures');
    edited.set('base/images/images.toml', images.replace('[images.toolbox]\n', '[images.toolbox]\narchitectures = ["x86_64", "aarch64"]\n'));
    expect((await buildFromFiles(resolver, { files: edited, image: 'toolbox', repos: [repo] })).ok).toBe(true);
  });
});
