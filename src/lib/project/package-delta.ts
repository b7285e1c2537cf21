/** What changes between two package sets: added, removed, up- and downgraded packages with the size they move. */
import type { ResolvedPackage } from '../resolve/types.ts';
import { compareEvr } from '../rpm/evr.ts';

/** One package that differs between two sets. */
export interface PackageChange {
  name: string;
  arch: string;
  kind: 'added' | 'removed' | 'upgraded' | 'downgraded' | 'rebuilt';
  before?: { nevra: string; evr: string; repo: string; installSize: number };
  after?: { nevra: string; evr: string; repo: string; installSize: number };
  /** Installed size after minus before (bytes). */
  sizeDelta: number;
}

/** The difference of two package sets, changes sorted by name. */
export interface PackageDelta {
  changes: PackageChange[];
  /** Installed size after minus before (bytes). */
  sizeDelta: number;
  downloadDelta: number;
  unchanged: number;
}

function evrOf(p: ResolvedPackage): string {
  return `${p.epoch ? `${p.epoch}:` : ''}${p.version}-${p.release}`;
}

function side(p: ResolvedPackage) {
  return { nevra: p.nevra, evr: evrOf(p), repo: p.repo, installSize: p.installSize };
}

/** How AFTER differs from BEFORE, package by package (by name and arch; several builds of one name, like kernels, by NEVRA). */
export function packageDelta(before: readonly ResolvedPackage[], after: readonly ResolvedPackage[]): PackageDelta {
  const key = (p: ResolvedPackage) => `${p.name}.${p.arch}`;
  const group = (ps: readonly ResolvedPackage[]) => {
    const m = new Map<string, ResolvedPackage[]>();
    for (const p of ps) m.set(key(p), [...(m.get(key(p)) ?? []), p]);
    return m;
  };
  const a = group(before);
  const b = group(after);
  const changes: PackageChange[] = [];
  let unchanged = 0;
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    const olds = a.get(k) ?? [];
    const news = b.get(k) ?? [];
    const same = new Set(olds.map((p) => p.nevra).filter((n) => news.some((q) => q.nevra === n && q.repo === olds.find((o) => o.nevra === n)?.repo)));
    unchanged += same.size;
    const o = olds.filter((p) => !same.has(p.nevra));
    const n = news.filter((p) => !same.has(p.nevra));
    while (o.length && n.length) {
      const x = o.shift() as ResolvedPackage;
      const y = n.shift() as ResolvedPackage;
      const c = compareEvr(evrOf(y), evrOf(x));
      changes.push({ name: y.name, arch: y.arch, kind: c > 0 ? 'upgraded' : c < 0 ? 'downgraded' : 'rebuilt', before: side(x), after: side(y), sizeDelta: y.installSize - x.installSize });
    }
    for (const x of o) changes.push({ name: x.name, arch: x.arch, kind: 'removed', before: side(x), sizeDelta: -x.installSize });
    for (const y of n) changes.push({ name: y.name, arch: y.arch, kind: 'added', after: side(y), sizeDelta: y.installSize });
  }
  changes.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : x.arch < y.arch ? -1 : 1));
  const sum = (ps: readonly ResolvedPackage[], f: (p: ResolvedPackage) => number) => ps.reduce((t, p) => t + f(p), 0);
  return {
    changes,
    sizeDelta: sum(after, (p) => p.installSize) - sum(before, (p) => p.installSize),
    downloadDelta: sum(after, (p) => p.downloadSize) - sum(before, (p) => p.downloadSize),
    unchanged,
  };
}
