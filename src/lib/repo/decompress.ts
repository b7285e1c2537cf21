/** Decompression of rpm-md files (gz, zstd, xz, bz2) chosen by magic bytes, then by file extension. */
// The decoders are imported on first use, so the first result never waits for them (see ARCHITECTURE).
import { concatBytes } from '../bytes.ts';
import { fail, ok, type RepoResult } from './errors.ts';
import { looksLikeHtml } from './html-sniff.ts';
import { DecompressedTooLarge, openSizeLimit } from './size-limit.ts';
import { zstdFirstWindow, zstdFrameFacts } from './zstd-frames.ts';

export { DecompressedTooLarge, MAX_DECLARED_SIZE, openSizeLimit, UNDECLARED_SIZE_CAP } from './size-limit.ts';

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

/** One growing buffer for streamed bytes, allocated once from a size hint when it is right, so 100 MB files are not held twice; refuses to pass its limit. */
export class ByteCollector {
  private out: Uint8Array;
  /** Bytes collected so far. */
  length = 0;

  constructor(sizeHint = 0, private readonly limit = Number.POSITIVE_INFINITY) {
    const start = sizeHint > 0 ? Math.min(sizeHint, MAX_PREALLOCATION, limit) : Math.min(1 << 16, limit);
    this.out = new Uint8Array(Math.max(start, 0));
  }

  /** Appends CHUNK, doubling the buffer (never past the limit) when it is full; throws DecompressedTooLarge past the limit. */
  push(chunk: Uint8Array): void {
    const needed = this.length + chunk.length;
    if (needed > this.limit) throw new DecompressedTooLarge(this.limit);
    if (needed > this.out.length) {
      const bigger = new Uint8Array(Math.min(Math.max(this.out.length * 2, needed), this.limit));
      bigger.set(this.out.subarray(0, this.length));
      this.out = bigger;
    }
    this.out.set(chunk, this.length);
    this.length = needed;
  }

  /** The collected bytes, trimmed to their length. */
  bytes(): Uint8Array {
    return this.length === this.out.length ? this.out : this.out.slice(0, this.length);
  }
}

/** Collects a stream into one buffer (see ByteCollector); past LIMIT it cancels the stream and throws DecompressedTooLarge. */
export async function collectBytes(stream: ReadableStream<Uint8Array>, sizeHint = 0, limit = Number.POSITIVE_INFINITY): Promise<Uint8Array> {
  const reader = stream.getReader();
  const collector = new ByteCollector(sizeHint, limit);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    try {
      collector.push(value);
    } catch (err) {
      await reader.cancel().catch(() => undefined);
      throw err;
    }
  }
  return collector.bytes();
}

/** Input is handed to decoders in slices this long, so one step's output stays small (gzip's worst ratio is about 1:1032). */
const INPUT_SLICE = 64 * 1024;

function slicedStream(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (offset >= bytes.length) {
          controller.close();
          return;
        }
        controller.enqueue(bytes.subarray(offset, offset + INPUT_SLICE));
        offset += INPUT_SLICE;
      },
    },
    { highWaterMark: 0 },
  );
}

type XzStreamClass = new (input: ReadableStream<Uint8Array>) => ReadableStream<Uint8Array>;

async function xzStreamClass(): Promise<XzStreamClass> {
  // Node's ESM loader exposes this CommonJS package under `default`; bundlers give the named export.
  const mod = (await import('xz-decompress')) as unknown as { XzReadableStream?: XzStreamClass; default?: { XzReadableStream: XzStreamClass } };
  const cls = mod.XzReadableStream ?? mod.default?.XzReadableStream;
  if (!cls) throw new Error('xz-decompress does not export XzReadableStream');
  return cls;
}

async function gunzip(bytes: Uint8Array, sizeHint: number, limit: number): Promise<Uint8Array> {
  if (typeof DecompressionStream === 'function') {
    return collectBytes(slicedStream(bytes).pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>), sizeHint, limit);
  }
  const { Gunzip } = await import('fflate');
  const collector = new ByteCollector(sizeHint, limit);
  let finished = false;
  const inflater = new Gunzip((chunk, final) => {
    collector.push(chunk);
    finished ||= final;
  });
  for (let offset = 0; offset < bytes.length; offset += INPUT_SLICE) inflater.push(bytes.subarray(offset, offset + INPUT_SLICE), offset + INPUT_SLICE >= bytes.length);
  if (!finished) throw new Error('unexpected end of file');
  return collector.bytes();
}

/** The largest zstd window accepted when it exceeds the output limit (zstd's own default maximum is 128 MiB with --long). */
const MAX_ZSTD_WINDOW = 128 * 1024 * 1024;

async function unzstd(bytes: Uint8Array, sizeHint: number, limit: number): Promise<Uint8Array> {
  const { decompress: zstdDecompress, Decompress: ZstdStream } = await import('fzstd');
  const facts = zstdFrameFacts(bytes);
  // A declared size or window past the limit would be allocated by the decoder before any output exists.
  if (facts.maxDeclaredSize > limit || facts.maxWindow > Math.max(limit, MAX_ZSTD_WINDOW)) throw new DecompressedTooLarge(limit);
  if (facts.maxOutput <= limit) return zstdDecompress(bytes);
  const collector = new ByteCollector(sizeHint, limit);
  const decoder = new ZstdStream((chunk) => collector.push(chunk));
  for (let offset = 0; offset < bytes.length; offset += INPUT_SLICE) decoder.push(bytes.subarray(offset, offset + INPUT_SLICE), offset + INPUT_SLICE >= bytes.length);
  return collector.bytes();
}

/** A decoder that turns compressed bytes written to `writable` into decompressed bytes read from `readable`, as they arrive. */
export interface StreamDecoder {
  readable: ReadableStream<Uint8Array>;
  writable: WritableStream<Uint8Array>;
}

/** The compressions streamDecoder can decode as a download arrives (bzip2 is read whole), with the file-name suffix of each. */
export const STREAMED_COMPRESSIONS: ReadonlyMap<string, Compression> = new Map([
  ['gz', 'gzip'],
  ['zst', 'zstd'],
  ['xz', 'xz'],
]);

/** Whether FORMAT is one of STREAMED_COMPRESSIONS. */
export function isStreamedCompression(format: Compression): boolean {
  return [...STREAMED_COMPRESSIONS.values()].includes(format);
}

/**
 * A decoder for FORMAT that works on a download as it arrives (the streamed parse of primary.xml);
 * undefined where there is none here (bzip2; gzip without the platform's DecompressionStream). The
 * reader bounds the output it reads; MAX_OUTPUT(input bytes so far) also stops zstd inside a write
 * (fzstd decodes every block of a write at once, 128 KiB each, so a bomb's write is otherwise
 * unbounded). A zstd first frame asking for a window past 128 MiB fails the stream before the
 * decoder allocates it.
 */
export async function streamDecoder(format: Compression, maxOutput: (input: number) => number = () => Number.POSITIVE_INFINITY): Promise<StreamDecoder | undefined> {
  switch (format) {
    case 'gzip':
      return typeof DecompressionStream === 'function' ? (new DecompressionStream('gzip') as unknown as StreamDecoder) : undefined;
    case 'xz': {
      const XzReadableStream = await xzStreamClass();
      const input = new TransformStream<Uint8Array, Uint8Array>();
      return { writable: input.writable, readable: new XzReadableStream(input.readable) };
    }
    case 'zstd': {
      const { Decompress: ZstdStream } = await import('fzstd');
      let head: Uint8Array = new Uint8Array(0);
      let checked = false;
      let input = 0;
      let output = 0;
      let decoder: InstanceType<typeof ZstdStream> | undefined;
      return new TransformStream<Uint8Array, Uint8Array>({
        start(controller) {
          decoder = new ZstdStream((chunk) => {
            output += chunk.length;
            // thrown inside fzstd's push: the blocks after this one are not decoded
            if (output > maxOutput(input)) throw new Error(`the zstd data decompresses to more than ${maxOutput(input)} bytes after ${input} bytes`);
            controller.enqueue(chunk);
          });
        },
        transform(chunk) {
          input += chunk.length;
          if (!checked) {
            // hold the bytes back until the first frame header can be read
            head = concatBytes([head, chunk]);
            const window = zstdFirstWindow(head);
            if (window === undefined) return;
            if (window > MAX_ZSTD_WINDOW) throw new Error(`the zstd data asks for a ${window}-byte window`);
            checked = true;
            chunk = head;
          }
          decoder?.push(chunk);
        },
        flush() {
          if (!checked) throw new Error('the zstd data ended inside its first frame header');
          decoder?.push(new Uint8Array(0), true);
        },
      });
    }
    default:
      return undefined;
  }
}

/** How much a decoder may produce: LIMIT bytes at most (DecompressedTooLarge past it), and SIZE_HINT to allocate up front. */
export interface DecompressLimits {
  limit: number;
  sizeHint?: number;
}

/** Decompresses BYTES known to be in FORMAT, stopping at the limit; throws on truncated or corrupt input (callers word the error). */
export async function decompressAs(format: Compression, bytes: Uint8Array, limits: DecompressLimits): Promise<Uint8Array> {
  const { limit } = limits;
  const sizeHint = Math.min(limits.sizeHint ?? 0, limit);
  switch (format) {
    case 'gzip':
      return gunzip(bytes, sizeHint, limit);
    case 'zstd':
      return unzstd(bytes, sizeHint, limit);
    case 'xz': {
      const XzReadableStream = await xzStreamClass();
      return collectBytes(new XzReadableStream(slicedStream(bytes)), sizeHint, limit);
    }
    case 'bzip2':
      return (await import('./bz2.ts')).decodeBzip2(bytes, sizeHint, limit);
    case 'none':
      if (bytes.length > limit) throw new DecompressedTooLarge(limit);
      return bytes;
  }
}

function mebibytes(n: number): string {
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}

/** The failure for a file whose output passed LIMIT: what was declared, and that nothing past the limit was decoded. */
export function tooLarge(name: string, limit: number, openSize: number | undefined): RepoResult<never> {
  const declared =
    openSize === undefined
      ? `it declares no size, and ${mebibytes(limit)} is the most accepted for such a file`
      : `repomd.xml says it opens to ${openSize} bytes`;
  return fail(
    'repo/too-large',
    `${name}: decompression stopped at ${limit} bytes (${mebibytes(limit)}) and the file was refused: ${declared}.`,
    'The file does not belong to this repomd.xml, or it is a decompression bomb; use another mirror, or check where the metadata came from.',
  );
}

/**
 * Decompresses the file `name`, never producing more than repomd.xml's OPEN_SIZE plus a margin (or
 * UNDECLARED_SIZE_CAP without one); truncated or corrupt input fails with a message naming the file and the format.
 */
export async function decompressFile(name: string, bytes: Uint8Array, openSize?: number): Promise<RepoResult<{ bytes: Uint8Array; format: Compression }>> {
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
  const limit = openSizeLimit(openSize);
  try {
    return ok({ bytes: await decompressAs(format, bytes, { limit, sizeHint: openSize ?? 0 }), format });
  } catch (err) {
    if (err instanceof DecompressedTooLarge) return tooLarge(name, limit, openSize);
    const reason = err instanceof Error ? err.message : String(err);
    return fail(
      'repo/corrupt-compressed',
      `${name}: the ${FORMAT_NAMES[format]} data is truncated or corrupt (${reason}).`,
      'The download was cut off or the file is damaged; fetch it again, or use another mirror.',
    );
  }
}
