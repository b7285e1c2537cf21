/** Selects the parts of a KIWI description that apply to a profile and architecture, and maps them to the image request. */
import type { Diagnostic } from '../../diagnostics.ts';
import { emptyRequest, type ExcludeEntry, type GroupEntry, type ImagePackageRequest, type RepoEntry, type SpecEntry } from '../request.ts';
import type { KiwiDescription, KiwiItem, KiwiPackagesSection } from './description.ts';

/** Which build of the description to read. */
export interface KiwiRequestOptions {
  /** Profiles chosen (azldev passes one); empty = the profiles marked `import="true"`. */
  profiles?: string[];
  /** Target architecture; default `x86_64`. */
  arch?: string;
}

/** The request for one profile plus what KIWI would use around it. */
export interface KiwiRequestResult {
  request: ImagePackageRequest;
  /** Chosen profiles and everything they `<requires>`, in resolution order. */
  usedProfiles: string[];
  /** Merged `<preferences>` values that apply (later blocks override earlier ones). */
  preferences: Record<string, string>;
  /** `image` attribute of the applicable `<type>` (e.g. `oem`, `oci`), or null. */
  imageType: string | null;
  diagnostics: Diagnostic[];
}

// KIWI's default when no section sets patternType (kiwi XMLState.get_collection_type).
const DEFAULT_PATTERN_TYPE = 'onlyRequired';
const WEAK_DEPS_BY_PATTERN: Record<string, boolean> = { onlyRequired: false, plusRecommended: true };

/** Expands the chosen profiles through `<requires profile>` chains; unknown names and cycles are errors. */
export function resolveProfiles(desc: KiwiDescription, chosen: readonly string[], diagnostics: Diagnostic[]): string[] {
  const byName = new Map(desc.profiles.map((p) => [p.name, p]));
  const start = chosen.length > 0 ? [...chosen] : desc.profiles.filter((p) => p.imported).map((p) => p.name);
  const out: string[] = [];
  const visit = (name: string, path: string[]): void => {
    if (path.includes(name)) {
      const p = byName.get(name);
      diagnostics.push({ file: p?.origin.file ?? desc.files[0] ?? '', line: p?.origin.line ?? 0, col: 0, severity: 'error', code: 'kiwi/profile-cycle', message: `profile requirements loop: ${[...path, name].join(' → ')}` });
      return;
    }
    if (out.includes(name)) return;
    const profile = byName.get(name);
    if (!profile) {
      const from = path.length > 0 ? byName.get(path[path.length - 1] as string) : undefined;
      diagnostics.push({
        file: from?.origin.file ?? desc.files[0] ?? '',
        line: from?.origin.line ?? 0,
        col: 0,
        severity: 'error',
        code: 'kiwi/unknown-profile',
        message: `profile ${name} is not defined`,
        hint: desc.profiles.length > 0 ? `Defined profiles: ${desc.profiles.map((p) => p.name).join(', ')}.` : 'The description defines no <profiles>.',
      });
      return;
    }
    out.push(name);
    for (const r of profile.requires) visit(r, [...path, name]);
  };
  for (const name of start) visit(name, []);
  return out;
}

const appliesTo = (profiles: readonly string[], used: ReadonlySet<string>): boolean => profiles.length === 0 || profiles.some((p) => used.has(p));
const forArch = (item: { arch: readonly string[] }, arch: string): boolean => item.arch.length === 0 || item.arch.includes(arch);

/** Maps a KIWI description to the image request for the chosen profiles and architecture. */
export function kiwiToRequest(desc: KiwiDescription, opts: KiwiRequestOptions = {}): KiwiRequestResult {
  const diagnostics: Diagnostic[] = [];
  const arch = opts.arch ?? 'x86_64';
  const usedProfiles = resolveProfiles(desc, opts.profiles ?? [], diagnostics);
  const used = new Set(usedProfiles);

  const preferences: Record<string, string> = {};
  let imageType: string | null = null;
  for (const pref of desc.preferences) {
    if (!appliesTo(pref.profiles, used) || !forArch(pref, arch)) continue;
    Object.assign(preferences, pref.values);
    const image = pref.types[0]?.['image'];
    if (image) imageType = image;
  }

  const sections = desc.packages.filter((s) => appliesTo(s.profiles, used));
  const isImage = (s: KiwiPackagesSection): boolean => s.type === 'image' || (imageType !== null && s.type === imageType);
  const request = emptyRequest('kiwi', arch);

  const take = (list: KiwiItem[]): KiwiItem[] => list.filter((i) => forArch(i, arch));
  const specsOf = (pick: (s: KiwiPackagesSection) => boolean): SpecEntry[] => {
    const seen = new Set<string>();
    const out: SpecEntry[] = [];
    for (const s of sections.filter(pick)) {
      for (const p of take(s.packages)) {
        if (seen.has(p.name)) continue;
        seen.add(p.name);
        out.push({ spec: p.name, origin: p.origin });
      }
    }
    return out;
  };
  const groups: GroupEntry[] = [];
  const excludes: ExcludeEntry[] = [];
  for (const s of sections) {
    for (const c of take(s.collections)) if (!groups.some((g) => g.id === c.name)) groups.push({ id: c.name, kind: 'group', withOptional: false, noDefaults: false, origin: c.origin });
    for (const i of take(s.ignores)) if (!excludes.some((e) => e.pattern === i.name)) excludes.push({ pattern: i.name, origin: i.origin });
    for (const m of take(s.modules)) diagnostics.push({ file: m.origin.file, line: m.origin.line, col: 0, severity: 'warning', code: 'kiwi/module-ignored', message: `<collectionModule name="${m.name}"> is ignored`, hint: 'Fedora 43 and dnf5 have no modules; remove it.' });
    if (s.type === 'uninstall' || s.type === 'delete') {
      diagnostics.push({ file: s.origin.file, line: s.origin.line, col: 0, severity: 'info', code: 'kiwi/removal-not-modelled', message: `<packages type="${s.type}"> removes packages after installation; the resolved set shows them installed` });
    }
  }

  const bootstrap = specsOf((s) => s.type === 'bootstrap');
  const image = specsOf(isImage);
  if (groups.length > 0) request.layers.push({ kind: 'group', label: 'namedCollection', specs: [], groups });
  if (bootstrap.length > 0) request.layers.push({ kind: 'user', label: 'bootstrap', specs: bootstrap, groups: [] });
  if (image.length > 0) request.layers.push({ kind: 'user', label: 'image', specs: image, groups: [] });
  request.excludes = excludes;

  const patterned = sections.filter((s) => isImage(s) && s.patternType !== null);
  const patternType = patterned[0]?.patternType ?? DEFAULT_PATTERN_TYPE;
  for (const s of patterned.slice(1)) {
    if (s.patternType !== patternType) diagnostics.push({ file: s.origin.file, line: s.origin.line, col: 0, severity: 'warning', code: 'kiwi/pattern-type-conflict', message: `patternType="${s.patternType}" is ignored: KIWI uses the first one it finds ("${patternType}")` });
  }
  const weak = WEAK_DEPS_BY_PATTERN[patternType];
  if (weak === undefined) {
    const s = patterned[0];
    diagnostics.push({ file: s?.origin.file ?? '', line: s?.origin.line ?? 0, col: 0, severity: 'error', code: 'kiwi/pattern-type', message: `patternType="${patternType}" is not supported`, hint: 'Use onlyRequired or plusRecommended.' });
  }
  request.weakDeps = weak ?? false;

  const repos: RepoEntry[] = [];
  desc.repositories.forEach((r, i) => {
    if (!appliesTo(r.profiles, used) || !forArch(r, arch)) return;
    if (r.type !== 'rpm-md') {
      diagnostics.push({ file: r.origin.file, line: r.origin.line, col: 0, severity: 'warning', code: 'kiwi/repo-type', message: `repository type "${r.type}" is skipped; only rpm-md is read` });
      return;
    }
    const entry: RepoEntry = { name: r.alias ?? `kiwi-repo-${i + 1}`, url: r.path, urlKind: 'baseurl', origin: r.origin };
    if (r.priority !== null) entry.priority = r.priority;
    repos.push(entry);
  });
  request.repos = repos;
  return { request, usedProfiles, preferences, imageType, diagnostics };
}
