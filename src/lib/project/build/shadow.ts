/** Applies package change sets to the upstream binaries of a component, producing the shadow repository's packages. */
import type { Diagnostic } from '../../diagnostics.ts';
import { sha256Hex } from '../../export/sha256.ts';
import type { DependencyKind, PackageChangeSet, SpecDependency } from '../../overlay/index.ts';
import type { PackageDep, PackageRecord } from '../../resolve/types.ts';
import { DIST_PLACEHOLDER, type ComponentChanges } from './overlays.ts';
import { splitEvr } from '../../rpm/evr.ts';
import type { OverlayPackageChange } from './types.ts';

/** Id of the shadow repository in the resolver and the manifest. */
export const OVERLAY_REPO_ID = 'overlays';
/** Base URL the manifest gives shadow packages: they exist once the project's overlaid components are rebuilt. */
export const OVERLAY_REPO_URL = 'azl-playground:overlays';

/** What the shadow repository holds, what it hides, and how it got there. */
export interface ShadowResult {
  packages: PackageRecord[];
  changes: OverlayPackageChange[];
  /** Names of subpackages the overlays removed; excluded from the solve so upstream builds cannot stand in. */
  excludes: string[];
  diagnostics: Diagnostic[];
}

type DepList = 'provides' | 'requires' | 'conflicts' | 'obsoletes' | 'recommends' | 'suggests' | 'supplements' | 'enhances';
const LIST_OF: Record<DependencyKind, DepList> = {
  Requires: 'requires',
  Provides: 'provides',
  Conflicts: 'conflicts',
  Obsoletes: 'obsoletes',
  Recommends: 'recommends',
  Suggests: 'suggests',
  Supplements: 'supplements',
  Enhances: 'enhances',
};
const FLAGS: Record<string, PackageDep['flags']> = { '>=': 'GE', '<=': 'LE', '=': 'EQ', '==': 'EQ', '<': 'LT', '>': 'GT' };
const SCRIPTLET_QUALIFIERS = new Set(['pre', 'post', 'preun', 'postun']);

const evrText = (epoch: string, ver: string, rel: string | null): string => `${epoch !== '0' ? `${epoch}:` : ''}${ver}${rel !== null ? `-${rel}` : ''}`;
const stripZeroEpoch = (evr: string | undefined): string | undefined => evr?.replace(/^0:/, '');
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The dist tag of a binary, read by matching the spec's Release (with the placeholder) against the binary's. */
function distOf(specRelease: string | null, binaryRelease: string): string | null {
  if (specRelease === null) return null;
  const pattern = new RegExp(`^${specRelease.split(DIST_PLACEHOLDER).map(escapeRegExp).join('(.*)')}$`);
  const m = pattern.exec(binaryRelease);
  if (!m) return null;
  return m[1] ?? '';
}

/** A spec dependency as an rpm-md entry; null when it still holds an unexpanded macro. */
function toDep(d: SpecDependency, dist: string): PackageDep | null {
  const text = d.expanded.replaceAll(DIST_PLACEHOLDER, dist).trim();
  if (text.includes('%')) return null;
  const pre = d.qualifier.split(',').some((q) => SCRIPTLET_QUALIFIERS.has(q.trim()));
  if (text.startsWith('(')) return pre ? { name: text, pre } : { name: text };
  const m = /^(\S+)\s*(>=|<=|==|=|<|>)\s*(\S+)$/.exec(text);
  const dep: PackageDep = m ? { name: m[1] as string, flags: FLAGS[m[2] as string] as PackageDep['flags'], evr: m[3] as string } : { name: text };
  if (pre) dep.pre = true;
  return dep;
}

const sameDep = (a: PackageDep, b: PackageDep): boolean => a.name === b.name && (!b.flags || (a.flags === b.flags && stripZeroEpoch(a.evr) === stripZeroEpoch(b.evr)));

function nevraOf(name: string, evr: string, arch: string): string {
  return `${name}-${evr}.${arch}`;
}

/** Builds the shadow packages of every overlaid component from its upstream RECORDS (all repositories). */
export function buildShadow(components: readonly ComponentChanges[], records: readonly PackageRecord[]): ShadowResult {
  const out: ShadowResult = { packages: [], changes: [], excludes: [], diagnostics: [] };
  const seen = new Set<string>();
  for (const comp of components) {
    const own = records.filter((r) => r.sourceName === comp.sourceName);
    // Version and release changes rename sibling dependencies such as `openssh = 8.7p1-6.el9`.
    const evrMap = new Map<string, string>();
    const planned: { record: PackageRecord; change: OverlayPackageChange; evr: { epoch: string; ver: string; rel: string }; cs: PackageChangeSet; dist: string }[] = [];
    for (const { change: cs, causes } of comp.changes) {
      const before = cs.name.before;
      if (cs.status === 'added' || before === null) {
        out.diagnostics.push({ file: causes[0]?.file ?? '', line: causes[0]?.line ?? 0, col: 0, severity: 'info', code: 'image/overlay-added-subpackage', message: `overlays of ${comp.component} add subpackage ${cs.name.after ?? cs.specPackage}, which no repository has yet; it is not part of the image until built` });
        continue;
      }
      const matching = own.filter((r) => r.name === before);
      if (matching.length === 0) {
        out.diagnostics.push({ file: causes[0]?.file ?? '', line: causes[0]?.line ?? 0, col: 0, severity: 'info', code: 'image/overlay-package-absent', message: `overlays of ${comp.component} change ${before}, which no loaded repository has` });
        continue;
      }
      for (const record of matching) {
        if (cs.status === 'removed') {
          if (!out.excludes.includes(before)) out.excludes.push(before);
          out.changes.push({ component: comp.component, name: before, arch: record.arch, before: record.nevra, after: null, changes: ['subpackage removed'], overlays: causes, inImage: false });
          continue;
        }
        const old = splitEvr(record.evr);
        const oldRel = old.release ?? '';
        const dist = cs.release ? distOf(cs.release.before, oldRel) : '';
        if (dist === null) {
          out.diagnostics.push({ file: causes[0]?.file ?? '', line: causes[0]?.line ?? 0, col: 0, severity: 'warning', code: 'image/overlay-release-mismatch', message: `the spec of ${comp.component} has Release ${(cs.release?.before ?? '').replaceAll(DIST_PLACEHOLDER, '%{?dist}')}, which does not describe ${record.nevra}; the new Release is used without a dist tag` });
        }
        const d = dist ?? '';
        const fill = (v: string | null | undefined, fallback: string): string => (v === undefined ? fallback : (v ?? '').replaceAll(DIST_PLACEHOLDER, d));
        const evr = { epoch: cs.epoch ? fill(cs.epoch.after, '0') || '0' : old.epoch, ver: fill(cs.version?.after, old.version), rel: fill(cs.release?.after, oldRel) };
        evrMap.set(stripZeroEpoch(record.evr) as string, evrText(evr.epoch, evr.ver, evr.rel));
        const lines: string[] = [];
        if (cs.epoch) lines.push(`Epoch: ${old.epoch} → ${evr.epoch}`);
        if (cs.version) lines.push(`Version: ${old.version} → ${evr.ver}`);
        if (cs.release) lines.push(`Release: ${oldRel} → ${evr.rel}`);
        if (cs.name.after !== null && cs.name.after !== before) lines.push(`Name: ${before} → ${cs.name.after}`);
        const text = (x: SpecDependency): string => x.expanded.replaceAll(DIST_PLACEHOLDER, d);
        // `Requires: openssh = %{version}-%{release}` reads as removed-and-added after a Release bump; the Release line says it already.
        const renamedOnly = (x: SpecDependency, others: SpecDependency[]): boolean => others.some((o) => o.kind === x.kind && o.name === x.name && o.qualifier === x.qualifier && /[<>=]/.test(text(o)) && /[<>=]/.test(text(x)));
        for (const a of cs.added) if (!(lines.length > 0 && renamedOnly(a, cs.removed))) lines.push(`${a.kind}${a.qualifier ? `(${a.qualifier})` : ''}: + ${text(a)}`);
        for (const r of cs.removed) if (!(lines.length > 0 && renamedOnly(r, cs.added))) lines.push(`${r.kind}${r.qualifier ? `(${r.qualifier})` : ''}: - ${text(r)}`);
        const change: OverlayPackageChange = { component: comp.component, name: cs.name.after ?? before, arch: record.arch, before: record.nevra, after: null, changes: lines, overlays: causes, inImage: false };
        planned.push({ record, change, evr, cs, dist: d });
      }
    }
    for (const { record, change, evr, cs, dist } of planned) {
      const rewrite = (dep: PackageDep): PackageDep => {
        const mapped = dep.evr !== undefined ? evrMap.get(stripZeroEpoch(dep.evr) as string) : undefined;
        return mapped !== undefined ? { ...dep, evr: mapped } : { ...dep };
      };
      const lists = {} as Record<DepList, PackageDep[]>;
      for (const list of Object.values(LIST_OF)) lists[list] = record[list].map(rewrite);
      for (const removed of cs.removed) {
        const dep = toDep(removed, dist);
        if (dep) lists[LIST_OF[removed.kind]] = lists[LIST_OF[removed.kind]].filter((d) => !sameDep(d, dep));
      }
      for (const added of cs.added) {
        const dep = toDep(added, dist);
        if (dep && !lists[LIST_OF[added.kind]].some((d) => sameDep(d, dep) && d.flags === dep.flags)) lists[LIST_OF[added.kind]].push(dep);
        else if (dep) continue;
        else out.diagnostics.push({ file: change.overlays[0]?.file ?? '', line: change.overlays[0]?.line ?? 0, col: 0, severity: 'warning', code: 'image/overlay-unexpanded-dependency', message: `${added.kind}: ${added.raw} of ${change.name} keeps a macro the playground cannot expand; it is left out of the shadow package` });
      }
      if (change.name !== record.name) lists.provides = lists.provides.map((p) => (p.name === record.name ? { ...p, name: change.name } : p));
      const newEvr = evrText(evr.epoch, evr.ver, evr.rel);
      const nevra = nevraOf(change.name, newEvr, record.arch);
      if (seen.has(nevra)) continue;
      seen.add(nevra);
      const old = splitEvr(record.evr);
      const shadow: PackageRecord = {
        ...record,
        ...lists,
        nevra,
        name: change.name,
        evr: newEvr,
        repo: OVERLAY_REPO_ID,
        sourcerpm: record.sourcerpm.replace(`-${old.version}-${old.release ?? ''}.src.rpm`, `-${evr.ver}-${evr.rel}.src.rpm`),
        location: `${change.component}/${change.name}-${evr.ver}-${evr.rel}.${record.arch}.rpm`,
      };
      // Not a file hash (the package is not built yet): a stable identity of upstream file plus changes.
      shadow.checksumType = 'sha256';
      shadow.checksum = sha256Hex(JSON.stringify({ upstream: record.checksum, nevra, lists }));
      change.after = nevra;
      if (change.name !== record.name && !out.excludes.includes(record.name)) out.excludes.push(record.name);
      out.packages.push(shadow);
      out.changes.push(change);
    }
  }
  out.excludes.sort();
  out.changes.sort((a, b) => (a.before < b.before ? -1 : a.before > b.before ? 1 : 0));
  return out;
}
