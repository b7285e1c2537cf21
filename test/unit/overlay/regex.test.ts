import { describe, expect, it } from 'vitest';
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
