import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseRepomd, readVerifiedFile, type RepomdData } from '../../../src/lib/repo/index.ts';
import type { RepoFileReader } from '../../../src/lib/repo/types.ts';
import { ok } from '../../../src/lib/repo/errors.ts';
import { REPODATA } from '../../support/wasm.ts';
import { pipeThroughCommand, requireCommand, sha256Hex } from './support.ts';

const REPO = join(REPODATA, 'centos-stream-9-baseos-2022');
const repomd = parseRepomd(readFileSync(join(REPO, 'repodata/repomd.xml'), 'utf8'));
if (!repomd.ok) throw new Error(repomd.error.message);
const entry = repomd.value.data.primary as RepomdData;
const stored = new Uint8Array(readFileSync(join(REPO, entry.href)));

/** A reader of the fixture (or DOWNLOAD) whose download was already decompressed (as the streamed parse does) into EARLY. */
function readerWith(early: Uint8Array | undefined, asked: string[], download: Uint8Array = stored): RepoFileReader {
  return {
    read: async () => ok(download),
    opened: async (href) => {
      asked.push(href);
      return early;
    },
  };
}

describe('a file decompressed while it downloaded', () => {
  it('is taken instead of decompressing the download again, once its open-checksum matches', async () => {
    const asked: string[] = [];
    const early = new Uint8Array(gunzipSync(stored));
    const read = await readVerifiedFile(readerWith(early, asked), entry);
    expect(asked).toEqual([entry.href]);
    expect(read.ok && read.value.bytes).toBe(early);
  });

  it('is still refused when its bytes do not match the open-checksum', async () => {
    const early = new Uint8Array(gunzipSync(stored));
    early[100] = early[100]! ^ 0x20;
    const read = await readVerifiedFile(readerWith(early, []), entry);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error.code).toBe('repo/open-checksum-mismatch');
  });

  it('without one, the download is decompressed as before', async () => {
    const read = await readVerifiedFile(readerWith(undefined, []), entry);
    expect(read.ok && Buffer.from(read.value.bytes).equals(gunzipSync(stored))).toBe(true);
  });

  it('is taken for a primary.xml.zst too (the tap decodes zstd and xz now; the layer decompressed those again)', async () => {
    requireCommand('zstd');
    const early = new Uint8Array(gunzipSync(stored));
    const zst = pipeThroughCommand('zstd', ['-c'], early);
    const zstEntry: RepomdData = { ...entry, href: 'repodata/primary.xml.zst', size: zst.length, checksum: { type: 'sha256', value: await sha256Hex(zst) } };
    const read = await readVerifiedFile(readerWith(early, [], zst), zstEntry);
    expect(read.ok && read.value.bytes).toBe(early);
  });
});
