import { describe, expect, it } from 'vitest';
import { derivePackageChanges, splitDependencies } from '../../../src/lib/overlay/index.ts';
import { expandMacros } from '../../../src/lib/overlay/effects/macros.ts';
import { unifiedDiff } from '../../../src/lib/overlay/diff.ts';
import { diffLines } from '../../../src/lib/overlay/line-diff.ts';

describe('package change sets', () => {
  it('splits dependency lists, keeping versions and rich dependencies whole', () => {
    expect(splitDependencies('a >= 1.0, b c=2 (d if e) f')).toEqual(['a >= 1.0', 'b', 'c=2', '(d if e)', 'f']);
  });

  it('expands %{name}-style macros, conditionals and %% as rpm does, leaving unknown macros alone', () => {
    const macros = new Map([['name', 'foo'], ['dist', '.azl4'], ['v', '%{name}-1']]);
    expect(expandMacros('%{name}%{?dist} %v %{?nope} %{!?nope:x} %{?dist:y} %% %{unknown} %autorelease', macros)).toBe('foo.azl4 foo-1  x y % %{unknown} %autorelease');
  });

  it('derives NEVR and dependency changes per package, with inheritance and -n names', () => {
    const before = ['Name: foo', 'Version: 1', 'Release: 1%{?dist}', 'Provides: old', '%package -n libfoo', 'Requires(post): bar', '%package tools', 'Version: 9', '%files'];
    const after = ['Name: foo', 'Epoch: 2', 'Version: 1', 'Release: 2%{?dist}', '%package -n libfoo', 'Requires(post): bar', 'Conflicts: baz < 3', '%package tools', 'Version: 9', '%package extra', '%files'];
    const changes = Object.fromEntries(derivePackageChanges(before, after, { dist: '.x' }).map((c) => [c.specPackage, c]));
    expect(changes['']).toMatchObject({ status: 'modified', epoch: { before: null, after: '2' }, release: { before: '1.x', after: '2.x' } });
    expect(changes['']?.removed.map((d) => [d.kind, d.expanded])).toEqual([['Provides', 'old']]);
    expect(changes.libfoo).toMatchObject({ name: { before: 'libfoo', after: 'libfoo' }, epoch: { before: null, after: '2' } });
    expect(changes.libfoo?.added.map((d) => [d.kind, d.qualifier, d.expanded])).toEqual([['Conflicts', '', 'baz < 3']]);
    expect(changes.tools?.version).toBeUndefined();
    expect(changes.tools?.name.after).toBe('foo-tools');
    expect(changes.extra?.status).toBe('added');
  });

  it('renames every suffix sub-package when the main Name changes', () => {
    const changes = derivePackageChanges(['Name: a', '%package devel'], ['Name: b', '%package devel']);
    expect(changes.map((c) => [c.specPackage, c.name.before, c.name.after, c.status])).toEqual([['', 'a', 'b', 'modified'], ['devel', 'a-devel', 'b-devel', 'modified']]);
  });
});

describe('line diff and unified diffs', () => {
  it('produces valid edit scripts on random inputs', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let t = 0; t < 500; t += 1) {
      const a = Array.from({ length: Math.floor(rnd() * 10) }, () => 'abc'[Math.floor(rnd() * 3)] as string);
      const b = Array.from({ length: Math.floor(rnd() * 10) }, () => 'abc'[Math.floor(rnd() * 3)] as string);
      const out: string[] = [];
      let i = 0;
      let j = 0;
      for (const run of diffLines(a, b)) {
        for (let c = 0; c < run.count; c += 1) {
          if (run.op === 'equal') {
            expect(a[i]).toBe(b[j]);
            out.push(a[i++] as string);
            j += 1;
          } else if (run.op === 'delete') i += 1;
          else out.push(b[j++] as string);
        }
      }
      expect([i, j, out]).toEqual([a.length, b.length, b]);
    }
  });

  it('formats hunks with context, additions from /dev/null, and a missing final newline', () => {
    expect(unifiedDiff('f', 'a\nb\nc\n', 'a\nB\nc\n')).toBe('--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n');
    expect(unifiedDiff('f', undefined, 'x\n')).toBe('--- /dev/null\n+++ b/f\n@@ -0,0 +1,1 @@\n+x\n');
    expect(unifiedDiff('f', 'x\n', 'x')).toBe('--- a/f\n+++ b/f\n@@ -1,1 +1,1 @@\n-x\n+x\n\\ No newline at end of file\n');
    expect(unifiedDiff('f', new Uint8Array([0]), new Uint8Array([1]))).toBe('Binary files a/f and b/f differ\n');
  });
});
