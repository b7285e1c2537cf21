/** How many decompressed bytes a file may produce, and the error a bounded decoder throws past that. */

/** The most decompressed bytes accepted from a file whose size nobody declared (rpm-md without open-size, dropped archives). */
export const UNDECLARED_SIZE_CAP = 1024 * 1024 * 1024;

/** The largest open-size repomd.xml may declare: more cannot be held in one buffer in a browser tab. */
export const MAX_DECLARED_SIZE = 2 * 1024 * 1024 * 1024;

/** The decompressed-size limit for a file repomd.xml says opens to OPEN_SIZE bytes: that plus a margin, or the cap when undeclared. */
export function openSizeLimit(openSize: number | undefined): number {
  if (openSize === undefined) return UNDECLARED_SIZE_CAP;
  return openSize + Math.max(1024 * 1024, Math.ceil(openSize / 64));
}

/** Thrown by a bounded decoder the moment its output would pass LIMIT bytes; nothing beyond the limit is kept. */
export class DecompressedTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`decompresses to more than ${limit} bytes`);
    this.name = 'DecompressedTooLarge';
  }
}
