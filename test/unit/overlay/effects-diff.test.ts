import { describe, expect, it } from 'vitest';
import { derivePackageChanges, splitDependencies } from '../../../src/lib/overlay/index.ts';
import { expandMacros } from '../../../src/lib/overlay/effects/macros.ts';
import { applyPatch } from 'diff';
import { lineChanges, treeDiffs, unifiedDiff } from '../../../src/lib/overlay/diff.ts';

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
  const random = (seed: number) => () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;

  it('reports line ranges that turn the old lines into the new ones on random inputs', () => {
    const rnd = random(7);
    for (let t = 0; t < 500; t += 1) {
      const a = Array.from({ length: Math.floor(rnd() * 10) }, () => 'abc'[Math.floor(rnd() * 3)] as string);
      const b = Array.from({ length: Math.floor(rnd() * 10) }, () => 'abc'[Math.floor(rnd() * 3)] as string);
      const out: string[] = [];
      let i = 0;
      let j = 0;
      for (const change of lineChanges('f', a, b)) {
        const before = change.before as { start: number; count: number };
        const after = change.after as { start: number; count: number };
        // Lines between two changes are kept, and line up on both sides.
        expect(before.start - 1 - i).toBe(after.start - 1 - j);
        while (i < before.start - 1) {
          expect(a[i]).toBe(b[j]);
          out.push(a[i++] as string);
          j += 1;
        }
        out.push(...b.slice(j, j + after.count));
        i += before.count;
        j += after.count;
      }
      expect(a.slice(i)).toEqual(b.slice(j));
      out.push(...a.slice(i));
      expect(out).toEqual(b);
    }
  });

  it('reports an edit past the diff bound as one replaced block around the changed middle', () => {
    const a = Array.from({ length: 800 }, (_, i) => `line ${i}`);
    const b = a.map((line, i) => (i === 0 || i === 799 ? line : `${line} changed`));
    expect(lineChanges('f', a, b)).toEqual([{ file: 'f', kind: 'modified', before: { start: 2, count: 798 }, after: { start: 2, count: 798 } }]);
  });

  it('writes unified diffs that patch the old text into the new one, final newlines included', () => {
    const rnd = random(11);
    const text = () => Array.from({ length: Math.floor(rnd() * 12) }, () => ['a', 'b', 'c', '', 'd\r'][Math.floor(rnd() * 5)] as string).join('\n') + (rnd() < 0.5 ? '\n' : '');
    for (let t = 0; t < 500; t += 1) {
      const a = text();
      const b = text();
      expect(applyPatch(a, unifiedDiff('f', a, b))).toBe(b);
    }
  });

  it('writes one valid hunk for the changed middle when the edit is too large to diff line by line', () => {
    const middle = (word: string) => Array.from({ length: 1200 }, (_, i) => `${word} ${i}`);
    const a = `${['c1', 'c2', 'c3', 'c4', ...middle('old'), 's1', 's2', 's3', 's4'].join('\n')}\n`;
    const b = `${['c1', 'c2', 'c3', 'c4', ...middle('new'), 's1', 's2', 's3', 's4'].join('\n')}\n`;
    const rows = [...middle('old').map((l) => `-${l}`), ...middle('new').map((l) => `+${l}`)];
    expect(unifiedDiff('f', a, b)).toBe(`--- a/f\n+++ b/f\n@@ -2,1206 +2,1206 @@\n c2\n c3\n c4\n${rows.join('\n')}\n s1\n s2\n s3\n`);
    const open = b.slice(0, -1);
    const lost = unifiedDiff('f', a, open);
    expect(lost.startsWith('--- a/f\n+++ b/f\n@@ -2,1207 +2,1207 @@\n c2\n c3\n c4\n-old 0\n')).toBe(true);
    expect(lost.endsWith('+new 1199\n+s1\n+s2\n+s3\n+s4\n\\ No newline at end of file\n')).toBe(true);
    expect(lost).toContain('-s3\n-s4\n+new 0\n');
    expect(applyPatch(a, unifiedDiff('f', a, open))).toBe(open);
    expect(applyPatch(open, unifiedDiff('f', open, a))).toBe(a);
  });

  it('computes tree diffs only for changed paths, on first read', () => {
    const diffs = treeDiffs({ same: 'x\n', gone: 'g\n', edited: 'a\n' }, { same: 'x\n', edited: 'b\n', added: 'n\n' });
    expect(Object.keys(diffs)).toEqual(['added', 'edited', 'gone']);
    expect(JSON.parse(JSON.stringify(diffs))).toEqual({
      added: '--- /dev/null\n+++ b/added\n@@ -0,0 +1,1 @@\n+n\n',
      edited: '--- a/edited\n+++ b/edited\n@@ -1,1 +1,1 @@\n-a\n+b\n',
      gone: '--- a/gone\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-g\n',
    });
  });

  it('formats hunks with context, additions from /dev/null, and a missing final newline', () => {
    expect(unifiedDiff('f', 'a\nb\nc\n', 'a\nB\nc\n')).toBe('--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n');
    expect(unifiedDiff('f', undefined, 'x\n')).toBe('--- /dev/null\n+++ b/f\n@@ -0,0 +1,1 @@\n+x\n');
    expect(unifiedDiff('f', 'x\n', 'x')).toBe('--- a/f\n+++ b/f\n@@ -1,1 +1,1 @@\n-x\n+x\n\\ No newline at end of file\n');
    expect(unifiedDiff('f', new Uint8Array([0]), new Uint8Array([1]))).toBe('Binary files a/f and b/f differ\n');
  });
});
