import { describe, expect, it } from 'vitest';
import { renderComponent, type OverlayInput, type VirtualFiles } from '../../../src/lib/overlay/index.ts';
import { compileGlob } from '../../../src/lib/files/glob.ts';
import { addPatchEntry, highestPatchNumber, removePatchEntries } from '../../../src/lib/overlay/spec/patches.ts';

function glob(pattern: string) {
  const compiled = compileGlob(pattern);
  if (!compiled.ok) throw new Error(compiled.error.message);
  return compiled.value;
}

async function run(overlays: OverlayInput[], sources: VirtualFiles, projectFiles: VirtualFiles = {}) {
  return renderComponent({ component: { name: 'pkg', overlays }, sources: { 'pkg.spec': 'Name: pkg\nPatch0: a.patch\n%prep\n%files\n', ...sources }, projectFiles, componentDir: 'comps/pkg' });
}

describe('patch-add and patch-remove in the spec', () => {
  it('numbers PatchN after the highest; bare Patch: counts 0..k-1; Patch%{n} is ignored', () => {
    expect(highestPatchNumber(['Patch0: a', 'Patch7: b'])).toBe(7);
    expect(highestPatchNumber(['Patch: a', 'Patch: b', 'Patch: c'])).toBe(2);
    expect(highestPatchNumber(['Patch%{n}: a'])).toBe(-1);
    expect(addPatchEntry(['Name: a', 'Patch0001: a', 'Patch0002: b', '%prep'], '', 'c.patch')).toEqual(['Name: a', 'Patch0001: a', 'Patch0002: b', 'Patch3: c.patch', '%prep']);
  });

  it('appends to %patchlist when the spec has one', () => {
    expect(addPatchEntry(['Name: a', '%patchlist', 'a.patch', '%prep'], '', 'b.patch')).toEqual(['Name: a', '%patchlist', 'a.patch', 'b.patch', '%prep']);
  });

  it('removes PatchN tags in all packages and %patchlist entries matching the glob', () => {
    const lines = ['Name: a', 'Patch1: fix-1.patch', 'Patch: bare.patch', '%package x', 'Patch2: fix-2.patch', '%patchlist', 'fix-3.patch', 'keep.patch', '%prep', '%patch -P1'];
    expect(removePatchEntries(lines, glob('fix-*.patch'))).toEqual(['Name: a', 'Patch: bare.patch', '%package x', '%patchlist', 'keep.patch', '%prep', '%patch -P1']);
    expect(() => removePatchEntries(lines, glob('nope*'))).toThrow('no patches matching "nope*" found in spec');
  });
});

describe('patch overlays on files', () => {
  it('patch-add copies the source (to its basename by default) and errors if the destination exists', async () => {
    const ok = await run([{ type: 'patch-add', source: 'patches/b.patch' }], {}, { 'comps/pkg/patches/b.patch': 'B' });
    expect(ok.overlays[0]?.status).toBe('ok');
    expect(ok.files['b.patch']).toBe('B');
    expect(ok.files['pkg.spec']).toContain('Patch1: b.patch');
    const clash = await run([{ type: 'patch-add', source: 'b.patch', file: 'a.patch' }], { 'a.patch': 'A' }, { 'comps/pkg/b.patch': 'B' });
    expect(clash.overlays[0]?.message).toBe('cannot add overlay file "a.patch" because it already exists');
  });

  it('patch-remove deletes the matching files and errors if no file matches', async () => {
    const ok = await run([{ type: 'patch-remove', file: '*.patch' }], { 'a.patch': 'A' });
    expect(ok.overlays[0]?.status).toBe('ok');
    expect(ok.files['a.patch']).toBeUndefined();
    const noFile = await run([{ type: 'patch-remove', file: 'a.patch' }], {});
    expect(noFile.overlays[0]?.message).toBe('non-spec overlay filename pattern "a.patch" did not match any files');
  });
});

describe('file overlays', () => {
  const sources = { 'a.conf': 'x=1\nfedora=yes\n', 'sub/b.conf': 'fedora\n', 'pkg-extra.spec': 'Name: other\n', 'bin.dat': new Uint8Array([0, 102, 101, 100, 111, 114, 97]) };

  it('file-prepend-lines prepends to every match, never to .spec files', async () => {
    const result = await run([{ type: 'file-prepend-lines', file: '**/*.conf', lines: ['# a', '# b'] }], sources);
    expect(result.files['a.conf']).toBe('# a\n# b\nx=1\nfedora=yes\n');
    expect(result.files['sub/b.conf']).toBe('# a\n# b\nfedora\n');
    const spec = await run([{ type: 'file-prepend-lines', file: '*.spec', lines: ['#'] }], sources);
    expect(spec.overlays[0]?.message).toMatch(/did not match any files/);
  });

  it('file-search-replace runs over the whole file, skips unchanged files, and works on binary files', async () => {
    const result = await run([{ type: 'file-search-replace', file: '**/*', regex: '(?m)^fedora', replacement: 'azl' }], sources);
    expect(result.overlays[0]?.status).toBe('ok');
    expect(result.files['a.conf']).toBe('x=1\nazl=yes\n');
    expect(result.files['pkg-extra.spec']).toBe('Name: other\n');
    expect([...(result.files['bin.dat'] as Uint8Array)]).toEqual([0, 102, 101, 100, 111, 114, 97]);
    const binary = await run([{ type: 'file-search-replace', file: 'bin.dat', regex: 'fedora', replacement: 'AZL' }], sources);
    expect([...(binary.files['bin.dat'] as Uint8Array)]).toEqual([0, 65, 90, 76]);
    const none = await run([{ type: 'file-search-replace', file: '**/*', regex: 'debian', replacement: 'x' }], sources);
    expect(none.overlays[0]?.message).toMatch(/did not apply to any targets/);
  });

  it('file-add adds at a literal path, refuses existing files and .spec files', async () => {
    const ok = await run([{ type: 'file-add', file: 'new/c.conf', source: 'c.conf' }], sources, { 'comps/pkg/c.conf': 'c' });
    expect(ok.files['new/c.conf']).toBe('c');
    expect(ok.overlays[0]?.changes).toEqual([{ file: 'new/c.conf', kind: 'added', before: null, after: { start: 1, count: 1 } }]);
    const exists = await run([{ type: 'file-add', file: 'a.conf', source: 'c.conf' }], sources, { 'comps/pkg/c.conf': 'c' });
    expect(exists.overlays[0]?.message).toMatch(/already exists/);
    const missing = await run([{ type: 'file-add', file: 'd.conf', source: 'd.conf' }], sources);
    expect(missing.overlays[0]?.message).toBe('overlay source file "comps/pkg/d.conf" not found');
  });

  it('file-remove deletes every match; file-rename needs exactly one match and renames in place', async () => {
    const removed = await run([{ type: 'file-remove', file: '**/*.conf' }], sources);
    expect(Object.keys(removed.files).sort()).toEqual(['bin.dat', 'pkg-extra.spec', 'pkg.spec']);
    const renamed = await run([{ type: 'file-rename', file: 'sub/*.conf', replacement: 'c.conf' }], sources);
    expect(renamed.files['sub/c.conf']).toBe('fedora\n');
    const many = await run([{ type: 'file-rename', file: '**/*.conf', replacement: 'c.conf' }], sources);
    expect(many.overlays[0]?.message).toMatch(/does not support multiple files.*matched 2 files/);
  });

  it('takes a pattern that names an existing file literally, even with a backslash in it', async () => {
    const result = await run([{ type: 'file-rename', file: 'run-vmblock\\x2dfuse.mount', replacement: 'run-vmblock-fuse.mount.in' }], { 'run-vmblock\\x2dfuse.mount': 'm' });
    expect(result.files['run-vmblock-fuse.mount.in']).toBe('m');
  });

  it('validates at load time: relative paths, bare replacement names, globs', async () => {
    const result = await run([
      { type: 'file-remove', file: '/etc/passwd' },
      { type: 'file-rename', file: 'a.conf', replacement: 'sub/x' },
      { type: 'patch-remove', file: '[oops' },
      { type: 'file-add', file: 'x' },
    ], sources);
    expect(result.overlays.slice(0, 4).map((o) => o.message)).toEqual([
      'overlay type `file-remove` requires `file` to be a relative path; found `/etc/passwd`',
      'overlay type `file-rename` requires `replacement` to be a filename only (not a path); found `sub/x`',
      'invalid glob pattern `[oops` in overlay "(no description)"',
      'overlay type `file-add` requires `source` field: (no description)',
    ]);
  });
});
