import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'fflate';
import { decompress as unzstd } from 'fzstd';
import { createTar, parseTar } from 'nanotar';
import { describe, expect, it } from 'vitest';
import { renderComponent, type OverlayInput } from '../../../src/lib/overlay/index.ts';
import { decompress } from '../../../src/lib/overlay/archive/compression.ts';
import { readTar, type TarEntry } from '../../../src/lib/overlay/archive/tar.ts';
import { FIXTURES } from './helpers.ts';

// ustar-prefix.tar.gz and pax-spaces.tar.gz come from Python's tarfile (fixtures/archives/make-tar-fixtures.py);
// demo-1.0.tar.xz is GNU tar's format (././@LongLink entries), demo-1.0.tar.zst pax with a header per entry.
const PREFIXED = 'src-1.0/a-directory-name-long-enough-that-the-whole-path-needs-the-ustar-prefix-field/sub/fedora.conf';
const SPACED = 'src-1.0/docs/a file name with spaces that is longer than one hundred bytes in total, so tar needs pax.txt';
const GNU_LONG = 'demo-1.0/very-long-directory-name-for-testing-gnu-and-pax-long-path-handling-in-tar-archives/nested-deeper-still/config.txt';

const archive = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, 'archives', name)));
const text = (data: Uint8Array | undefined) => new TextDecoder().decode(data);
const raw = (tar: Uint8Array, entry: TarEntry) => tar.subarray(entry.startOffset, entry.endOffset);

async function repack(name: string, tar: Uint8Array, overlays: OverlayInput[]): Promise<Uint8Array> {
  const result = await renderComponent({
    component: { name: 'pkg', overlays: overlays.map((o) => ({ ...o, archive: name })), 'source-files': [{ filename: name, origin: { type: 'overlay' } }] },
    sources: { 'pkg.spec': 'Name: pkg\n', [name]: tar },
  });
  expect(result.overlays.filter((o) => o.origin.kind === 'archive').map((o) => [o.status, o.message])).toEqual(overlays.map(() => ['ok', '']));
  return result.files[name] as Uint8Array;
}

describe('tar reading', () => {
  it('reads POSIX ustar prefixes, pax paths with spaces and GNU long names', () => {
    expect(readTar(gunzipSync(archive('ustar-prefix.tar.gz'))).map((e) => [e.name, e.type, text(e.data)])).toEqual([
      ['src-1.0', '5', ''],
      [PREFIXED, '0', 'vendor=fedora\n'],
      ['src-1.0/run.sh', '0', '#!/bin/sh\necho fedora\n'],
      ['src-1.0/link.conf', '2', ''],
      ['src-1.0/empty.txt', '0', ''],
    ]);
    expect(readTar(gunzipSync(archive('pax-spaces.tar.gz'))).map((e) => [e.name, e.type, text(e.data)])).toEqual([
      ['src-1.0', '5', ''],
      [SPACED, '0', 'fedora docs\n'],
      ['src-1.0/README', '0', 'fedora\n'],
    ]);
    expect(readTar(unzstd(archive('demo-1.0.tar.zst'))).find((e) => e.name === GNU_LONG)?.data).toEqual(new TextEncoder().encode('keep fedora\n'));
  });

  it('reads the prefix field only in POSIX headers, since GNU headers keep access times there', async () => {
    const tar = (await decompress('xz', archive('demo-1.0.tar.xz'))).slice();
    const readme = readTar(tar).find((e) => e.name === 'demo-1.0/README') as TarEntry;
    expect(text(tar.subarray(readme.headerOffset + 257, readme.headerOffset + 265))).toBe('ustar  \0');
    tar.set(new TextEncoder().encode('14567123456\0'), readme.headerOffset + 345);
    expect(readTar(tar).map((e) => e.name)).toContain('demo-1.0/README');
  });

  it('reads a tar held in a view into a larger buffer', () => {
    const tar = gunzipSync(archive('pax-spaces.tar.gz'));
    const padded = new Uint8Array(tar.length + 512);
    padded.set(tar, 512);
    expect(readTar(padded.subarray(512)).map((e) => e.name)).toEqual(readTar(tar).map((e) => e.name));
  });
});

describe('tar repacking', () => {
  it('rewrites only the changed entries, keeping their mode, owner and mtime, and copies the others byte for byte', async () => {
    const before = gunzipSync(archive('ustar-prefix.tar.gz'));
    const after = gunzipSync(await repack('src-1.0.tar.gz', archive('ustar-prefix.tar.gz'), [{ type: 'file-search-replace', file: '**/*', regex: 'fedora', replacement: 'azl' }]));
    const old = readTar(before);
    const now = readTar(after);
    expect(now.map((e) => [e.name, e.type, text(e.data)])).toEqual([
      ['src-1.0', '5', ''],
      [PREFIXED, '0', 'vendor=azl\n'],
      ['src-1.0/run.sh', '0', '#!/bin/sh\necho azl\n'],
      ['src-1.0/link.conf', '2', ''],
      ['src-1.0/empty.txt', '0', ''],
    ]);
    for (const i of [0, 3, 4]) expect(raw(after, now[i] as TarEntry)).toEqual(raw(before, old[i] as TarEntry));
    for (const i of [1, 2]) {
      const header = (tar: Uint8Array, e: TarEntry) => tar.slice(e.headerOffset, e.headerOffset + 512);
      const [a, b] = [header(before, old[i] as TarEntry), header(after, now[i] as TarEntry)];
      // Only the size (124–135) and the checksum (148–155) may differ.
      for (const bytes of [a, b]) bytes.fill(0, 124, 136).fill(0, 148, 156);
      expect(b).toEqual(a);
    }
    // An independent reader agrees on the rewritten headers (nanotar reads short ustar names correctly).
    const runSh = parseTar(after.slice()).find((item) => item.name === 'src-1.0/run.sh');
    expect([runSh?.attrs?.mode, runSh?.attrs?.mtime, runSh?.attrs?.user, runSh?.size]).toEqual(['0000755', 1600000000, 'builder', 19]);
  });

  it('repacks pax archives, keeping the extended header of an entry whose contents change', async () => {
    const before = gunzipSync(archive('pax-spaces.tar.gz'));
    const after = gunzipSync(await repack('src-1.0.tgz', archive('pax-spaces.tar.gz'), [{ type: 'file-search-replace', file: '**/*', regex: 'fedora', replacement: 'azl' }]));
    const old = readTar(before);
    const now = readTar(after);
    expect(now.map((e) => [e.name, text(e.data)])).toEqual([['src-1.0', ''], [SPACED, 'azl docs\n'], ['src-1.0/README', 'azl\n']]);
    const spaced = (tar: Uint8Array, e: TarEntry) => tar.subarray(e.startOffset, e.headerOffset);
    expect(spaced(after, now[1] as TarEntry)).toEqual(spaced(before, old[1] as TarEntry));
    const readme = parseTar(after.slice()).find((item) => item.name === 'src-1.0/README');
    expect([readme?.attrs?.mode, readme?.attrs?.mtime]).toEqual(['0000600', 1500000000]);
  });
});

describe('what nanotar 0.3.0 lacks for repacking source archives (why archive/tar.ts exists; if this fails, try nanotar again)', () => {
  it('parseTar loses ustar prefixes, pax paths with spaces, symlink targets, and views into larger buffers', () => {
    const prefixed = parseTar(gunzipSync(archive('ustar-prefix.tar.gz')).slice());
    expect(prefixed.map((item) => item.name)).not.toContain(PREFIXED);
    expect(prefixed.map((item) => item.name)).toContain(PREFIXED.slice('src-1.0/'.length));
    const link = prefixed.find((item) => item.name === 'src-1.0/link.conf');
    expect(link?.type).toBe('symbolicLink');
    expect(JSON.stringify(link)).not.toContain('sub/fedora.conf');
    expect(parseTar(gunzipSync(archive('pax-spaces.tar.gz')).slice()).map((item) => item.name)).toContain('src-1.0/docs/a');
    const tar = gunzipSync(archive('pax-spaces.tar.gz'));
    const padded = new Uint8Array(tar.length + 512);
    padded.set(tar, 512);
    expect(parseTar(padded.subarray(512))).toEqual([]);
  });

  it('createTar truncates long names, writes symlinks and empty files as directories, and scales mtimes', () => {
    expect(parseTar(createTar([{ name: GNU_LONG, data: 'x' }]))[0]?.name).toBe(GNU_LONG.slice(0, 100));
    const items = parseTar(gunzipSync(archive('ustar-prefix.tar.gz')).slice());
    const again = parseTar(createTar(items.map((item) => ({ name: item.name, data: item.data, attrs: item.attrs }))));
    expect(again.map((item) => [item.name, item.type, item.attrs?.mtime])).toEqual([
      ['src-1.0/', 'directory', 1700000],
      [PREFIXED.slice('src-1.0/'.length), 'file', 1700000],
      ['src-1.0/run.sh', 'file', 1600000],
      ['src-1.0/link.conf', 'directory', 1700000],
      ['src-1.0/empty.txt', 'directory', 1700000],
    ]);
  });
});
