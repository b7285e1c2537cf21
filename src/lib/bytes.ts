/** Byte helpers shared by every domain of `src/lib`. */

/** The bytes of CHUNKS one after another, in a new array of TOTAL bytes (zero-padded when TOTAL is larger; the sum of their lengths when omitted). */
export function concatBytes(chunks: readonly Uint8Array[], total = chunks.reduce((n, chunk) => n + chunk.byteLength, 0)): Uint8Array {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
