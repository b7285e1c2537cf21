import { describe, expect, it } from 'vitest';
import { compareEvr, compareVersions } from '../../../src/lib/rpm/evr.ts';

describe('rpm version comparison', () => {
  it('orders versions as rpmvercmp does', () => {
    const cases: [string, string, number][] = [
      ['1.0', '1.0', 0], ['1.0', '2.0', -1], ['2.0.1', '2.0', 1], ['1.10', '1.9', 1], ['5.5p1', '5.5p10', -1], ['1.0a', '1.0', 1],
      ['1.0~rc1', '1.0', -1], ['1.0~rc1', '1.0~rc2', -1], ['1.0^git1', '1.0', 1], ['1.0^git1', '1.0.1', -1], ['a', '1', -1], ['010', '10', 0], ['8.7p1', '8.7p1', 0],
    ];
    for (const [a, b, want] of cases) expect([a, b, Math.sign(compareVersions(a, b))]).toEqual([a, b, want]);
  });

  it('compares epoch first, then version and release', () => {
    expect(compareEvr('1:1.0-1', '2.0-1')).toBe(1);
    expect(compareEvr('8.7p1-7.el9', '8.7p1-6.el9')).toBe(1);
    expect(compareEvr('1.9.5p2-7.el9', '1.9.5p2-7.el9')).toBe(0);
  });
});
