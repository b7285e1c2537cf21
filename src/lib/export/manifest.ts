/** The versioned image manifest: the resolved package set with its inputs and repositories, the source of every export. */
import type { GroupPackageJob, InstallReason, ResolvedPackage } from '../resolve/types.ts';
import { canonicalJson } from './canonical-json.ts';

/** Version of `schemas/manifest.v1.schema.json`; bump together with the schema. */
export const MANIFEST_SCHEMA_VERSION = 1;

/** What was asked for, so the manifest can be reproduced. */
export interface ManifestInputs {
  /** Hash of the project files the image came from (computed by the caller). */
  projectHash: string;
  image: string;
  profile: string | null;
  arch: string;
  weakDeps: boolean;
  best: boolean;
  excludes: string[];
}

/** A checksum as rpm-md writes it. */
export interface Checksum {
  type: string;
  value: string;
}

/** A repository the packages came from, identified by its repomd revision and checksum. */
export interface ManifestRepo {
  id: string;
  /** Base URL; package URLs are this plus the package location. */
  url: string;
  revision: string | null;
  /** Checksum of repomd.xml. */
  checksum: Checksum | null;
}

/** Why a package is installed, as schema v1 records it; `text` is the solver's own sentence. */
export type ManifestReason = (
  | { kind: 'user'; spec: string }
  | { kind: 'group'; group: string; packageType: GroupPackageJob['type'] }
  | { kind: 'dependency'; by: string; requirement: string }
  | { kind: 'weak-dependency'; by: string; requirement: string; weakKind: 'recommends' | 'supplements' }
  | { kind: 'unknown'; rule: string }
) & { text: string };

/** Copies the resolver's reason field by field, so a change to the resolver type cannot change schema v1 output unnoticed. */
export function manifestReason(r: InstallReason): ManifestReason {
  switch (r.kind) {
    case 'user':
      return { kind: 'user', spec: r.spec, text: r.text };
    case 'group':
      return { kind: 'group', group: r.group, packageType: r.groupPackageType, text: r.text };
    case 'dependency':
      return { kind: 'dependency', by: r.by, requirement: r.requirement, text: r.text };
    case 'weak-dependency':
      return { kind: 'weak-dependency', by: r.by, requirement: r.requirement, weakKind: r.weakKind, text: r.text };
    case 'unknown':
      return { kind: 'unknown', rule: r.rule, text: r.text };
  }
}

/** One installed package. */
export interface ManifestPackage {
  name: string;
  epoch: number;
  version: string;
  release: string;
  arch: string;
  nevra: string;
  summary: string;
  repo: string;
  location: string;
  url: string;
  /** rpm-md pkgid: checksum of the RPM file (sha256 on Fedora). */
  pkgid: Checksum;
  downloadSize: number;
  installSize: number;
  license: string;
  sourcerpm: string;
  reason: ManifestReason;
  requiredBy: string[];
}

/** Sums over the package set. */
export interface ManifestTotals {
  packages: number;
  downloadSize: number;
  installSize: number;
  byArch: Record<string, number>;
  byRepo: Record<string, number>;
  /** With `advisories`: how many there are, by severity. */
  advisories?: { total: number; bySeverity: Record<string, number> };
}

/** An installed package an advisory fixes, and the build that fixes it. */
export interface ManifestAdvisoryPackage {
  name: string;
  arch: string;
  installed: string;
  fixed: string;
}

/** An advisory (updateinfo) that affects a package of the image. */
export interface ManifestAdvisory {
  id: string;
  type: string;
  severity: string;
  title: string;
  issued: string | null;
  cves: string[];
  /** The repositories that carry it, advisory-only sources included. */
  repos: string[];
  packages: ManifestAdvisoryPackage[];
}

/** The image manifest, schema version 1. */
export interface Manifest {
  schemaVersion: typeof MANIFEST_SCHEMA_VERSION;
  inputs: ManifestInputs;
  repos: ManifestRepo[];
  packages: ManifestPackage[];
  totals: ManifestTotals;
  /** Present only when an advisory affects the image, so manifests without advisories keep their bytes. */
  advisories?: ManifestAdvisory[];
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Joins a repository base URL and an rpm-md location without touching `$basearch`-style variables. */
export function packageUrl(base: string, location: string): string {
  return `${base.replace(/\/+$/, '')}/${location.replace(/^\/+/, '')}`;
}

/** Builds the manifest; throws when a package names a repository missing from `repos` (a caller bug, not user input). */
export function buildManifest(packages: readonly ResolvedPackage[], inputs: ManifestInputs, repos: readonly ManifestRepo[]): Manifest {
  const repoById = new Map(repos.map((r) => [r.id, r]));
  const out: ManifestPackage[] = packages.map((p) => {
    const repo = repoById.get(p.repo);
    if (!repo) throw new Error(`buildManifest: package ${p.nevra} comes from repository "${p.repo}", which is not in the repository list`);
    return {
      name: p.name,
      epoch: p.epoch,
      version: p.version,
      release: p.release,
      arch: p.arch,
      nevra: p.nevra,
      summary: p.summary,
      repo: p.repo,
      location: p.location,
      url: packageUrl(repo.url, p.location),
      pkgid: { type: p.checksum.type, value: p.checksum.value },
      downloadSize: p.downloadSize,
      installSize: p.installSize,
      license: p.license,
      sourcerpm: p.sourcerpm,
      reason: manifestReason(p.reason),
      requiredBy: [...new Set(p.requiredBy)].sort(byText),
    };
  });
  out.sort((a, b) => byText(a.name, b.name) || byText(a.arch, b.arch) || byText(a.nevra, b.nevra));
  const byArch: Record<string, number> = {};
  const byRepo: Record<string, number> = {};
  for (const p of out) {
    byArch[p.arch] = (byArch[p.arch] ?? 0) + 1;
    byRepo[p.repo] = (byRepo[p.repo] ?? 0) + 1;
  }
  return {
    schemaVersion: MANIFEST_SCHEMA_VERSION,
    inputs: { ...inputs, excludes: [...new Set(inputs.excludes)].sort(byText) },
    repos: [...repos].sort((a, b) => byText(a.id, b.id)).map((r) => ({ ...r })),
    packages: out,
    totals: {
      packages: out.length,
      downloadSize: out.reduce((s, p) => s + p.downloadSize, 0),
      installSize: out.reduce((s, p) => s + p.installSize, 0),
      byArch,
      byRepo,
    },
  };
}

/** MANIFEST with the advisories that affect it (sorted by id) and their counts by severity; unchanged when there are none. */
export function withAdvisories(manifest: Manifest, advisories: readonly ManifestAdvisory[]): Manifest {
  if (advisories.length === 0) return manifest;
  const sorted = [...advisories].sort((a, b) => byText(a.id, b.id)).map((a) => ({ ...a, cves: [...a.cves], repos: [...a.repos], packages: a.packages.map((p) => ({ ...p })) }));
  const bySeverity: Record<string, number> = {};
  for (const a of sorted) bySeverity[a.severity] = (bySeverity[a.severity] ?? 0) + 1;
  return { ...manifest, advisories: sorted, totals: { ...manifest.totals, advisories: { total: sorted.length, bySeverity } } };
}

/** The manifest as JSON text: `schemaVersion` first, every other key sorted, so equal inputs give equal bytes. */
export function exportManifestJson(manifest: Manifest): string {
  return canonicalJson(manifest, ['schemaVersion']);
}
