import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildManifest, canonicalJson, licenseRefFor, packageUrl, rpmLicenseToSpdx, rpmPurl, sha256Hex } from '../../../src/lib/export/index.ts';
import { INPUTS, PACKAGES, REPOS } from './fixture.ts';

describe('sha256Hex', () => {
  it('agrees with node:crypto across block boundaries and for non-ASCII text', () => {
    for (const s of ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'ünïcode ✓'.repeat(100)]) {
      expect(sha256Hex(s)).toBe(createHash('sha256').update(s).digest('hex'));
    }
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth, keeps pinned keys first and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined }, v: 0 }, ['v'])).toBe('{\n  "v": 0,\n  "a": {\n    "d": [\n      2,\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n');
  });

  it('refuses NaN', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/non-finite/);
  });
});

describe('RPM licence → SPDX', () => {
  it('keeps SPDX expressions and normalises operator case and nesting', () => {
    expect(rpmLicenseToSpdx('MIT and (GPL-2.0-or-later or BSD-3-Clause)').expression).toBe('MIT AND (GPL-2.0-or-later OR BSD-3-Clause)');
    expect(rpmLicenseToSpdx('  GPL-3.0-or-later WITH GCC-exception-3.1 ').expression).toBe('GPL-3.0-or-later WITH GCC-exception-3.1');
  });

  it('declares LicenseRefs used inside an expression', () => {
    const r = rpmLicenseToSpdx('MIT AND LicenseRef-Fedora-Public-Domain');
    expect(r.expression).toBe('MIT AND LicenseRef-Fedora-Public-Domain');
    expect(r.extracted.map((e) => e.licenseId)).toEqual(['LicenseRef-Fedora-Public-Domain']);
  });

  it('turns Callaway names into a stable LicenseRef with the original text', () => {
    const r = rpmLicenseToSpdx('GPLv2+ and LGPLv2+');
    expect(r.expression).toMatch(/^LicenseRef-rpm-GPLv2-and-LGPLv2-[0-9a-f]{8}$/);
    expect(r.extracted).toEqual([{ licenseId: r.expression, name: 'GPLv2+ and LGPLv2+', extractedText: 'GPLv2+ and LGPLv2+' }]);
    expect(licenseRefFor('GPLv2+ and LGPLv2+')).toBe(r.expression);
    expect(licenseRefFor('GPLv2+ and LGPLv2-')).not.toBe(r.expression);
  });

  it('says NOASSERTION for an empty tag', () => {
    expect(rpmLicenseToSpdx(' ')).toEqual({ expression: 'NOASSERTION', extracted: [] });
  });
});

describe('rpm purl', () => {
  it('percent-encodes +, puts a non-zero epoch in a qualifier and sorts qualifiers', () => {
    expect(rpmPurl({ name: 'libstdc++', epoch: 0, version: '15.2.1', release: '1.fc43', arch: 'x86_64' }, 'fedora')).toBe('pkg:rpm/fedora/libstdc%2B%2B@15.2.1-1.fc43?arch=x86_64');
    expect(rpmPurl({ name: 'curl', epoch: 1, version: '8.15.0^git', release: '1.fc43', arch: 'aarch64' }, 'Fedora', 'fedora-43')).toBe('pkg:rpm/fedora/curl@8.15.0%5Egit-1.fc43?arch=aarch64&distro=fedora-43&epoch=1');
  });
});

describe('manifest', () => {
  it('joins repository URLs with locations without doubling or dropping slashes', () => {
    expect(packageUrl('https://h/os/', '/Packages/a.rpm')).toBe('https://h/os/Packages/a.rpm');
    expect(packageUrl('https://h/$basearch/os', 'Packages/a.rpm')).toBe('https://h/$basearch/os/Packages/a.rpm');
  });

  it('sums sizes and counts per arch and repo', () => {
    const m = buildManifest(PACKAGES, INPUTS, REPOS);
    expect(m.totals).toEqual({ packages: 7, downloadSize: 7_710_000, installSize: 25_430_000, byArch: { noarch: 1, x86_64: 6 }, byRepo: { fedora: 4, updates: 3 } });
  });

  it('refuses a package from a repository it was not given', () => {
    expect(() => buildManifest(PACKAGES, INPUTS, REPOS.slice(0, 1))).toThrow(/not in the repository list/);
  });
});
