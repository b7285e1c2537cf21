import { describe, expect, it } from 'vitest';
import { renderComponent } from '../../../src/lib/overlay/index.ts';
import { addTag, insertTag, removeTag, setTag, updateTag } from '../../../src/lib/overlay/spec/tags.ts';

const base = [
  'Name: foo',
  'Version: 1.0',
  'Source0: foo.tar.gz',
  'Source1: extra.conf',
  '%if %{with docs}',
  'Source2: docs.tar.gz',
  'BuildRequires: sphinx',
  '%endif',
  'BuildRequires: gcc',
  '',
  '%description',
  'Foo.',
  '',
  '%package devel',
  'Summary: dev',
  'Requires: foo = %{version}',
  '',
  '%package -n python3-foo',
  'Summary: py',
  '',
  '%files',
];

describe('spec-add-tag', () => {
  it('appends to the end of the preamble', () => {
    const out = addTag(base, '', 'Provides', 'bar');
    expect(out.slice(8, 12)).toEqual(['BuildRequires: gcc', '', 'Provides: bar', '%description']);
  });

  it('appends to a sub-package named by suffix or by -n', () => {
    expect(addTag(base, 'devel', 'Provides', 'foo-headers').slice(15, 19)).toEqual(['Requires: foo = %{version}', '', 'Provides: foo-headers', '%package -n python3-foo']);
    expect(addTag(base, 'python3-foo', 'Requires', 'python3')[20]).toBe('Requires: python3');
  });

  it('fails only when the %package is missing', () => {
    expect(() => addTag(base, 'nope', 'Provides', 'x')).toThrow('section "%package" (package="nope") not found');
  });

  it('adds a duplicate when the tag exists (code), and the render warns that the docs disagree', async () => {
    expect(addTag(base, '', 'Version', '2.0').filter((l) => l.startsWith('Version:'))).toEqual(['Version: 1.0', 'Version: 2.0']);
    const result = await renderComponent({
      component: { name: 'foo', overlays: [{ type: 'spec-add-tag', tag: 'version', value: '2.0' }] },
      sources: { 'foo.spec': base.join('\n') },
    });
    const overlay = result.overlays.find((o) => o.type === 'spec-add-tag');
    expect(overlay?.status).toBe('ok');
    expect(overlay?.diagnostics.map((d) => [d.code, d.line])).toEqual([['overlay/add-tag-existing', 2]]);
  });

  it('lands before a %if that opens the next section, not inside it', () => {
    const lines = ['Name: foo', '%if %{with x}', '%package x', 'Summary: x', '%endif', '%description', 'd'];
    expect(addTag(lines, '', 'Provides', 'y')).toEqual(['Name: foo', 'Provides: y', '%if %{with x}', '%package x', 'Summary: x', '%endif', '%description', 'd']);
  });
});

describe('spec-insert-tag', () => {
  it('goes after the last tag of the same family, moving past an enclosing %endif', () => {
    const out = insertTag(base, '', 'Source9999', 'foo.azl.macros');
    expect(out.slice(5, 10)).toEqual(['Source2: docs.tar.gz', 'BuildRequires: sphinx', '%endif', 'Source9999: foo.azl.macros', 'BuildRequires: gcc']);
  });

  it('falls back to after the last tag of any kind, then to add-tag', () => {
    expect(insertTag(base, 'devel', 'Patch1', 'p.patch').slice(14, 17)).toEqual(['Summary: dev', 'Requires: foo = %{version}', 'Patch1: p.patch']);
    const bare = ['%package empty', '', '%files empty'];
    expect(insertTag(['Name: x', ...bare], 'empty', 'Summary', 's')).toEqual(['Name: x', '%package empty', '', 'Summary: s', '%files empty']);
  });

  it('fails when the %package section is missing', () => {
    expect(() => insertTag(base, 'missing', 'Source1', 'x')).toThrow(/not found/);
  });
});

describe('spec-update-tag and spec-set-tag', () => {
  it('rewrites every instance, case-insensitively, in the overlay spelling', () => {
    const lines = ['Name: foo', '%if 0', 'release: 1', '%else', 'Release: 2', '%endif'];
    expect(updateTag(lines, '', 'Release', '3%{?dist}')).toEqual(['Name: foo', '%if 0', 'Release: 3%{?dist}', '%else', 'Release: 3%{?dist}', '%endif']);
  });

  it('only touches the named package', () => {
    const out = updateTag(base, 'devel', 'summary', 'Headers');
    expect(out[14]).toBe('summary: Headers');
    expect(out[18]).toBe('Summary: py');
  });

  it('update fails on a missing tag; set then adds it', () => {
    expect(() => updateTag(base, '', 'URL', 'https://x')).toThrow('tag "URL" not found in spec (package="")');
    expect(setTag(base, '', 'URL', 'https://x')[10]).toBe('URL: https://x');
    expect(setTag(base, '', 'name', 'bar')[0]).toBe('name: bar');
  });
});

describe('spec-remove-tag', () => {
  it('removes every instance, or only whole-value matches ignoring case', () => {
    expect(removeTag(base, '', 'buildrequires', '').some((l) => l.startsWith('BuildRequires'))).toBe(false);
    const out = removeTag(base, '', 'BuildRequires', 'GCC');
    expect(out).toContain('BuildRequires: sphinx');
    expect(out).not.toContain('BuildRequires: gcc');
  });

  it('does not match partial values or other packages', () => {
    expect(() => removeTag(base, '', 'BuildRequires', 'gc')).toThrow('tag "BuildRequires" with value "gc" not found');
    expect(() => removeTag(base, 'devel', 'BuildRequires', '')).toThrow(/not found/);
  });
});
