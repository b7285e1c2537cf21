import { describe, expect, it } from 'vitest';
import { zstdFrameFacts } from '../../../src/lib/repo/zstd-frames.ts';
import { decompressFile } from '../../../src/lib/repo/index.ts';
import { BOMB_FORMATS, decompressInChild, zeroBomb, type BombFormat } from '../../support/bombs.ts';
import { requireCommand } from './support.ts';

const MiB = 1024 * 1024;
/** A bomb refused by open-size may grow the decoding process's peak RSS by at most this much. */
const DECLARED_GROWTH_BOUND = 64 * MiB;
/** The overlay-archive decoder's limit in these tests, and the growth allowed for it (the last doubling of the output buffer holds half and all of it). */
const ARCHIVE_LIMIT = 64 * MiB;
const ARCHIVE_GROWTH_BOUND = 2 * ARCHIVE_LIMIT + 32 * MiB;

describe('decompression bombs (1 GiB of zeros, made by the real tools) stop at the limit with bounded memory', () => {
  for (const format of Object.keys(BOMB_FORMATS) as BombFormat[]) {
    it(`${format}: repomd.xml says 4096 bytes → refused at open-size + margin, peak RSS growth < 64 MiB (regression: 6.2 GB for zstd)`, { timeout: 120_000 }, () => {
      requireCommand(BOMB_FORMATS[format].command);
      const run = decompressInChild('file', zeroBomb(format, 1), 4096);
      expect(run.ok).toBe(false);
      expect(run.code).toBe('repo/too-large');
      expect(run.message).toMatch(/decompression stopped at 1052672 bytes .* repomd\.xml says it opens to 4096 bytes/);
      expect(run.peakRssBytes - run.baselineRssBytes).toBeLessThan(DECLARED_GROWTH_BOUND);
    });

    it(`${format}: an overlay source archive stops at its cap, peak RSS growth < 2 × cap + 32 MiB`, { timeout: 120_000 }, () => {
      requireCommand(BOMB_FORMATS[format].command);
      const run = decompressInChild('archive', zeroBomb(format, 1), ARCHIVE_LIMIT);
      expect(run.ok).toBe(false);
      expect(run.message).toBe(`decompresses to more than ${ARCHIVE_LIMIT} bytes`);
      expect(run.peakRssBytes - run.baselineRssBytes).toBeLessThan(ARCHIVE_GROWTH_BOUND);
    });
  }
});

/** One zstd frame: single segment with a declared content size, one RLE block of BLOCK_SIZE copies of 0x61. */
function zstdFrame(declaredSize: number, blockSize: number): Uint8Array {
  const header = [0x28, 0xb5, 0x2f, 0xfd, 0b1110_0000]; // FCS flag 3 (8 bytes), single segment, no checksum, no dictionary
  const size = new Uint8Array(8);
  new DataView(size.buffer).setBigUint64(0, BigInt(declaredSize), true);
  const block = (blockSize << 3) | (1 << 1) | 1; // last, RLE
  return new Uint8Array([...header, ...size, block & 0xff, (block >> 8) & 0xff, (block >> 16) & 0xff, 0x61]);
}

describe('zstd frame headers', () => {
  it('a frame declaring a 1.5 GiB content size is refused before the decoder allocates it', async () => {
    const frame = zstdFrame(1536 * MiB, 1000);
    expect(zstdFrameFacts(frame)).toEqual({ maxOutput: 1000, maxWindow: 1536 * MiB, maxDeclaredSize: 1536 * MiB });
    const result = await decompressFile('primary.xml.zst', frame, 1000);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('repo/too-large');
  });

  it('an honest frame decodes to its content', async () => {
    const result = await decompressFile('primary.xml.zst', zstdFrame(1000, 1000), 1000);
    expect(result.ok && new TextDecoder().decode(result.value.bytes)).toBe('a'.repeat(1000));
  });

  it('a truncated block header is named', () => {
    expect(() => zstdFrameFacts(zstdFrame(1000, 1000).subarray(0, 15))).toThrow('truncated block header');
  });
});
