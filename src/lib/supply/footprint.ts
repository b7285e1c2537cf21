/** Footprint: an image's package count and installed size against a pinned baseline (another image, profile or an earlier manifest). */
import type { Manifest } from '../export/index.ts';

/** A package as the footprint counts it. */
export interface FootprintPackage {
  name: string;
  arch: string;
  nevra: string;
  installSize: number;
}

/** One package present in both, whose build (and so size) differs. */
export interface FootprintChange {
  name: string;
  arch: string;
  before: string;
  after: string;
  delta: number;
}

/** The image against its baseline; every list is sorted biggest first. */
export interface FootprintComparison {
  image: { label: string; packages: number; installSize: number };
  baseline: { label: string; packages: number; installSize: number };
  delta: { packages: number; installSize: number };
  /** In the image, not in the baseline: the biggest contributors to growth. */
  added: FootprintPackage[];
  /** In the baseline, not in the image. */
  removed: FootprintPackage[];
  changed: FootprintChange[];
}

function label(m: Manifest): string {
  return m.inputs.profile ? `${m.inputs.image}:${m.inputs.profile}` : m.inputs.image;
}

const key = (p: { name: string; arch: string }): string => `${p.name}.${p.arch}`;
const bySize = <T extends { installSize: number; nevra: string }>(a: T, b: T): number => b.installSize - a.installSize || (a.nevra < b.nevra ? -1 : a.nevra > b.nevra ? 1 : 0);

/** Compares IMAGE with BASELINE package by package (by name and arch). */
export function compareFootprint(image: Manifest, baseline: Manifest): FootprintComparison {
  const mine = new Map(image.packages.map((p) => [key(p), p]));
  const theirs = new Map(baseline.packages.map((p) => [key(p), p]));
  const pick = (p: Manifest['packages'][number]): FootprintPackage => ({ name: p.name, arch: p.arch, nevra: p.nevra, installSize: p.installSize });
  const added = image.packages.filter((p) => !theirs.has(key(p))).map(pick).sort(bySize);
  const removed = baseline.packages.filter((p) => !mine.has(key(p))).map(pick).sort(bySize);
  const changed: FootprintChange[] = [];
  for (const p of image.packages) {
    const before = theirs.get(key(p));
    if (before && before.nevra !== p.nevra) changed.push({ name: p.name, arch: p.arch, before: before.nevra, after: p.nevra, delta: p.installSize - before.installSize });
  }
  changed.sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || (a.name < b.name ? -1 : 1));
  return {
    image: { label: label(image), packages: image.totals.packages, installSize: image.totals.installSize },
    baseline: { label: label(baseline), packages: baseline.totals.packages, installSize: baseline.totals.installSize },
    delta: { packages: image.totals.packages - baseline.totals.packages, installSize: image.totals.installSize - baseline.totals.installSize },
    added,
    removed,
    changed,
  };
}
