/** The package request of an image, common to kickstart, KIWI and the playground TOML form, and its mapping to the resolver. */
import type { GroupPackageJob, GroupRequest, ResolveRequest } from '../resolve/types.ts';
import { matchesAny } from './glob.ts';

/** Where an entry of a request was written, so the editor can link back to it. */
export interface SourceRef {
  file: string;
  /** 1-based; 0 when the entry is implied by the format rather than written on a line. */
  line: number;
}

/** Which layer of the image an entry belongs to: what the user wrote, what the installer adds, or a comps selection. */
export type LayerKind = 'user' | 'installer-implied' | 'group';

/** One install spec (name, glob, NEVRA or provide). */
export interface SpecEntry {
  spec: string;
  origin: SourceRef;
  /** Why an implied entry is there, in words for the UI. */
  note?: string;
}

/** One comps group or environment selection. */
export interface GroupEntry {
  id: string;
  kind: 'group' | 'environment';
  /** Also install `optional` packages (kickstart `--optional`). */
  withOptional: boolean;
  /** Leave out `default` packages (kickstart `--nodefaults`). */
  noDefaults: boolean;
  origin: SourceRef;
  note?: string;
}

/** A named slice of the request, shown as its own layer (e.g. "added by installer"). */
export interface RequestLayer {
  kind: LayerKind;
  /** Short label, e.g. `%packages`, `bootstrap`, `image`, `anaconda`. */
  label: string;
  specs: SpecEntry[];
  groups: GroupEntry[];
}

/** A package-name glob made unavailable to the solver (dnf excludepkgs). */
export interface ExcludeEntry {
  pattern: string;
  origin: SourceRef;
}

/** A repository the image description names. */
export interface RepoEntry {
  name: string;
  url: string;
  /** How `url` is to be read: a base URL or a mirror list / metalink to expand. */
  urlKind: 'baseurl' | 'mirrorlist' | 'metalink';
  priority?: number;
  cost?: number;
  /** Per-repository excludes (kickstart `repo --excludepkgs`). */
  excludes?: string[];
  origin: SourceRef;
}

/** Everything an image description asks the resolver for, with provenance. */
export interface ImagePackageRequest {
  format: 'kickstart' | 'kiwi' | 'playground';
  /** Ordered: installer-implied first, then groups, then user specs. */
  layers: RequestLayer[];
  excludes: ExcludeEntry[];
  /** Groups the installer must skip even when an environment asks for them (kickstart `-@group`). */
  excludedGroups: string[];
  weakDeps: boolean;
  best: boolean;
  arch: string;
  multilib: boolean;
  repos: RepoEntry[];
  /** `%_install_langs` for rpm (kickstart `--inst-langs`); null when unset. */
  installLangs: string | null;
  excludeDocs: boolean;
  /** Specs that match nothing are skipped instead of failing (kickstart `--ignoremissing`). */
  ignoreMissing: boolean;
}

/** Builds an empty request with dnf5's defaults, for the format readers to fill. */
export function emptyRequest(format: ImagePackageRequest['format'], arch: string): ImagePackageRequest {
  return {
    format,
    layers: [],
    excludes: [],
    excludedGroups: [],
    weakDeps: true,
    best: true,
    arch,
    multilib: false,
    repos: [],
    installLangs: null,
    excludeDocs: false,
    ignoreMissing: false,
  };
}

/** All install specs in layer order, de-duplicated (first occurrence wins). */
export function requestSpecs(request: ImagePackageRequest): string[] {
  const seen = new Set<string>();
  for (const layer of request.layers) for (const s of layer.specs) seen.add(s.spec);
  return [...seen];
}

/** All group selections in layer order; a group selected twice keeps its first switches, as pykickstart does. */
export function requestGroups(request: ImagePackageRequest): GroupEntry[] {
  const seen = new Map<string, GroupEntry>();
  for (const layer of request.layers) {
    for (const g of layer.groups) {
      const key = `${g.kind}:${g.id}`;
      if (!seen.has(key) && !request.excludedGroups.includes(g.id)) seen.set(key, g);
    }
  }
  return [...seen.values()];
}

/** The exclude patterns, sorted and de-duplicated. */
export function requestExcludes(request: ImagePackageRequest): string[] {
  return [...new Set(request.excludes.map((e) => e.pattern))].sort();
}

/** True when a name is made unavailable by the request's excludes (used for implied packages). */
export function isExcluded(request: ImagePackageRequest, name: string): boolean {
  return matchesAny(
    name,
    request.excludes.map((e) => e.pattern),
  );
}

/** The group selections as the resolver's GroupRequest (environments and groups share the comps id space). */
export function toGroupRequests(request: ImagePackageRequest): GroupRequest[] {
  return requestGroups(request).map((g) => {
    const out: GroupRequest = { id: g.id };
    if (g.withOptional) out.withOptional = true;
    if (g.noDefaults) out.noDefaults = true;
    return out;
  });
}

/**
 * Expands comps selections into member jobs; supplied by lib/repo's comps model.
 * Gets the groups to skip so an environment does not bring back a `-@group`.
 */
export type GroupExpander = (groups: GroupRequest[], excludedGroups: string[]) => GroupPackageJob[];

/** Maps an image request to the resolver's ResolveRequest; groups are expanded only when an expander is given. */
export function toResolveRequest(request: ImagePackageRequest, expandGroups?: GroupExpander): ResolveRequest {
  const groups = toGroupRequests(request);
  const out: ResolveRequest = {
    specs: requestSpecs(request),
    excludes: requestExcludes(request),
    weakDeps: request.weakDeps,
    best: request.best,
    multilib: request.multilib,
  };
  if (expandGroups && groups.length > 0) out.groupPackages = expandGroups(groups, [...request.excludedGroups].sort());
  return out;
}
