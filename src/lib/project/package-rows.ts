/** The package table's rows: a resolved package set with the layer and reason each package came in by, sorted, filtered and grouped. */
import type { InstallReason, ResolvedPackage } from '../resolve/types.ts';
import { nameOfNevra } from './answer-lines.ts';

/** One row of the package table. */
export interface PackageRow {
  nevra: string;
  name: string;
  evr: string;
  arch: string;
  repo: string;
  downloadSize: number;
  installSize: number;
  license: string;
  summary: string;
  /** The source package's name (from `sourcerpm`). */
  source: string;
  /** Why it is in, in a few words (`requested`, `group core`, `bash requires libc.so.6`). */
  reason: string;
  /** Who brought it, for grouping: `requested`, `group core`, `required by bash`, `wanted by systemd`. */
  cause: string;
  /** Which layer of the request brought it: the user's entries, what the installer adds, a group, or a dependency. */
  layer: 'user' | 'installer' | 'group' | 'dependency' | 'weak dependency' | 'other';
}

/** A column the table sorts by. */
export type SortKey = 'name' | 'evr' | 'arch' | 'repo' | 'downloadSize' | 'installSize' | 'license' | 'reason' | 'layer';
/** What the table groups by. */
export type GroupKey = 'none' | 'source' | 'repo' | 'reason' | 'layer';

/** A group of rows with its totals. */
export interface RowGroup {
  key: string;
  rows: PackageRow[];
  downloadSize: number;
  installSize: number;
}

/**
 * The spec (or group member name) of the install job that brought a package in: libsolv words some
 * job decisions as another rule ("best package for job install openssh-server" under `best`).
 */
export function askedSpecOf(reason: InstallReason): string | undefined {
  if (reason.kind === 'user') return reason.spec;
  if (reason.kind === 'unknown') return /\bjob install (\S+)/.exec(reason.text)?.[1];
  return undefined;
}

/** The source package name of an rpm's `sourcerpm` (`bash-5.1.8-4.el9.src.rpm` → `bash`). */
export function sourceName(sourcerpm: string, fallback: string): string {
  return sourcerpm ? nameOfNevra(sourcerpm.replace(/\.(no)?src\.rpm$/, '')) : fallback;
}

/**
 * Rows for PACKAGES; INSTALLER_SPECS are the specs the installer adds on its own (an image's implied
 * layer), USER_SPECS the ones the user wrote (a job for anything else came from a group).
 */
export function packageRows(packages: readonly ResolvedPackage[], installerSpecs: ReadonlySet<string> = new Set(), userSpecs?: ReadonlySet<string>): PackageRow[] {
  return packages.map((p) => {
    const r = p.reason;
    let reason: string;
    let cause: string;
    let layer: PackageRow['layer'];
    switch (r.kind) {
      case 'user':
        reason = `requested (${r.spec})`;
        cause = 'requested';
        layer = installerSpecs.has(r.spec) ? 'installer' : 'user';
        break;
      case 'group':
        reason = `group ${r.group} (${r.groupPackageType})`;
        cause = `group ${r.group}`;
        layer = 'group';
        break;
      case 'dependency':
        reason = `${nameOfNevra(r.by)} requires ${r.requirement}`;
        cause = `required by ${nameOfNevra(r.by)}`;
        layer = 'dependency';
        break;
      case 'weak-dependency':
        reason = `${nameOfNevra(r.by)} ${r.weakKind} ${r.requirement}`;
        cause = `wanted by ${nameOfNevra(r.by)}`;
        layer = 'weak dependency';
        break;
      default: {
        const asked = askedSpecOf(r);
        reason = asked ? `requested (${asked})` : r.text;
        cause = asked ? 'requested' : 'other';
        layer = !asked ? 'other' : installerSpecs.has(asked) ? 'installer' : !userSpecs || userSpecs.has(asked) ? 'user' : 'group';
      }
    }
    const evr = `${p.epoch ? `${p.epoch}:` : ''}${p.version}-${p.release}`;
    return { nevra: p.nevra, name: p.name, evr, arch: p.arch, repo: p.repo, downloadSize: p.downloadSize, installSize: p.installSize, license: p.license, summary: p.summary, source: sourceName(p.sourcerpm, p.name), reason, cause, layer };
  });
}

/** Rows matching QUERY, case-insensitively, in name, summary, repo or licence, or named in PROVIDING (packages whose provides match). */
export function filterRows(rows: readonly PackageRow[], query: string, providing: ReadonlySet<string> = new Set()): PackageRow[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...rows];
  return rows.filter((r) => providing.has(r.name) || r.name.toLowerCase().includes(q) || r.summary.toLowerCase().includes(q) || r.repo.toLowerCase().includes(q) || r.license.toLowerCase().includes(q));
}

/** ROWS sorted by KEY (ties by name, then NEVRA), descending when DESC; case-insensitive, keys computed once per row. */
export function sortRows(rows: readonly PackageRow[], key: SortKey, desc = false): PackageRow[] {
  const sign = desc ? -1 : 1;
  // Thousands of rows on the main thread: plain comparisons of precomputed keys, not a collator per pair.
  const keyed = rows.map((row) => {
    const v = row[key];
    return { row, v: typeof v === 'number' ? v : v.toLowerCase(), name: row.name.toLowerCase() };
  });
  keyed.sort((a, b) => {
    const c = a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
    return sign * c || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || (a.row.nevra < b.row.nevra ? -1 : a.row.nevra > b.row.nevra ? 1 : 0);
  });
  return keyed.map((k) => k.row);
}

/** ROWS grouped by KEY, each group with its totals, the largest installed size first. */
export function groupRows(rows: readonly PackageRow[], key: Exclude<GroupKey, 'none'>): RowGroup[] {
  const groups = new Map<string, RowGroup>();
  for (const r of rows) {
    const k = key === 'reason' ? r.cause : r[key];
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { key: k, rows: [], downloadSize: 0, installSize: 0 }));
    g.rows.push(r);
    g.downloadSize += r.downloadSize;
    g.installSize += r.installSize;
  }
  return [...groups.values()].sort((a, b) => b.installSize - a.installSize || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
