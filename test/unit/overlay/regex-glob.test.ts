import { describe, expect, it } from 'vitest';
import { compileGlob } from '../../../src/lib/overlay/glob.ts';
import { compileRe2, replaceAllLiteral, replaceAllLiteralBytes } from '../../../src/lib/overlay/regex.ts';

function re(source: string) {
  const compiled = compileRe2(source);
  if (!compiled.ok) throw new Error(compiled.message);
  return compiled.pattern;
}

describe('RE2 regular expressions', () => {
  it.each([
    ['(a)\\1', /backreferences/],
    ['foo(?=bar)', /lookahead and lookbehind/],
    ['(?<!x)y', /lookahead and lookbehind/],
    ['end\\Z', /\\z/],
    ['a++', /possessive/],
    ['(?>a)', /not a valid RE2|atomic/],
    ['[a-', /not a valid RE2/],
  ])('rejects %s and says why', (source, why) => {
    const compiled = compileRe2(source);
    expect(compiled.ok).toBe(false);
    if (!compiled.ok) expect(compiled.message).toMatch(why);
  });

  it('accepts RE2 syntax JavaScript lacks or reads differently', () => {
    expect(compileRe2('(?P<name>x)').ok).toBe(true);
    expect(compileRe2('[[:alpha:]]+').ok).toBe(true);
    expect(compileRe2('\\pL').ok).toBe(true);
    // `{` that does not start a repeat is a literal in RE2, as in the kernel overlays.
    expect(replaceAllLiteral(re('linux-%{tarfile_release}'), 'mv linux-%{tarfile_release} x', 'L')).toBe('mv L x');
  });

  it('keeps $1 literal in replacements, as Go ReplaceAllLiteral does', () => {
    expect(replaceAllLiteral(re('(b)'), 'abc', '$1\\')).toBe('a$1\\c');
  });

  it('skips an empty match right after a match, like Go', () => {
    expect(replaceAllLiteral(re('a*'), 'baaac', 'X')).toBe('XbXcX');
    expect(replaceAllLiteral(re('x*'), '😀', '-')).toBe('-😀-');
  });

  it('honours (?m) and (?s) over whole text', () => {
    expect(replaceAllLiteral(re('(?m)^#.*$'), 'a\n# c\nb', '')).toBe('a\n\nb');
    expect(replaceAllLiteral(re('(?s)<.*>'), '<a\nb>', '-')).toBe('-');
    expect(replaceAllLiteral(re('^b'), 'a\nb', '-')).toBe('a\nb');
  });

  it('replaces in bytes that are not UTF-8', () => {
    const out = replaceAllLiteralBytes(re('abc'), new Uint8Array([0xff, 0x61, 0x62, 0x63, 0x00]), new Uint8Array([0x5a]));
    expect([...out]).toEqual([0xff, 0x5a, 0x00]);
  });
});

describe('doublestar globs', () => {
  const m = (pattern: string, path: string) => {
    const compiled = compileGlob(pattern);
    if (!compiled.ok) throw new Error(compiled.message);
    return compiled.glob.matches(path);
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
    expect(compileGlob('a\\b')).toMatchObject({ ok: true, glob: { literal: true } });
    // With glob syntax, a backslash escapes the next character.
    expect(m('a\\b*', 'ab-x')).toBe(true);
  });
});
