/** Which advisories affect a package set: an installed package older than the build an advisory ships, same name and arch. */
import type { Advisory } from '../repo/index.ts';
import { compareEvr } from '../rpm/vercmp.ts';

/** Where advisories were read from: a repository in use, or one added as an advisory source only. */
export interface AdvisorySource {
  /** The repository id. */
  repo: string;
  /** True when the repository only contributes advisories (its packages are not in the pool). */
  advisoryOnly: boolean;
  advisories: readonly Advisory[];
}

/** The package fields the matching reads (a resolver result or a manifest package both fit). */
export interface InstalledPackage {
  name: string;
  epoch: number;
  version: string;
  release: string;
  arch: string;
  nevra: string;
}

/** One installed package an advisory fixes, and the build that fixes it. */
export interface AffectedPackage {
  name: string;
  arch: string;
  installed: string;
  fixed: string;
}

/** An advisory that affects the package set. */
export interface AffectingAdvisory {
  id: string;
  type: string;
  /** The repository's severity, or `None` when it gives none (as dnf shows it). */
  severity: string;
  title: string;
  issued: string | null;
  cves: string[];
  /** Repositories that carry it, in source order. */
  repos: string[];
  packages: AffectedPackage[];
}

/** Advisories affecting a package set, and their counts by severity. */
export interface AdvisoryMatch {
  advisories: AffectingAdvisory[];
  bySeverity: Record<string, number>;
}

/** The severity shown for an advisory without one. */
export const NO_SEVERITY = 'None';

function nevraOf(p: { name: string; epoch: number; version: string; release: string; arch: string }): string {
  return `${p.name}-${p.epoch > 0 ? `${p.epoch}:` : ''}${p.version}-${p.release}.${p.arch}`;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Lists every advisory from SOURCES that affects a package of INSTALLED: a package the advisory
 * ships has the same name and arch and a newer EVR (rpm order). When an advisory ships several
 * builds of a package, the oldest one newer than the installed build is named as the fix. An
 * advisory found in several sources is listed once, with every repository that carries it.
 */
export function matchAdvisories(installed: readonly InstalledPackage[], sources: readonly AdvisorySource[]): AdvisoryMatch {
  const byNameArch = new Map<string, InstalledPackage[]>();
  for (const p of installed) {
    const key = `${p.name}.${p.arch}`;
    const list = byNameArch.get(key) ?? [];
    list.push(p);
    byNameArch.set(key, list);
  }
  const found = new Map<string, AffectingAdvisory>();
  for (const source of sources) {
    for (const advisory of source.advisories) {
      const seen = found.get(advisory.id);
      if (seen) {
        if (!seen.repos.includes(source.repo)) seen.repos.push(source.repo);
        continue;
      }
      const fixes = new Map<string, Advisory['packages']>();
      for (const fix of advisory.packages) {
        const key = `${fix.name}.${fix.arch}`;
        fixes.set(key, [...(fixes.get(key) ?? []), fix]);
      }
      const affected: AffectedPackage[] = [];
      for (const [key, builds] of fixes) {
        for (const p of byNameArch.get(key) ?? []) {
          const newer = builds.filter((fix) => compareEvr(p, fix) < 0);
          if (newer.length === 0) continue;
          const fix = newer.reduce((a, b) => (compareEvr(b, a) < 0 ? b : a));
          affected.push({ name: p.name, arch: p.arch, installed: p.nevra, fixed: nevraOf(fix) });
        }
      }
      if (affected.length === 0) continue;
      found.set(advisory.id, {
        id: advisory.id,
        type: advisory.type,
        severity: advisory.severity || NO_SEVERITY,
        title: advisory.title,
        issued: advisory.issued,
        cves: [...advisory.cves],
        repos: [source.repo],
        packages: affected.sort((a, b) => byText(a.installed, b.installed)),
      });
    }
  }
  const advisories = [...found.values()].sort((a, b) => byText(a.id, b.id));
  const bySeverity: Record<string, number> = {};
  for (const a of advisories) bySeverity[a.severity] = (bySeverity[a.severity] ?? 0) + 1;
  return { advisories, bySeverity: Object.fromEntries(Object.entries(bySeverity).sort(([a], [b]) => byText(a, b))) };
}
