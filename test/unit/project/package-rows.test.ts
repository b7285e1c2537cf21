import { describe, expect, it } from 'vitest';
import { filterRows, groupRows, packageRows, sortRows, sourceName } from '../../../src/lib/project/package-rows.ts';
import type { ResolvedPackage } from '../../../src/lib/resolve/types.ts';

function pkg(name: string, over: Partial<ResolvedPackage>): ResolvedPackage {
  return {
    name, epoch: 0, version: '1.0', release: '1.el9', arch: 'x86_64', nevra: `${name}-1.0-1.el9.x86_64`, repo: 'baseos', summary: `${name} summary`, license: 'MIT',
    sourcerpm: `${name}-1.0-1.el9.src.rpm`, location: '', checksum: { type: 'sha256', value: '' }, downloadSize: 10, installSize: 100,
    reason: { kind: 'user', spec: name, text: '' }, requiredBy: [], ...over,
  };
}

const packages = [
  pkg('bash', { installSize: 7000, license: 'GPLv3+' }),
  pkg('glibc', { installSize: 9000, reason: { kind: 'dependency', by: 'bash-1.0-1.el9.x86_64', requirement: 'libc.so.6()(64bit)', text: '' }, license: 'LGPLv2+' }),
  pkg('glibc-common', { installSize: 1000, sourcerpm: 'glibc-2.34-21.el9.src.rpm', reason: { kind: 'dependency', by: 'glibc-1.0-1.el9.x86_64', requirement: 'glibc-common', text: '' } }),
  pkg('Zlib', { epoch: 2, repo: 'AppStream', summary: 'Compression LIBRARY', reason: { kind: 'group', group: 'core', groupPackageType: 'mandatory', text: '' } }),
  pkg('kernel', {}),
];

describe('package rows', () => {
  const rows = packageRows(packages, new Set(['kernel']));

  it('says why each package is in and which layer brought it', () => {
    expect(rows.map((r) => [r.name, r.layer, r.reason])).toEqual([
      ['bash', 'user', 'requested (bash)'],
      ['glibc', 'dependency', 'bash requires libc.so.6()(64bit)'],
      ['glibc-common', 'dependency', 'glibc requires glibc-common'],
      ['Zlib', 'group', 'group core (mandatory)'],
      ['kernel', 'installer', 'requested (kernel)'],
    ]);
    expect(rows[3]?.evr).toBe('2:1.0-1.el9');
    expect(sourceName('glibc-2.34-21.el9.src.rpm', 'x')).toBe('glibc');
  });

  it('filters case-insensitively over name, summary and repo, and by provides found elsewhere', () => {
    expect(filterRows(rows, 'ZLIB').map((r) => r.name)).toEqual(['Zlib']);
    expect(filterRows(rows, 'library').map((r) => r.name)).toEqual(['Zlib']);
    expect(filterRows(rows, 'appstream').map((r) => r.name)).toEqual(['Zlib']);
    expect(filterRows(rows, 'libc.so.6', new Set(['glibc'])).map((r) => r.name)).toEqual(['glibc']);
    expect(filterRows(rows, '  ')).toHaveLength(5);
  });

  it('sorts by any column, either way, names breaking ties', () => {
    expect(sortRows(rows, 'name').map((r) => r.name)).toEqual(['bash', 'glibc', 'glibc-common', 'kernel', 'Zlib']);
    expect(sortRows(rows, 'installSize', true).map((r) => r.name)).toEqual(['glibc', 'bash', 'glibc-common', 'kernel', 'Zlib']);
    expect(sortRows(rows, 'repo').map((r) => r.repo)).toEqual(['AppStream', 'baseos', 'baseos', 'baseos', 'baseos']);
  });

  it('groups with totals, the largest first', () => {
    const bySource = groupRows(rows, 'source');
    expect(bySource[0]).toMatchObject({ key: 'glibc', installSize: 10000, downloadSize: 20 });
    expect(bySource[0]?.rows.map((r) => r.name)).toEqual(['glibc', 'glibc-common']);
    expect(groupRows(rows, 'reason').map((g) => g.key)).toEqual(['required by bash', 'requested', 'required by glibc', 'group core']);
    expect(groupRows(rows, 'layer').map((g) => [g.key, g.rows.length])).toEqual([['dependency', 2], ['user', 1], ['group', 1], ['installer', 1]]);
  });
});
