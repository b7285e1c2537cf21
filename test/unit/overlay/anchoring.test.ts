import { describe, expect, it } from 'vitest';
import { anchoredAlternative, anchorToLine } from '../../../src/lib/overlay/index.ts';
import { spec } from './helpers.ts';

describe('anchorToLine', () => {
  it('wraps a pattern in ^…$, keeping leading flags in front and grouping an alternation', () => {
    expect(anchorToLine('%setup -q')).toBe('^%setup -q$');
    expect(anchorToLine('(?i)buildrequires: foo')).toBe('(?i)^buildrequires: foo$');
    expect(anchorToLine('a|b')).toBe('^(?:a|b)$');
    expect(anchorToLine('^%global foo .*')).toBe('^%global foo .*$');
    expect(anchorToLine('cost is 5\\$')).toBe('^cost is 5\\$$');
  });

  it('leaves a pattern that is already anchored at both ends', () => {
    expect(anchorToLine('^BuildRequires:.*unsignedx64.*$')).toBeNull();
    expect(anchorToLine('(?m)^x$')).toBeNull();
  });
});

describe('anchoredAlternative', () => {
  const lines = spec('Name: demo', '%prep', '%setup -q', '%build', 'make CFLAGS="-O2 -g"', '%files', '/usr/bin/setup-q');

  it('offers ^…$ when the anchored pattern rewrites the spec exactly as the pattern does', () => {
    expect(anchoredAlternative(lines, { type: 'spec-search-replace', regex: '%setup -q', replacement: '%autosetup -p1' })).toBe('^%setup -q$');
    expect(anchoredAlternative(lines, { type: 'spec-search-replace', regex: 'make .*', replacement: 'make' })).toBe('^make .*$');
  });

  it('offers nothing when the pattern edits a fragment of a line, which an anchored pattern cannot keep', () => {
    expect(anchoredAlternative(lines, { type: 'spec-search-replace', regex: '-O2', replacement: '-O3' })).toBeNull();
  });

  it('offers nothing when the pattern also changes a line it only partly matches', () => {
    const two = spec('%prep', '%setup -q', '%build', 'echo %setup -q');
    expect(anchoredAlternative(two, { type: 'spec-search-replace', regex: '%setup -q', replacement: 'x' })).toBeNull();
  });

  it('respects the section scope: only the lines the overlay would change count', () => {
    const scoped = spec('%prep', '%setup -q', '%build', 'echo %setup -q');
    expect(anchoredAlternative(scoped, { type: 'spec-search-replace', section: '%prep', regex: '%setup -q', replacement: 'x' })).toBe('^%setup -q$');
  });

  it('offers nothing for an anchored pattern, one that does not compile, or one that matches nothing', () => {
    expect(anchoredAlternative(lines, { type: 'spec-search-replace', regex: '^%setup -q$', replacement: 'x' })).toBeNull();
    expect(anchoredAlternative(lines, { type: 'spec-search-replace', regex: '(a', replacement: 'x' })).toBeNull();
    expect(anchoredAlternative(lines, { type: 'spec-search-replace', regex: 'nowhere', replacement: 'x' })).toBeNull();
  });
});
