import { describe, expect, it } from 'vitest';
import { applyFilesDiff, filesDiff, metadataDifferences } from '../../../src/lib/share/files-diff.ts';

describe('files as a difference from the base project', () => {
  const base = new Map([
    ['a.toml', 'a'],
    ['b.spec', 'b'],
    ['c.ks', 'c'],
  ]);

  it('keeps only changed, added and deleted files, and applying it gives the project back', () => {
    const current = new Map([
      ['a.toml', 'a'],
      ['b.spec', 'B'],
      ['d/new.toml', 'd'],
    ]);
    const diff = filesDiff(base, current);
    expect(diff).toEqual({ 'b.spec': 'B', 'c.ks': null, 'd/new.toml': 'd' });
    expect(Object.keys(diff)).toEqual(['b.spec', 'c.ks', 'd/new.toml']);
    expect(applyFilesDiff(base, diff)).toEqual(current);
  });

  it('is empty for the base itself', () => {
    expect(filesDiff(base, new Map(base))).toEqual({});
  });
});

describe('metadata a link was made with', () => {
  it('names each repository whose repomd differs or is missing, and nothing else', () => {
    const linked = { baseos: 'a'.repeat(64), appstream: 'b'.repeat(64), same: 'c'.repeat(64) };
    const current = { baseos: 'd'.repeat(64), same: 'c'.repeat(64), extra: 'e'.repeat(64) };
    expect(metadataDifferences(linked, current)).toEqual([
      { repoId: 'appstream', linked: 'b'.repeat(64), current: null },
      { repoId: 'baseos', linked: 'a'.repeat(64), current: 'd'.repeat(64) },
    ]);
  });
});
