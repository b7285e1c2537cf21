import { describe, expect, it } from 'vitest';
import { inKickstartPackages, nameContext } from '../../../src/lib/image/name-context.ts';

describe('nameContext', () => {
  it('finds package and group names in KIWI, kickstart and playground TOML', () => {
    expect(nameContext('a.kiwi', '    <package name="op', false)).toEqual({ kind: 'package', typed: 'op' });
    expect(nameContext('a.kiwi', '    <namedCollection name="co', false)).toEqual({ kind: 'group', typed: 'co' });
    expect(nameContext('a.ks', '@^min', true)).toEqual({ kind: 'group', typed: 'min' });
    expect(nameContext('a.ks', '-iwl', true)).toEqual({ kind: 'package', typed: 'iwl' });
    expect(nameContext('a.ks', 'network --bootproto', false)).toBeUndefined();
    expect(nameContext('images.toml', 'packages = ["tar", "rs', false)).toEqual({ kind: 'package', typed: 'rs' });
    expect(nameContext('images.toml', 'description = "rs', false)).toBeUndefined();
  });

  it('knows which kickstart lines are in %packages', () => {
    const lines = ['lang en_US', '%packages', '@core', '%end', '%post', 'echo'];
    expect([0, 1, 2, 3, 4, 5].map((i) => inKickstartPackages(lines, i))).toEqual([false, false, true, true, false, false]);
  });
});
