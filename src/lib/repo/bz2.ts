/** bzip2 decoding through seek-bzip, which needs a `Buffer` global that browsers and workers lack. */
import * as seekBzipModule from 'seek-bzip';
import { DecompressedTooLarge } from './size-limit.ts';

type Bunzip = typeof seekBzipModule.default;

/**
 * seek-bzip calls `new Buffer(n)`, `buf.copy(...)` and `buf.toString('hex')` on small scratch buffers.
 * Outside Node we provide exactly that much, on a Uint8Array, and only when no Buffer exists.
 */
class ScratchBuffer extends Uint8Array {
  copy(target: Uint8Array, targetStart = 0, sourceStart = 0, sourceEnd = this.length): number {
    target.set(this.subarray(sourceStart, sourceEnd), targetStart);
    return sourceEnd - sourceStart;
  }
  override toString(encoding?: string): string {
    if (encoding !== 'hex') return super.toString();
    let out = '';
    for (const byte of this) out += byte.toString(16).padStart(2, '0');
    return out;
  }
}

function ensureBufferGlobal(): void {
  const scope = globalThis as { Buffer?: unknown };
  if (scope.Buffer === undefined) scope.Buffer = ScratchBuffer;
}

function bunzip(): Bunzip {
  // Node's ESM loader exposes a CommonJS module as the namespace's `default`; bundlers may flatten it.
  const mod = seekBzipModule as unknown as { default?: Bunzip } & Partial<Bunzip>;
  if (mod.default && typeof mod.default.decode === 'function') return mod.default;
  return mod as Bunzip;
}

/** A growable byte sink, so seek-bzip never allocates the large output buffer itself; it stops the decoder at LIMIT. */
class GrowingSink {
  bytes: Uint8Array;
  length = 0;
  constructor(expectedSize: number, private readonly limit: number) {
    this.bytes = new Uint8Array(Math.min(Math.max(expectedSize, 1 << 16), limit));
  }
  writeByte(byte: number): void {
    if (this.length === this.bytes.length) {
      if (this.length >= this.limit) throw new DecompressedTooLarge(this.limit);
      const bigger = new Uint8Array(Math.min(this.bytes.length * 2, this.limit));
      bigger.set(this.bytes);
      this.bytes = bigger;
    }
    this.bytes[this.length++] = byte;
  }
}

/** Decodes a whole bzip2 stream (multi-stream files included); throws seek-bzip's error on corrupt or truncated input, DecompressedTooLarge past LIMIT. */
export function decodeBzip2(input: Uint8Array, expectedSize = 0, limit = Number.POSITIVE_INFINITY): Uint8Array {
  ensureBufferGlobal();
  const sink = new GrowingSink(expectedSize, limit);
  const source = Object.assign(Object.create(null) as object, {
    pos: 0,
    readByte(this: { pos: number }): number {
      return this.pos < input.length ? (input[this.pos++] as number) : -1;
    },
    read(this: { pos: number }, buffer: Uint8Array, offset: number, length: number): number {
      const n = Math.min(length, input.length - this.pos);
      if (n <= 0) return -1;
      buffer.set(input.subarray(this.pos, this.pos + n), offset);
      this.pos += n;
      return n;
    },
    seek(this: { pos: number }, pos: number): void {
      this.pos = pos;
    },
    eof(this: { pos: number }): boolean {
      return this.pos >= input.length;
    },
  });
  bunzip().decode(source as unknown as Uint8Array, sink, true);
  return sink.bytes.subarray(0, sink.length);
}
