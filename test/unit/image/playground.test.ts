import { describe, expect, it } from 'vitest';
import { parsePlaygroundImage } from '../../../src/lib/image/playground.ts';
import { toResolveRequest } from '../../../src/lib/image/request.ts';

describe('[images.X.playground]', () => {
  it('reads packages, groups, exclude and weak-deps', () => {
    const { request, diagnostics } = parsePlaygroundImage(
      { packages: ['bash', 'vim-minimal', 'bash'], groups: ['@core', 'standard'], exclude: ['*-firmware'], 'weak-deps': false },
      { file: 'images.toml', image: 'tiny', locate: (k) => ({ packages: 3, groups: 4, exclude: 5 })[k] ?? 2 },
    );
    expect(diagnostics).toEqual([]);
    expect(request?.layers.map((l) => [l.kind, l.specs.map((s) => `${s.spec}@${s.origin.line}`), l.groups.map((g) => g.id)])).toEqual([
      ['group', [], ['core', 'standard']],
      ['user', ['bash@3', 'vim-minimal@3'], []],
    ]);
    expect(toResolveRequest(request!)).toEqual({ specs: ['bash', 'vim-minimal'], excludes: ['*-firmware'], weakDeps: false, best: true, multilib: false });
  });

  it('reports wrong types and unknown keys', () => {
    const { diagnostics } = parsePlaygroundImage({ packages: 'bash', 'weak-deps': 'no', extra: 1 }, { file: 'images.toml', image: 'tiny' });
    expect(diagnostics.map((d) => [d.severity, d.code, d.message])).toEqual([
      ['warning', 'playground/unknown-key', 'images.tiny.playground.extra is not a playground key'],
      ['error', 'playground/type', 'packages must be an array of non-empty strings'],
      ['error', 'playground/type', 'weak-deps must be true or false'],
    ]);
  });

  it('rejects a non-table', () => {
    expect(parsePlaygroundImage(['bash'], { file: 'f.toml', image: 'x' }).request).toBeNull();
  });
});
