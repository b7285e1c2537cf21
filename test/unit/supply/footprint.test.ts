import { describe, expect, it } from 'vitest';
import { buildManifest } from '../../../src/lib/export/index.ts';
import { compareFootprint } from '../../../src/lib/supply/index.ts';
import { INPUTS, PACKAGES, REPOS, manifest } from '../export/fixture.ts';

describe('compareFootprint', () => {
  it('counts packages and installed size against the baseline and lists the biggest contributors first', () => {
    const baseline = buildManifest(PACKAGES.filter((p) => p.name !== 'glibc' && p.name !== 'tzdata'), { ...INPUTS, image: 'slim', profile: null }, REPOS);
    const vim = PACKAGES.find((p) => p.name === 'vim-minimal');
    const older = buildManifest([...PACKAGES.filter((p) => p.name !== 'vim-minimal'), { ...(vim as (typeof PACKAGES)[number]), release: '0.fc43', nevra: 'vim-minimal-2:9.1.1000-0.fc43.x86_64', installSize: 1_000_000 }], INPUTS, REPOS);
    const c = compareFootprint(manifest(), baseline);
    expect(c.image).toEqual({ label: 'vm-base:Cloud-Base-Azure', packages: 7, installSize: 25_430_000 });
    expect(c.baseline).toEqual({ label: 'slim', packages: 5, installSize: 25_430_000 - 6_700_000 - 1_700_000 });
    expect(c.delta).toEqual({ packages: 2, installSize: 8_400_000 });
    expect(c.added.map((p) => p.name)).toEqual(['glibc', 'tzdata']);
    expect(c.removed).toEqual([]);
    const changed = compareFootprint(manifest(), older).changed;
    expect(changed).toEqual([{ name: 'vim-minimal', arch: 'x86_64', before: 'vim-minimal-2:9.1.1000-0.fc43.x86_64', after: 'vim-minimal-2:9.1.1000-1.fc43.x86_64', delta: 600_000 }]);
  });

  it('finds nothing to report against itself', () => {
    const c = compareFootprint(manifest(), manifest());
    expect([c.delta, c.added, c.removed, c.changed]).toEqual([{ packages: 0, installSize: 0 }, [], [], []]);
  });
});
