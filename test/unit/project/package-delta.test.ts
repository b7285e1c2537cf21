import { describe, expect, it } from 'vitest';
import { packageDelta } from '../../../src/lib/project/package-delta.ts';
import type { ResolvedPackage } from '../../../src/lib/resolve/types.ts';

const p = (name: string, version: string, installSize: number, repo = 'baseos'): ResolvedPackage => ({
  name, epoch: 0, version, release: '1', arch: 'x86_64', nevra: `${name}-${version}-1.x86_64`, repo, summary: '', license: '', sourcerpm: '', location: '',
  checksum: { type: 'sha256', value: '' }, downloadSize: installSize / 10, installSize, reason: { kind: 'user', spec: name, text: '' }, requiredBy: [],
});

describe('packageDelta', () => {
  it('tells added, removed, upgraded and downgraded packages apart, with the size they move', () => {
    const d = packageDelta([p('bash', '5.1', 100), p('tar', '1.34', 50), p('sudo', '1.9.5', 30), p('zlib', '1.2', 10)], [p('bash', '5.1', 100), p('sudo', '1.9.6', 35), p('zlib', '1.1', 9), p('rsync', '3.2', 70)]);
    expect(d.changes.map((c) => [c.name, c.kind, c.sizeDelta])).toEqual([
      ['rsync', 'added', 70],
      ['sudo', 'upgraded', 5],
      ['tar', 'removed', -50],
      ['zlib', 'downgraded', -1],
    ]);
    expect(d.sizeDelta).toBe(24);
    expect(d.unchanged).toBe(1);
  });

  it('the same NEVRA from another repository (an overlay rebuild) is a change', () => {
    expect(packageDelta([p('sudo', '1.9', 30)], [p('sudo', '1.9', 30, 'overlays')]).changes.map((c) => c.kind)).toEqual(['rebuilt']);
  });
});
