import { describe, expect, it } from 'vitest';
import { removeSection, removeSubpackage } from '../../../src/lib/overlay/spec/sections.ts';

describe('spec-remove-section', () => {
  it('removes the header and body up to the next header', () => {
    const lines = ['Name: a', '%description', 'A.', '%package devel', 'Summary: d', '%description devel', 'D.', '%files'];
    expect(removeSection(lines, '%description', 'devel')).toEqual(['Name: a', '%description', 'A.', '%package devel', 'Summary: d', '%files']);
  });

  it('keeps a wrapping %if/%endif balanced, leaving it empty', () => {
    const lines = ['Name: a', '%if %{with x}', '%files x', '/x', '%endif', '', '%files', '/a'];
    expect(removeSection(lines, '%files', 'x')).toEqual(['Name: a', '%if %{with x}', '%endif', '', '%files', '/a']);
  });

  it('leaves a trailing %if that belongs to the next section', () => {
    const lines = ['Name: a', '%files x', '/x', '', '%if %{with y}', '%files y', '/y', '%endif'];
    expect(removeSection(lines, '%files', 'x')).toEqual(['Name: a', '%if %{with y}', '%files y', '/y', '%endif']);
  });

  it('removes conditionals wholly inside the section', () => {
    const lines = ['Name: a', '%files x', '%ifarch x86_64', '/x', '%endif', '%files'];
    expect(removeSection(lines, '%files', 'x')).toEqual(['Name: a', '%files']);
  });

  it('removes every section with that identity', () => {
    const lines = ['Name: a', '%if 0', '%files x', '/1', '%else', '%files x', '/2', '%endif'];
    expect(() => removeSection(lines, '%files', 'x')).toThrow(/%else\/%elif branch directive/);
    const twin = ['Name: a', '%ifarch x86_64', '%files x', '/1', '%endif', '%ifarch aarch64', '%files x', '/2', '%endif'];
    expect(removeSection(twin, '%files', 'x')).toEqual(['Name: a', '%ifarch x86_64', '%endif', '%ifarch aarch64', '%endif']);
  });

  it('refuses a conditional interleaved with the section content', () => {
    const lines = ['Name: a', '%files x', '/x', '%if %{with y}', '/y', '%files z', '/z', '%endif'];
    expect(() => removeSection(lines, '%files', 'x')).toThrow(/conditional block that spans into the next section/);
  });

  it('errors when missing, when the preamble is targeted, or when %if/%endif do not pair', () => {
    expect(() => removeSection(['Name: a'], '%files', '')).toThrow('section "%files" (package="") not found');
    expect(() => removeSection(['Name: a'], '', '')).toThrow('cannot remove the global/preamble section');
    expect(() => removeSection(['Name: a', '%files', '%endif'], '%files', '')).toThrow('failed to parse conditional structure: unmatched %endif at line 3');
  });
});

describe('spec-remove-subpackage', () => {
  const lines = [
    'Name: a',
    '%package -n python3-a',
    'Summary: py',
    '%description -n python3-a',
    'Py.',
    '%package devel',
    'Summary: dev',
    '%description devel',
    'Dev.',
    '%post -n python3-a -p /sbin/ldconfig',
    '%files -n python3-a',
    '/py',
    '%files devel',
    '/dev',
  ];

  it('removes every section of a -n sub-package', () => {
    expect(removeSubpackage(lines, 'python3-a')).toEqual(['Name: a', '%package devel', 'Summary: dev', '%description devel', 'Dev.', '%files devel', '/dev']);
  });

  it('removes a suffix-named sub-package by its suffix only', () => {
    expect(removeSubpackage(lines, 'devel')).toHaveLength(lines.length - 6);
    expect(() => removeSubpackage(lines, 'a-devel')).toThrow('sub-package "a-devel" not found');
  });
});
