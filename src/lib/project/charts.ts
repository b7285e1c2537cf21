/** The charts' data: installed size by source package (a treemap) and by licence (a bar), from the table's rows. */
import { hierarchy, treemap, treemapSquarify } from 'd3-hierarchy';
import type { PackageRow } from './package-rows.ts';

/** One tile of the treemap: a source package, its box and its figures. */
export interface Tile {
  source: string;
  packages: number;
  installSize: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Lays out ROWS' installed size by source package in a WIDTH × HEIGHT box (d3-hierarchy's squarified treemap). */
export function sizeTreemap(rows: readonly PackageRow[], width: number, height: number): Tile[] {
  const bySource = new Map<string, { packages: number; installSize: number }>();
  for (const r of rows) {
    const s = bySource.get(r.source) ?? { packages: 0, installSize: 0 };
    s.packages += 1;
    s.installSize += r.installSize;
    bySource.set(r.source, s);
  }
  type Node = { source: string; packages: number; installSize: number; children?: Node[] };
  const root = hierarchy<Node>({ source: '', packages: 0, installSize: 0, children: [...bySource].map(([source, s]) => ({ source, ...s })) })
    .sum((d) => (d.children ? 0 : Math.max(d.installSize, 1)))
    .sort((a, b) => (b.value ?? 0) - (a.value ?? 0) || (a.data.source < b.data.source ? -1 : 1));
  const laid = treemap<Node>().tile(treemapSquarify).size([width, height]).paddingInner(1).round(true)(root);
  return laid.leaves().map((l) => ({ source: l.data.source, packages: l.data.packages, installSize: l.data.installSize, x0: l.x0, y0: l.y0, x1: l.x1, y1: l.y1 }));
}

/** One licence's share of the installed size. */
export interface LicenceShare {
  license: string;
  packages: number;
  installSize: number;
  /** Fraction of the total installed size, 0–1. */
  share: number;
}

/** ROWS' installed size by licence expression, largest first; past TOP the rest is one "other" share. */
export function licenceShares(rows: readonly PackageRow[], top = 8): LicenceShare[] {
  const by = new Map<string, { packages: number; installSize: number }>();
  for (const r of rows) {
    const k = r.license || 'unknown';
    const s = by.get(k) ?? { packages: 0, installSize: 0 };
    s.packages += 1;
    s.installSize += r.installSize;
    by.set(k, s);
  }
  const total = rows.reduce((n, r) => n + r.installSize, 0) || 1;
  const sorted = [...by].map(([license, s]) => ({ license, ...s, share: s.installSize / total })).sort((a, b) => b.installSize - a.installSize || (a.license < b.license ? -1 : 1));
  if (sorted.length <= top) return sorted;
  const rest = sorted.slice(top);
  return [...sorted.slice(0, top), { license: `other (${rest.length} licences)`, packages: rest.reduce((n, s) => n + s.packages, 0), installSize: rest.reduce((n, s) => n + s.installSize, 0), share: rest.reduce((n, s) => n + s.share, 0) }];
}
