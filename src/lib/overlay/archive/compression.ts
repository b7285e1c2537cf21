import { gunzipSync, gzipSync } from 'fflate';
import { decompress as zstdDecompress } from 'fzstd';

/** Compression of a source archive, sniffed from its first bytes (as azldev does), else from its name. */
export type Compression = 'none' | 'gzip' | 'xz' | 'zstd' | 'bzip2';

function startsWith(data: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((byte, i) => data[i] === byte);
}

/** Detects the compression from magic bytes, falling back to the file extension for empty files. */
export function detectCompression(name: string, data: Uint8Array): Compression {
  if (startsWith(data, [0x1f, 0x8b])) return 'gzip';
  if (startsWith(data, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return 'xz';
  if (startsWith(data, [0x28, 0xb5, 0x2f, 0xfd])) return 'zstd';
  if (startsWith(data, [0x42, 0x5a, 0x68])) return 'bzip2';
  if (data.length > 0) return 'none';
  const lower = name.toLowerCase();
  if (/\.(tar\.gz|tgz)$/.test(lower)) return 'gzip';
  if (/\.(tar\.xz|txz)$/.test(lower)) return 'xz';
  if (/\.(tar\.zst|tzst)$/.test(lower)) return 'zstd';
  if (/\.(tar\.bz2|tbz2)$/.test(lower)) return 'bzip2';
  return 'none';
}

type XzStreamClass = new (input: ReadableStream<Uint8Array>) => ReadableStream<Uint8Array>;

// xz-decompress ships a UMD bundle: Node's ESM loader sees only a default export, bundlers see
// named ones. Loaded lazily so its wasm is fetched only for .tar.xz sources.
async function loadXzStream(): Promise<XzStreamClass> {
  const mod = (await import('xz-decompress')) as unknown as { XzReadableStream?: XzStreamClass; default?: { XzReadableStream?: XzStreamClass } };
  const found = mod.XzReadableStream ?? mod.default?.XzReadableStream;
  if (!found) throw new Error('xz-decompress did not load');
  return found;
}

/** Decompresses archive bytes into a plain tar. */
export async function decompress(compression: Compression, data: Uint8Array): Promise<Uint8Array> {
  switch (compression) {
    case 'none':
      return data;
    case 'gzip':
      return gunzipSync(data);
    case 'zstd':
      return zstdDecompress(data);
    case 'xz': {
      const input = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(data);
          controller.close();
        },
      });
      const XzReadableStream = await loadXzStream();
      return new Uint8Array(await new Response(new XzReadableStream(input)).arrayBuffer());
    }
    case 'bzip2':
      throw new Error('bzip2-compressed archives are not supported by the playground');
  }
}

/** The repacked bytes, and whether they are compressed as the original was. */
export interface Recompressed {
  data: Uint8Array;
  sameCompression: boolean;
}

/** Recompresses a tar like the original; xz and zstd have no maintained JS encoder, so those come back as plain tar. */
export function recompress(compression: Compression, tar: Uint8Array): Recompressed {
  switch (compression) {
    case 'none':
      return { data: tar, sameCompression: true };
    case 'gzip':
      // mtime 0 keeps the output reproducible, like azldev's deterministic repack.
      return { data: gzipSync(tar, { level: 9, mtime: 0 }), sameCompression: true };
    default:
      return { data: tar, sameCompression: false };
  }
}
