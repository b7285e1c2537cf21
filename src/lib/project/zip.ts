/**
 * Projects as .zip files, through zip.js (the one zip library here): written byte-identically for
 * the same files; read from the archive's central directory, each entry decompressed only when it
 * is read, with bounds a stranger's archive cannot exceed.
 */
import { err, ok, type Result } from '../result.ts';
import { projectPath } from '../files/paths.ts';
import { decodeUtf8 } from '../files/text.ts';

/** The time every entry carries, so the same files always give the same archive. */
const FIXED_MTIME = new Date('2000-01-01T00:00:00Z');
/** Limits on archives opened as projects: a project is text, a few megabytes at most. */
export const MAX_PROJECT_ARCHIVE_FILES = 5000;
export const MAX_PROJECT_ARCHIVE_BYTES = 64 * 1024 * 1024;

// zip.js is loaded the first time an archive is written or opened, so the page's first load does not carry it.
const zipJs = () => import('@zip.js/zip.js');

/** One file of an archive or a chosen folder, listed but not read: its size as listed, its bytes when asked. */
export interface ListedFile {
  path: string;
  size: number;
  bytes(): Promise<Uint8Array>;
}

/** FILES as a .zip, each under ROOT/ (a folder named after the project) when ROOT is given. */
export async function zipProject(files: ReadonlyMap<string, string>, root?: string): Promise<Uint8Array<ArrayBuffer>> {
  const { Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } = await zipJs();
  const encoder = new TextEncoder();
  // no extended timestamps (they would carry the time of writing) and no worker threads
  const writer = new ZipWriter(new Uint8ArrayWriter(), { level: 9, lastModDate: FIXED_MTIME, extendedTimestamp: false, useWebWorkers: false });
  for (const path of [...files.keys()].sort()) await writer.add(root ? `${root}/${path}` : path, new Uint8ArrayReader(encoder.encode(files.get(path) as string)));
  return writer.close();
}

/**
 * The files of the .zip ZIP as listed by its central directory, nothing decompressed yet; each
 * entry is decompressed (and its CRC-32 checked) when read. Refused with the reason when ZIP is
 * not a readable .zip.
 */
export async function listZip(zip: Blob): Promise<Result<ListedFile[], string>> {
  const { BlobReader, Uint8ArrayWriter, ZipReader } = await zipJs();
  // Entries are read one at a time as asked, so worker threads would only add start-up cost.
  const reader = new ZipReader(new BlobReader(zip), { useWebWorkers: false, checkSignature: true });
  try {
    const entries = await reader.getEntries();
    return ok(entries.flatMap((entry) => (entry.directory ? [] : [{ path: entry.filename, size: entry.uncompressedSize ?? 0, bytes: () => entry.getData(new Uint8ArrayWriter()) }])));
  } catch (error) {
    return err(`it is not a readable .zip (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** Why FILES is more than a project may hold (LIMITS), from their listed sizes, or undefined when it fits. */
export function overProjectLimits(files: readonly ListedFile[], limits = { files: MAX_PROJECT_ARCHIVE_FILES, bytes: MAX_PROJECT_ARCHIVE_BYTES }): string | undefined {
  if (files.length > limits.files) return `it holds more than ${limits.files} files`;
  const total = files.reduce((sum, f) => sum + f.size, 0);
  if (total > limits.bytes) return `it unpacks to more than ${(limits.bytes / 1024 / 1024).toFixed(limits.bytes % (1024 * 1024) ? 2 : 0)} MB`;
  return undefined;
}

/** A project read from an archive or a folder: its files, and the entries left out with why. */
export interface ReadProject {
  files: Map<string, string>;
  skipped: { path: string; reason: string }[];
}

/**
 * The project in ENTRIES (path → bytes from a .zip or a chosen folder): text files only, with the
 * one folder every path shares removed (archives usually wrap the project in one), and any
 * `.git/` or `__MACOSX/` folder left out.
 */
export function projectFromEntries(entries: readonly (readonly [string, Uint8Array])[]): ReadProject {
  const skipped: ReadProject['skipped'] = [];
  const kept: [string, Uint8Array][] = [];
  for (const [raw, bytes] of entries) {
    const path = projectPath('', raw);
    if (path === null) skipped.push({ path: raw, reason: 'the path leaves the project' });
    else if (/(^|\/)(\.git|__MACOSX)(\/|$)/.test(path)) continue;
    else kept.push([path, bytes]);
  }
  const first = kept[0]?.[0].split('/')[0];
  const shared = first !== undefined && kept.length > 0 && kept.every(([p]) => p.startsWith(`${first}/`)) ? `${first}/` : '';
  const files = new Map<string, string>();
  for (const [path, bytes] of kept) {
    const text = decodeUtf8(bytes);
    if (text === null) skipped.push({ path, reason: 'not a UTF-8 text file' });
    else files.set(path.slice(shared.length), text);
  }
  return { files, skipped };
}

/** Reads every file of FILES (already checked against the limits) into a project. */
export async function readListedProject(files: readonly ListedFile[]): Promise<Result<ReadProject, string>> {
  try {
    const entries: [string, Uint8Array][] = [];
    for (const f of files) entries.push([f.path, await f.bytes()]);
    return ok(projectFromEntries(entries));
  } catch (error) {
    return err(`it could not be read (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** The project in .zip BYTES; a damaged archive, or one bigger than LIMITS (a project's size by default, judged before anything is unpacked), is refused with the reason. */
export async function unzipProject(bytes: Uint8Array | Blob, limits = { files: MAX_PROJECT_ARCHIVE_FILES, bytes: MAX_PROJECT_ARCHIVE_BYTES }): Promise<Result<ReadProject, string>> {
  const listed = await listZip(bytes instanceof Blob ? bytes : new Blob([bytes as Uint8Array<ArrayBuffer>]));
  if (!listed.ok) return listed;
  const over = overProjectLimits(listed.value, limits);
  return over ? err(over) : readListedProject(listed.value);
}
