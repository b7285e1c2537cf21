/** Decompression of rpm-md files (gz, zstd, xz, bz2) chosen by magic bytes, then by file extension. */
import { fail, ok, type RepoResult } from './errors.ts';
import { looksLikeHtml } from './xml.ts';

/** The compression formats rpm-md uses; `none` for plain XML. */
export type Compression = 'gzip' | 'zstd' | 'xz' | 'bzip2' | 'none';

const FORMAT_NAMES: Record<Compression, string> = { gzip: 'gzip', zstd: 'zstd', xz: 'xz', bzip2: 'bzip2', none: 'plain' };

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

/** Names the compression of BYTES from their magic number alone, `none` for anything else. */
export function magicCompression(bytes: Uint8Array): Compression {
  if (startsWith(bytes, [0x1f, 0x8b])) return 'gzip';
  if (startsWith(bytes, [0x28, 0xb5, 0x2f, 0xfd])) return 'zstd';
  if (startsWith(bytes, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return 'xz';
  if (startsWith(bytes, [0x42, 0x5a, 0x68])) return 'bzip2';
  return 'none';
}

/** The compression a file name promises, used to tell a damaged file from a mislabelled one. */
function compressionFromName(name: string): Compression {
  const lower = name.toLowerCase();
  if (lower.endsWith('.gz')) return 'gzip';
  if (lower.endsWith('.zst') || lower.endsWith('.zstd')) return 'zstd';
  if (lower.endsWith('.xz')) return 'xz';
  if (lower.endsWith('.bz2')) return 'bzip2';
  return 'none';
}

/** Names the compression of `bytes` from its magic number, falling back to the extension of `name`. */
export function detectCompression(bytes: Uint8Array, name: string): Compression {
  const magic = magicCompression(bytes);
  return magic !== 'none' ? magic : compressionFromName(name);
}

/** Largest up-front allocation trusted from repomd.xml's open-size; beyond it the buffer grows as data arrives. */
const MAX_PREALLOCATION = 512 * 1024 * 1024;

/** One growing buffer for streamed bytes, allocated once from a size hint when it is right, so 100 MB files are not held twice. */
export class ByteCollector {
  private out: Uint8Array;
  /** Bytes collected so far. */
  length = 0;

  constructor(sizeHint = 0) {
    this.out = new Uint8Array(sizeHint > 0 ? Math.min(sizeHint, MAX_PREALLOCATION) : 1 << 16);
  }

  /** Appends CHUNK, doubling the buffer when it is full. */
  push(chunk: Uint8Array): void {
    if (this.length + chunk.length > this.out.length) {
      const bigger = new Uint8Array(Math.max(this.out.length * 2, this.length + chunk.length));
      bigger.set(this.out.subarray(0, this.length));
      this.out = bigger;
    }
    this.out.set(chunk, this.length);
    this.length += chunk.length;
  }

  /** The collected bytes, trimmed to their length. */
  bytes(): Uint8Array {
    return this.length === this.out.length ? this.out : this.out.slice(0, this.length);
  }
}

/** Collects a stream into one buffer (see ByteCollector). */
export async function collectBytes(stream: ReadableStream<Uint8Array>, sizeHint = 0): Promise<Uint8Array> {
  const reader = stream.getReader();
  const collector = new ByteCollector(sizeHint);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    collector.push(value);
  }
  return collector.bytes();
}

function byteStream(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

type XzStreamClass = new (input: ReadableStream<Uint8Array>) => ReadableStream<Uint8Array>;

// The decoders other than the browser's own gzip are imported when a file needs them, so loading a
// gzip repository (the common case) never downloads or compiles them.
async function xzStreamClass(): Promise<XzStreamClass> {
  // Node's ESM loader exposes this CommonJS package under `default`; bundlers give the named export.
  const mod = (await import('xz-decompress')) as unknown as { XzReadableStream?: XzStreamClass; default?: { XzReadableStream: XzStreamClass } };
  const cls = mod.XzReadableStream ?? mod.default?.XzReadableStream;
  if (!cls) throw new Error('xz-decompress does not export XzReadableStream');
  return cls;
}

async function gunzip(bytes: Uint8Array, sizeHint: number): Promise<Uint8Array> {
  if (typeof DecompressionStream === 'function') {
    return collectBytes(byteStream(bytes).pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>), sizeHint);
  }
  return (await import('fflate')).gunzipSync(bytes);
}

/** Decompresses BYTES known to be in FORMAT; throws on truncated or corrupt input (callers word the error). */
export async function decompressAs(format: Compression, bytes: Uint8Array, sizeHint = 0): Promise<Uint8Array> {
  switch (format) {
    case 'gzip':
      return gunzip(bytes, sizeHint);
    case 'zstd':
      return (await import('fzstd')).decompress(bytes);
    case 'xz': {
      const XzReadableStream = await xzStreamClass();
      return collectBytes(new XzReadableStream(byteStream(bytes)), sizeHint);
    }
    case 'bzip2':
      return (await import('./bz2.ts')).decodeBzip2(bytes, sizeHint);
    case 'none':
      return bytes;
  }
}

/** Decompresses the file `name`; truncated or corrupt input fails with a message naming the file and the format. */
export async function decompressFile(name: string, bytes: Uint8Array, sizeHint = 0): Promise<RepoResult<{ bytes: Uint8Array; format: Compression }>> {
  const format = magicCompression(bytes);
  const promised = compressionFromName(name);
  if (format === 'none' && promised !== 'none') {
    const what = looksLikeHtml(new TextDecoder().decode(bytes.subarray(0, 1024))) ? 'it is an HTML page' : bytes.length === 0 ? 'it is empty' : `it does not start with the ${FORMAT_NAMES[promised]} signature`;
    return fail(
      'repo/corrupt-compressed',
      `${name}: expected ${FORMAT_NAMES[promised]} data, but ${what}.`,
      'The file is damaged, or the server sent something else (such as an error page) under this name; fetch it again.',
    );
  }
  try {
    return ok({ bytes: await decompressAs(format, bytes, sizeHint), format });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return fail(
      'repo/corrupt-compressed',
      `${name}: the ${FORMAT_NAMES[format]} data is truncated or corrupt (${reason}).`,
      'The download was cut off or the file is damaged; fetch it again, or use another mirror.',
    );
  }
}
