import { describe, expect, it } from 'vitest';
import { licenceShares, sizeTreemap } from '../../../src/lib/project/charts.ts';
import type { PackageRow } from '../../../src/lib/project/package-rows.ts';

const row = (name: string, source: string, installSize: number, license: string): PackageRow => ({
  nevra: `${name}-1-1.x86_64`, name, evr: '1-1', arch: 'x86_64', repo: 'r', downloadSize: 1, installSize, license, summary: '', source, reason: '', cause: '', layer: 'user',
});
const rows = [row('glibc', 'glibc', 600, 'LGPLv2+'), row('glibc-common', 'glibc', 200, 'LGPLv2+'), row('bash', 'bash', 150, 'GPLv3+'), row('tzdata', 'tzdata', 50, 'Public Domain')];

describe('charts', () => {
  it('lays out installed size by source package: areas proportional, inside the box', () => {
    const tiles = sizeTreemap(rows, 200, 100);
    expect(tiles.map((t) => [t.source, t.packages, t.installSize])).toEqual([['glibc', 2, 800], ['bash', 1, 150], ['tzdata', 1, 50]]);
    const area = (t: (typeof tiles)[number]) => (t.x1 - t.x0) * (t.y1 - t.y0);
    for (const t of tiles) expect(t.x0 >= 0 && t.y0 >= 0 && t.x1 <= 200 && t.y1 <= 100).toBe(true);
    expect(area(tiles[0]!) / area(tiles[1]!)).toBeGreaterThan(4);
  });

  it('shares of installed size by licence, the tail folded into "other"', () => {
    expect(licenceShares(rows).map((s) => [s.license, s.share])).toEqual([['LGPLv2+', 0.8], ['GPLv3+', 0.15], ['Public Domain', 0.05]]);
    expect(licenceShares(rows, 1).map((s) => s.license)).toEqual(['LGPLv2+', 'other (2 licences)']);
  });
});
