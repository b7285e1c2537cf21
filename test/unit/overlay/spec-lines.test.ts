import { describe, expect, it } from 'vitest';
import { appendLines, prependLines, searchReplace } from '../../../src/lib/overlay/spec/lines.ts';

const spec = [
  'Name: foo',
  '%description',
  'Foo.',
  '%package devel',
  'Summary: d',
  '%description devel',
  'Devel.',
  '%build',
  'make',
  '%install',
  'make install',
  '%files',
  '/usr/bin/foo',
  '%if %{with x}',
  '%files devel',
  '/usr/include/foo.h',
  '%endif',
  '%files -n python3-foo',
  '/py',
  '%changelog',
];

describe('spec-prepend-lines', () => {
  it('inserts right after the header of the matching section', () => {
    expect(prependLines(spec, '%install', '', ['A', 'B']).slice(9, 13)).toEqual(['%install', 'A', 'B', 'make install']);
  });

  it('without a section, inserts at the very top of the file', () => {
    expect(prependLines(spec, '', '', ['# top'])[0]).toBe('# top');
  });

  it('matches the package and the exact header spelling', () => {
    expect(prependLines(spec, '%files', 'python3-foo', ['X'])[18]).toBe('X');
    expect(() => prependLines(spec, '%FILES', '', ['X'])).toThrow('section "%FILES" (package="") not found');
    expect(() => prependLines(spec, '%files', 'foo-devel', ['X'])).toThrow(/not found/);
  });
});

describe('spec-append-lines', () => {
  it('inserts at the end of the body, before the next header', () => {
    expect(appendLines(spec, '%build', '', ['X']).slice(7, 11)).toEqual(['%build', 'make', 'X', '%install']);
  });

  it('keeps appended lines out of a %if that opens the next section', () => {
    expect(appendLines(spec, '%files', '', ['X']).slice(11, 15)).toEqual(['%files', '/usr/bin/foo', 'X', '%if %{with x}']);
  });

  it('keeps appended lines inside the %if that wraps the section', () => {
    expect(appendLines(spec, '%files', 'devel', ['X']).slice(14, 18)).toEqual(['%files devel', '/usr/include/foo.h', 'X', '%endif']);
  });

  it('appends to every section with that identity, e.g. in both %if/%else branches', () => {
    const twin = ['Name: a', '%if 0', '%files', '/a', '%else', '%files', '/b', '%endif'];
    expect(appendLines(twin, '%files', '', ['X'])).toEqual(['Name: a', '%if 0', '%files', '/a', 'X', '%else', '%files', '/b', 'X', '%endif']);
  });

  it('without a section, appends at the end of the file; a missing section is an error', () => {
    expect(appendLines(spec, '', '', ['X']).at(-1)).toBe('X');
    expect(() => appendLines(spec, '%check', '', ['X'])).toThrow('section "%check" (package="") not found');
  });
});

describe('spec-search-replace', () => {
  it('works line by line over body lines and never matches headers', () => {
    // Only header lines contain "files" here, so there is nothing to replace.
    expect(() => searchReplace(spec, '', '', 'files', 'FILES')).toThrow(/not found/);
    expect(() => searchReplace(spec, '', '', '^%install$', 'x')).toThrow('pattern "^%install$" not found (section="", package="")');
  });

  it('has no multi-line matches; a \\n in the replacement inserts lines', () => {
    expect(() => searchReplace(spec, '', '', 'make\\nmake', 'x')).toThrow(/not found/);
    const out = searchReplace(spec, '%build', '', '^make$', 'make\nmake check');
    expect(out.lines.slice(7, 11)).toEqual(['%build', 'make', 'make check', '%install']);
    expect(out.changedLines).toEqual([8]);
  });

  it('scopes by section (all packages) or by section and package', () => {
    const all = searchReplace(spec, '%description', '', '\\.$', '!');
    expect(all.changedLines).toEqual([2, 6]);
    const devel = searchReplace(spec, '%description', 'devel', '\\.$', '!');
    expect(devel.changedLines).toEqual([6]);
  });

  it('also edits lines inside every %if branch, since conditionals are not evaluated', () => {
    const lines = ['Name: a', '%if 0', 'Requires: x', '%else', 'Requires: x', '%endif'];
    expect(searchReplace(lines, '', '', '^Requires: x$', 'Requires: y').changedLines).toEqual([2, 4]);
  });

  it('reports an error when the replacement leaves every line as it was', () => {
    expect(() => searchReplace(spec, '', '', 'make', 'make')).toThrow(/not found/);
  });
});
