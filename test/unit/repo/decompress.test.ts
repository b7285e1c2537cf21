import { gzipSync } from 'fflate';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decompressFile, detectCompression, isStreamedCompression, STREAMED_COMPRESSIONS, streamDecoder, type StreamDecoder } from '../../../src/lib/repo/index.ts';
import { BASH_FC32, flipByte, requireCommand, pipeThroughCommand, readBytes, sha256Hex } from './support.ts';

const gz = readBytes(join(BASH_FC32, 'repodata/primary.xml.gz'));
// open-checksum from the fixture's repomd.xml
const OPEN_SHA256 = 'c688aa3b67e5244a7ba8b80a9eb7048ae5e813d9989183374cbda39f39117430';

const formats = [
  { name: 'zstd', cmd: 'zstd', ext: '.zst' },
  { name: 'xz', cmd: 'xz', ext: '.xz' },
  { name: 'bzip2', cmd: 'bzip2', ext: '.bz2' },
] as const;

async function plainXml(): Promise<Uint8Array> {
  const r = await decompressFile('primary.xml.gz', gz);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.bytes;
}

describe('decompressFile', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('gunzips real primary.xml.gz to the bytes repomd.xml promises', async () => {
    const result = await decompressFile('primary.xml.gz', gz);
    expect(result.ok && result.value.format).toBe('gzip');
    if (!result.ok) return;
    expect(result.value.bytes.length).toBe(225389);
    expect(await sha256Hex(result.value.bytes)).toBe(OPEN_SHA256);
  });

  it('falls back to fflate where DecompressionStream does not exist', async () => {
    vi.stubGlobal('DecompressionStream', undefined);
    const result = await decompressFile('primary.xml.gz', gz);
    expect(result.ok).toBe(true);
    if (result.ok) expect(await sha256Hex(result.value.bytes)).toBe(OPEN_SHA256);
  });

  for (const f of formats) {
    it(`${f.name}: decodes a file made by the ${f.cmd} command, and names file and format when truncated`, async () => {
      requireCommand(f.cmd);
      const xml = await plainXml();
      const packed = pipeThroughCommand(f.cmd, ['-c'], xml);
      expect(detectCompression(packed, 'whatever')).toBe(f.name);
      const ok = await decompressFile(`primary.xml${f.ext}`, packed, xml.length);
      expect(ok.ok).toBe(true);
      if (ok.ok) expect(await sha256Hex(ok.value.bytes)).toBe(OPEN_SHA256);

      const truncated = await decompressFile(`primary.xml${f.ext}`, packed.subarray(0, Math.floor(packed.length / 2)));
      expect(truncated.ok).toBe(false);
      if (truncated.ok) return;
      expect(truncated.error.code).toBe('repo/corrupt-compressed');
      expect(truncated.error.message).toContain(`primary.xml${f.ext}`);
      expect(truncated.error.message).toContain(`${f.name} data is truncated or corrupt`);
    });
  }

  it('bzip2 works where there is no Buffer global (browsers, workers)', async () => {
    requireCommand('bzip2');
    const xml = await plainXml();
    const packed = pipeThroughCommand('bzip2', ['-c'], xml);
    vi.stubGlobal('Buffer', undefined);
    const result = await decompressFile('primary.xml.bz2', packed);
    vi.unstubAllGlobals();
    expect(result.ok).toBe(true);
    if (result.ok) expect(await sha256Hex(result.value.bytes)).toBe(OPEN_SHA256);
    const flipped = await decompressFile('primary.xml.bz2', flipByte(packed, 2000));
    expect(!flipped.ok && flipped.error.message).toContain('primary.xml.bz2: the bzip2 data is truncated or corrupt');
  });

  it('reports a truncated gzip file by name and format', async () => {
    const result = await decompressFile('x-primary.xml.gz', gz.subarray(0, gz.length - 100));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toMatch(/^x-primary\.xml\.gz: the gzip data is truncated or corrupt/);
  });

  it('reports a flipped byte inside gzip data (CRC or deflate error)', async () => {
    const result = await decompressFile('primary.xml.gz', flipByte(gz, 5000));
    expect(!result.ok && result.error.code).toBe('repo/corrupt-compressed');
  });

  it('tells a mislabelled file from a damaged one', async () => {
    const result = await decompressFile('primary.xml.gz', new TextEncoder().encode('<html>error</html>'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toBe('primary.xml.gz: expected gzip data, but it is an HTML page.');
  });

  it('passes plain XML through and detects by magic before extension', async () => {
    const xml = new TextEncoder().encode('<comps/>');
    const plain = await decompressFile('comps.xml', xml);
    expect(plain.ok && plain.value.bytes).toEqual(xml);
    expect(detectCompression(gzipSync(xml), 'comps.xml')).toBe('gzip');
  });
});

/** Writes CHUNKS to DECODER and reads everything it gives (or its error). */
async function throughDecoder(decoder: StreamDecoder, chunks: Uint8Array[]): Promise<Uint8Array> {
  const writing = (async () => {
    const writer = decoder.writable.getWriter();
    for (const chunk of chunks) await writer.write(chunk);
    await writer.close();
  })();
  writing.catch(() => undefined);
  const out: Uint8Array[] = [];
  const reader = decoder.readable.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    out.push(value);
  }
  await writing;
  return new Uint8Array(Buffer.concat(out));
}

describe('streamDecoder (the streamed parse of primary.xml)', () => {
  for (const { name, cmd } of formats.filter((f) => f.name !== 'bzip2')) {
    it(`decodes ${name} (made with the ${cmd} command) fed in pieces as small as one byte`, async () => {
      requireCommand(cmd);
      const xml = await plainXml();
      const packed = pipeThroughCommand(cmd, ['-c'], xml);
      const pieces = [packed.subarray(0, 1), packed.subarray(1, 3), packed.subarray(3, 5000), packed.subarray(5000)];
      const decoder = await streamDecoder(name);
      expect(Buffer.from(await throughDecoder(decoder!, pieces)).equals(Buffer.from(xml))).toBe(true);
    });
  }

  it('the compressions said to be streamed (by the tap, and by the layer that takes its bytes) are those with a decoder here', async () => {
    for (const name of ['gzip', ...formats.map((f) => f.name)] as const) {
      expect(isStreamedCompression(name)).toBe((await streamDecoder(name)) !== undefined);
    }
    expect([...STREAMED_COMPRESSIONS.keys()].sort()).toEqual(['gz', 'xz', 'zst']);
  });

  it('gzip comes from the platform; bzip2 has no streaming decoder', async () => {
    expect(Buffer.from(await throughDecoder((await streamDecoder('gzip'))!, [gz])).length).toBeGreaterThan(gz.length);
    expect(await streamDecoder('bzip2')).toBeUndefined();
  });

  it('refuses a zstd frame that asks for a 2 GiB window before the decoder allocates it', async () => {
    // magic, a descriptor without single segment, window descriptor 2^(10+21) = 2 GiB, then an unfinished block
    const header = new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 0x00, 21 << 3, 0x01, 0x00, 0x00]);
    await expect(throughDecoder((await streamDecoder('zstd'))!, [header.subarray(0, 5), header.subarray(5)])).rejects.toThrow(/asks for a 2147483648-byte window/);
  });

  it('stops a zstd bomb within one block of the output its caller allows, although fzstd decodes a whole write at once', async () => {
    requireCommand('zstd');
    const bomb = pipeThroughCommand('zstd', ['-c'], new Uint8Array(64 * 1024 * 1024));
    const allowed = (input: number) => input * 64 + 1024 * 1024;
    const decoder = (await streamDecoder('zstd', allowed))!;
    let read = 0;
    const writing = decoder.writable.getWriter().write(bomb);
    writing.catch(() => undefined);
    const reader = decoder.readable.getReader();
    await expect(
      (async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          read += value.length;
        }
      })(),
    ).rejects.toThrow(/decompresses to more than/);
    expect(read).toBeLessThanOrEqual(allowed(bomb.length));
    expect(bomb.length).toBeLessThan(64 * 1024);
  });
});
