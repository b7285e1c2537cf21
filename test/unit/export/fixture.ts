/** A small resolved set shared by the export tests: epochs, a weak dependency, a group member, `+` in a name, SPDX and non-SPDX licences. */
import type { ResolvedPackage } from '../../../src/lib/resolve/types.ts';
import { buildManifest, withAdvisories, type ManifestAdvisory, type ManifestInputs, type ManifestRepo } from '../../../src/lib/export/manifest.ts';
import type { SbomOverlayChange } from '../../../src/lib/export/sbom-parts.ts';

const hex = (seed: string): string => seed.repeat(64).slice(0, 64);

function pkg(p: Omit<ResolvedPackage, 'nevra' | 'location' | 'checksum' | 'summary'> & { summary?: string; seed: string }): ResolvedPackage {
  const evr = `${p.epoch > 0 ? `${p.epoch}:` : ''}${p.version}-${p.release}`;
  const { seed, ...rest } = p;
  return {
    ...rest,
    summary: p.summary ?? `The ${p.name} package`,
    nevra: `${p.name}-${evr}.${p.arch}`,
    location: `Packages/${p.name[0]}/${p.name}-${p.version}-${p.release}.${p.arch}.rpm`,
    checksum: { type: 'sha256', value: hex(seed) },
  };
}

/** Seven packages from two repositories. */
export const PACKAGES: ResolvedPackage[] = [
  pkg({ name: 'bash', epoch: 0, version: '5.3.0', release: '2.fc43', arch: 'x86_64', repo: 'fedora', license: 'GPL-3.0-or-later', sourcerpm: 'bash-5.3.0-2.fc43.src.rpm', downloadSize: 1_900_000, installSize: 8_400_000, reason: { kind: 'user', spec: 'bash', text: 'job install name bash' }, requiredBy: [], seed: '1a' }),
  pkg({ name: 'glibc', epoch: 0, version: '2.42', release: '4.fc43', arch: 'x86_64', repo: 'updates', license: 'LGPL-2.1-or-later AND GPL-2.0-or-later WITH GCC-exception-2.0 AND LicenseRef-Fedora-Public-Domain', sourcerpm: 'glibc-2.42-4.fc43.src.rpm', downloadSize: 2_300_000, installSize: 6_700_000, reason: { kind: 'dependency', by: 'bash-5.3.0-2.fc43.x86_64', requirement: 'libc.so.6()(64bit)', text: 'bash-5.3.0-2.fc43.x86_64 requires libc.so.6()(64bit)' }, requiredBy: ['bash-5.3.0-2.fc43.x86_64', 'libstdc++-15.2.1-1.fc43.x86_64', 'shadow-utils-2:4.18.0-3.fc43.x86_64'], seed: '2b' }),
  pkg({ name: 'libstdc++', epoch: 0, version: '15.2.1', release: '1.fc43', arch: 'x86_64', repo: 'fedora', license: 'GPL-3.0-or-later WITH GCC-exception-3.1', sourcerpm: 'gcc-15.2.1-1.fc43.src.rpm', downloadSize: 950_000, installSize: 2_900_000, reason: { kind: 'group', group: 'core', groupPackageType: 'default', text: 'group core' }, requiredBy: [], seed: '3c' }),
  pkg({ name: 'shadow-utils', epoch: 2, version: '4.18.0', release: '3.fc43', arch: 'x86_64', repo: 'fedora', license: 'BSD-3-Clause AND GPL-2.0-or-later', sourcerpm: 'shadow-utils-4.18.0-3.fc43.src.rpm', downloadSize: 1_300_000, installSize: 4_100_000, reason: { kind: 'dependency', by: 'vim-minimal-2:9.1.1000-1.fc43.x86_64', requirement: 'shadow-utils', text: 'vim-minimal requires shadow-utils' }, requiredBy: ['vim-minimal-2:9.1.1000-1.fc43.x86_64'], seed: '4d' }),
  pkg({ name: 'tzdata', epoch: 0, version: '2025b', release: '1.fc43', arch: 'noarch', repo: 'updates', license: 'Public Domain', sourcerpm: 'tzdata-2025b-1.fc43.src.rpm', downloadSize: 430_000, installSize: 1_700_000, reason: { kind: 'weak-dependency', by: 'glibc-2.42-4.fc43.x86_64', requirement: 'tzdata >= 2003a', weakKind: 'recommends', text: 'glibc recommends tzdata >= 2003a' }, requiredBy: ['glibc-2.42-4.fc43.x86_64'], seed: '5e' }),
  pkg({ name: 'vim-minimal', epoch: 2, version: '9.1.1000', release: '1.fc43', arch: 'x86_64', repo: 'fedora', license: 'Vim and MIT', sourcerpm: 'vim-9.1.1000-1.fc43.src.rpm', downloadSize: 820_000, installSize: 1_600_000, reason: { kind: 'user', spec: 'vim-minimal', text: 'job install name vim-minimal' }, requiredBy: [], seed: '6f' }),
  pkg({ name: 'legacy-tool', epoch: 0, version: '1.0', release: '1.fc43', arch: 'x86_64', repo: 'updates', license: 'GPLv2+', sourcerpm: 'legacy-tool-1.0-1.fc43.src.rpm', downloadSize: 10_000, installSize: 30_000, reason: { kind: 'unknown', rule: 'SOLVER_RULE_UNKNOWN', text: '' }, requiredBy: [], seed: '70' }),
];

/** The inputs the set was resolved from. */
export const INPUTS: ManifestInputs = {
  projectHash: 'sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0',
  image: 'vm-base',
  profile: 'Cloud-Base-Azure',
  arch: 'x86_64',
  weakDeps: true,
  best: true,
  excludes: ['kernel', '*-firmware', 'kernel'],
};

/** Repositories, given in reverse order to check sorting. */
export const REPOS: ManifestRepo[] = [
  { id: 'updates', url: 'https://dl.fedoraproject.org/pub/fedora/linux/updates/43/Everything/x86_64/', revision: '1767000000', checksum: { type: 'sha256', value: hex('ab') } },
  { id: 'fedora', url: 'https://dl.fedoraproject.org/pub/fedora/linux/releases/43/Everything/x86_64/os', revision: '1761000000', checksum: { type: 'sha256', value: hex('cd') } },
];

/** The manifest of the fixture set. */
export const manifest = () => buildManifest(PACKAGES, INPUTS, REPOS);

/** Advisories for the fixture set: a security fix for glibc (two CVEs) and a bugfix for bash. */
export const ADVISORIES: ManifestAdvisory[] = [
  {
    id: 'FEDORA-2026-9a8b7c6d5e', type: 'security', severity: 'Important', title: 'glibc-2.42-5.fc43', issued: '2026-01-10 02:03:04', cves: ['CVE-2026-0001', 'CVE-2026-0002'], repos: ['updates-testing'],
    packages: [{ name: 'glibc', arch: 'x86_64', installed: 'glibc-2.42-4.fc43.x86_64', fixed: 'glibc-2.42-5.fc43.x86_64' }],
  },
  {
    id: 'FEDORA-2026-0a1b2c3d4e', type: 'bugfix', severity: 'None', title: 'bash-5.3.0-3.fc43', issued: null, cves: [], repos: ['updates-testing'],
    packages: [{ name: 'bash', arch: 'x86_64', installed: 'bash-5.3.0-2.fc43.x86_64', fixed: 'bash-5.3.0-3.fc43.x86_64' }],
  },
];

/** vim-minimal as an overlay changed it. */
export const OVERLAY_CHANGES: SbomOverlayChange[] = [
  { nevra: 'vim-minimal-2:9.1.1000-1.fc43.x86_64', changes: ['Requires: + shadow-utils'], overlays: [{ description: 'visudo needs a user database', type: 'spec-add-tag', file: 'base/comps/vim/vim.comp.toml', line: 6 }] },
];

/** The fixture manifest with its advisories. */
export const advisedManifest = () => withAdvisories(manifest(), ADVISORIES);
