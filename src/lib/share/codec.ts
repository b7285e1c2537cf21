/** The byte layer of share links: gzip through the platform's CompressionStream, and base64url without padding. */

import { concatBytes } from '../bytes.ts';

/** Thrown by `gunzipBounded` when the data is larger unpacked than the caller allows (a zip bomb, or not a link of ours). */
export class TooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`more than ${limit} bytes unpacked`);
    this.name = 'TooLargeError';
  }
}

async function drain(stream: ReadableStream<Uint8Array>, limit = Infinity): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw new TooLargeError(limit);
    }
    chunks.push(value);
  }
  return concatBytes(chunks, total);
}

function through(bytes: Uint8Array, transform: CompressionStream | DecompressionStream, limit?: number): Promise<Uint8Array> {
  const writer = transform.writable.getWriter();
  // A failed write surfaces again on the readable side, where `drain` reports it.
  writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => undefined);
  writer.close().catch(() => undefined);
  return drain(transform.readable as ReadableStream<Uint8Array>, limit);
}

/** BYTES compressed as gzip by the platform (`CompressionStream('gzip')`, the same in the browser and Node). */
export function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  return through(bytes, new CompressionStream('gzip'));
}

/** BYTES gunzipped, refusing to unpack more than LIMIT bytes; throws on data that is not gzip. */
export function gunzipBounded(bytes: Uint8Array, limit: number): Promise<Uint8Array> {
  return through(bytes, new DecompressionStream('gzip'), limit);
}

/** BYTES as base64url without padding (RFC 4648 §5). */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** The bytes of base64url TEXT (padding optional); null when TEXT has characters outside the alphabet or an impossible length. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(text)) return null;
  const bare = text.replace(/=+$/, '');
  if (bare.length % 4 === 1) return null;
  const binary = atob(bare.replaceAll('-', '+').replaceAll('_', '/') + '='.repeat((4 - (bare.length % 4)) % 4));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
