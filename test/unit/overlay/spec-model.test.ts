import { describe, expect, it } from 'vitest';
import { findSections, joinSpecLines, packageFromHeader, parseSpec, splitSpecLines, tagFamily } from '../../../src/lib/overlay/spec/model.ts';

describe('spec model', () => {
  it('splits lines like Go bufio.Scanner and serialises with a final newline', () => {
    expect(splitSpecLines('a\r\nb\n')).toEqual(['a', 'b']);
    expect(splitSpecLines('a\nb')).toEqual(['a', 'b']);
    expect(joinSpecLines(['a', 'b'])).toBe('a\nb\n');
  });

  it('names packages by -n and by suffix, skipping flag arguments and stopping at --', () => {
    expect(packageFromHeader(['%package', 'devel'])).toEqual({ name: 'devel', fullName: false });
    expect(packageFromHeader(['%package', '-n', 'python3-foo'])).toEqual({ name: 'python3-foo', fullName: true });
    expect(packageFromHeader(['%files', '-f', 'foo.lang', 'libs'])).toEqual({ name: 'libs', fullName: false });
    expect(packageFromHeader(['%post', '-p', '/sbin/ldconfig', 'libs'])).toEqual({ name: 'libs', fullName: false });
    expect(packageFromHeader(['%triggerin', '-n', 'foo', '--', 'bar'])).toEqual({ name: 'foo', fullName: true });
    expect(packageFromHeader(['%triggerun', '--', 'bar'])).toEqual({ name: '', fullName: false });
    expect(packageFromHeader(['%files'])).toEqual({ name: '', fullName: false });
  });

  it('recognises headers case-insensitively but keeps their spelling', () => {
    const spec = parseSpec(['Name: x', '%Files devel', '/a', '%files', '/b']);
    expect(spec.sections.map((s) => [s.name, s.package])).toEqual([['', ''], ['%Files', 'devel'], ['%files', '']]);
    expect(findSections(spec, '%files', 'devel')).toEqual([]);
    expect(findSections(spec, '%Files', 'devel')).toEqual([1]);
  });

  it('finds tags only in the preamble and %package bodies, skipping column-0 comments', () => {
    const spec = parseSpec([
      'Name: foo',
      '# Version: 9',
      '  Requires(post): systemd',
      '%description',
      'Note: not a tag',
      '%package devel',
      'Summary: dev',
      '%changelog',
      '* Mon Jan 01 2024 A <a@b> - 1',
    ]);
    expect(spec.tags.map((t) => [t.tag, t.value, spec.sections[t.section]?.package])).toEqual([
      ['Name', 'foo', ''],
      ['Requires(post)', 'systemd', ''],
      ['Summary', 'dev', 'devel'],
    ]);
  });

  it('ends the preamble at the first header and %if lines stay ordinary lines', () => {
    const spec = parseSpec(['Name: foo', '%if %{with x}', '%package x', 'Summary: x', '%endif', '%prep']);
    expect(spec.sections[0]?.end).toBe(2);
    expect(spec.sections[1]).toMatchObject({ name: '%package', package: 'x', bodyStart: 3, end: 5 });
  });

  it('strips trailing digits for tag families', () => {
    expect(tagFamily('Source9999')).toBe('source');
    expect(tagFamily('Patch')).toBe('patch');
    expect(tagFamily('BuildRequires')).toBe('buildrequires');
  });
});
