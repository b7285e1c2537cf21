import { decompressAs, magicCompression, UNDECLARED_SIZE_CAP } from '../../repo/decompress.ts';

/** Compression of a source archive, sniffed from its first bytes (as azldev does), else from its name. */
export type Compression = 'none' | 'gzip' | 'xz' | 'zstd' | 'bzip2';

/** Detects the compression from magic bytes, falling back to the file extension for empty files. */
export function detectCompression(name: string, data: Uint8Array): Compression {
  const magic = magicCompression(data);
  if (magic !== 'none' || data.length > 0) return magic;
  const lower = name.toLowerCase();
  if (/\.(tar\.gz|tgz)$/.test(lower)) return 'gzip';
  if (/\.(tar\.xz|txz)$/.test(lower)) return 'xz';
  if (/\.(tar\.zst|tzst)$/.test(lower)) return 'zstd';
  if (/\.(tar\.bz2|tbz2)$/.test(lower)) return 'bzip2';
  return 'none';
}

/** The most bytes a source archive may decompress to: a tar declares no size, so this is a fixed cap (1 GiB). */
export const ARCHIVE_SIZE_CAP = UNDECLARED_SIZE_CAP;

/** Decompresses archive bytes into a plain tar, with the bounded decoders the metadata layer uses; throws past LIMIT (a bomb). */
export async function decompress(compression: Compression, data: Uint8Array, limit = ARCHIVE_SIZE_CAP): Promise<Uint8Array> {
  return decompressAs(compression, data, { limit });
}

/** The repacked bytes, and whether they are compressed as the original was. */
export interface Recompressed {
  data: Uint8Array;
  sameCompression: boolean;
}

/** Recompresses a tar like the original; xz, zstd and bzip2 have no maintained JS encoder, so those come back as plain tar. */
export async function recompress(compression: Compression, tar: Uint8Array): Promise<Recompressed> {
  switch (compression) {
    case 'none':
      return { data: tar, sameCompression: true };
    case 'gzip': {
      // loaded here, not with the module: an image build without archive overlays never needs it
      const { gzipSync } = await import('fflate');
      // mtime 0 keeps the output reproducible, like azldev's deterministic repack.
      return { data: gzipSync(tar, { level: 9, mtime: 0 }), sameCompression: true };
    }
    default:
      return { data: tar, sameCompression: false };
  }
}
