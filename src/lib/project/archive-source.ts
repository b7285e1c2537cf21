/**
 * A checkout packed as a `.zip`, read the way a folder is: the archive's central directory lists
 * the files, and an entry is decompressed only when a file is asked for (zip.js reads the parts of
 * the Blob it needs), so a large archive is never unpacked into memory.
 */
import { BlobReader, Uint8ArrayWriter, ZipReader } from '@zip.js/zip.js';
import type { ProjectSource } from '../config/index.ts';
import { fileListSource } from './browser-source.ts';

/** ZIP (a `File` or `Blob`) as a lazily read checkout; a top folder shared by every entry is dropped. */
export async function zipArchiveSource(zip: Blob): Promise<ProjectSource & { size: number }> {
  // Entries are read one at a time as the load asks, so worker threads would only add start-up cost;
  // each entry read is checked against its CRC-32, so a damaged archive is an error, not odd text.
  const reader = new ZipReader(new BlobReader(zip), { useWebWorkers: false, checkCrc32: true });
  const entries = await reader.getEntries();
  const files = entries.flatMap((entry) =>
    entry.directory
      ? []
      : [{ path: entry.filename, file: { size: entry.uncompressedSize ?? 0, arrayBuffer: async () => (await entry.getData(new Uint8ArrayWriter())).buffer } }],
  );
  return fileListSource(files);
}
