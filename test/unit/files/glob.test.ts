import { describe, expect, it } from 'vitest';
import { compileGlob, expandGlob, isLiteralPattern, matchesLiterally } from '../../../src/lib/files/glob.ts';

describe('doublestar globs', () => {
  const m = (pattern: string, path: string) => {
    const compiled = compileGlob(pattern);
    if (!compiled.ok) throw new Error(compiled.error.message);
    return compiled.value.matches(path);
  };

  it('matches ** as any number of directories, including none', () => {
    expect(m('**/*', 'macros')).toBe(true);
    expect(m('**/*', 'a/b/c.txt')).toBe(true);
    expect(m('**/x.patch', 'x.patch')).toBe(true);
    expect(m('**/x.patch', 'https://github.com/o/r/commit/x.patch')).toBe(true);
    expect(m('src/**', 'src/a/b')).toBe(true);
    expect(m('a/**/b', 'a/b')).toBe(true);
  });

  it('keeps * and ? within one segment, and matches dot files', () => {
    expect(m('*.patch', 'dir/x.patch')).toBe(false);
    expect(m('*.patch', '.hidden.patch')).toBe(true);
    expect(m('file?.txt', 'file1.txt')).toBe(true);
    expect(m('file?.txt', 'file/.txt')).toBe(false);
  });

  it('supports classes, negation, braces and escapes', () => {
    expect(m('[Ff]edora', 'Fedora')).toBe(true);
    expect(m('[!a]x', 'bx')).toBe(true);
    expect(m('[!a]x', 'ax')).toBe(false);
    expect(m('*.{cfg,tpl}', 'a.tpl')).toBe(true);
    expect(m('a\\*b', 'a*b')).toBe(true);
    expect(m('a\\*b', 'axb')).toBe(false);
  });

  it('rejects malformed patterns', () => {
    expect(compileGlob('[abc').ok).toBe(false);
    expect(compileGlob('{a,b').ok).toBe(false);
    // A trailing backslash is malformed only where the pattern has glob syntax; 'abc\\' alone is a name.
    expect(compileGlob('a*\\').ok).toBe(false);
  });

  it('takes a pattern without * ? [ { as a literal file name, backslash and all (doublestar)', () => {
    expect(m('patches\\fix.patch', 'patches\\fix.patch')).toBe(true);
    expect(m('patches\\fix.patch', 'patchesfix.patch')).toBe(false);
    expect(m('abc\\', 'abc\\')).toBe(true);
    expect(compileGlob('a\\b')).toMatchObject({ ok: true, value: { literal: true } });
    // With glob syntax, a backslash escapes the next character.
    expect(m('a\\b*', 'ab-x')).toBe(true);
  });
});

describe('expandGlob (config includes and overlay-files)', () => {
  const tree = ['a/x.comp.toml', 'a/b/y.comp.toml', 'a-b/z.comp.toml', 'c/{w}.toml', 'c/README.md'];
  const existing = new Set(tree);

  it('matches relative to the including file\'s directory, in the given walk order', () => {
    expect(expandGlob(tree, existing, '', '**/*.comp.toml')).toEqual(['a/x.comp.toml', 'a/b/y.comp.toml', 'a-b/z.comp.toml']);
    expect(expandGlob(tree, existing, 'a', '*.comp.toml')).toEqual(['a/x.comp.toml']);
    expect(expandGlob(tree, existing, 'a', '../a-b/*.toml')).toEqual(['a-b/z.comp.toml']);
    expect(expandGlob(tree, existing, '', '{a,a-b}/*.comp.toml')).toEqual(['a/x.comp.toml', 'a-b/z.comp.toml']);
  });

  it('treats a pattern without glob syntax as one file name, present or not', () => {
    expect(isLiteralPattern('c/README.md')).toBe(true);
    expect(expandGlob(tree, existing, '', 'c/README.md')).toEqual(['c/README.md']);
    expect(expandGlob(tree, existing, '', 'c/missing.md')).toEqual([]);
    expect(isLiteralPattern('c/*.md')).toBe(false);
  });

  it('expands braces, but a missing braced name is "no match", not a missing file (azldev checks only * ? [)', () => {
    expect(matchesLiterally('c/{w,v}.toml')).toBe(false);
    expect(isLiteralPattern('c/{w,v}.toml')).toBe(true);
    expect(expandGlob(tree, existing, '', 'a/{x,q}.comp.toml')).toEqual(['a/x.comp.toml']);
    expect(expandGlob(tree, existing, '', 'a\\x.comp.toml')).toEqual([]);
  });

  it('matches nothing for a malformed pattern instead of reading it literally', () => {
    expect(expandGlob(tree, existing, '', 'c/[w.toml')).toEqual([]);
  });
});
