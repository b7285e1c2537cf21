/**
 * A checkout packed as a `.zip`, read the way a folder is: the archive's central directory lists
 * the files (`listZip`), and an entry is decompressed only when a file is asked for (zip.js reads
 * the parts of the Blob it needs), so a large archive is never unpacked into memory.
 */
import type { ProjectSource } from '../config/index.ts';
import { fileListSource } from './browser-source.ts';
import type { ListedFile } from './zip.ts';

/** Listed archive FILES as a lazily read checkout; a top folder shared by every entry is dropped. */
export function listedFilesSource(files: readonly ListedFile[]): ProjectSource & { size: number } {
  return fileListSource(files.map((f) => ({ path: f.path, file: { size: f.size, arrayBuffer: async () => (await f.bytes()).slice().buffer } })));
}
