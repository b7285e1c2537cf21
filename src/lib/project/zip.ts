/** Projects as .zip files (fflate): written byte-identically for the same files, read back with bounds a stranger's archive cannot exceed. */
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { err, ok, type Result } from '../result.ts';
import { projectPath } from '../files/paths.ts';
import { decodeUtf8 } from '../files/text.ts';

/** The time every entry carries, so the same files always give the same archive. */
const FIXED_MTIME = new Date('2000-01-01T00:00:00Z');
/** Limits on archives opened as projects: a project is text, a few megabytes at most. */
export const MAX_PROJECT_ARCHIVE_FILES = 5000;
export const MAX_PROJECT_ARCHIVE_BYTES = 64 * 1024 * 1024;

/** FILES as a .zip, each under ROOT/ (a folder named after the project) when ROOT is given. */
export function zipProject(files: ReadonlyMap<string, string>, root?: string): Uint8Array {
  const encoder = new TextEncoder();
  const tree: Zippable = {};
  for (const path of [...files.keys()].sort()) tree[root ? `${root}/${path}` : path] = [encoder.encode(files.get(path) as string), { mtime: FIXED_MTIME }];
  return zipSync(tree, { level: 9, mtime: FIXED_MTIME });
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

/** The project in .zip BYTES; a damaged archive, or one bigger than LIMITS (a project's size by default), is refused with the reason. */
export function unzipProject(bytes: Uint8Array, limits = { files: MAX_PROJECT_ARCHIVE_FILES, bytes: MAX_PROJECT_ARCHIVE_BYTES }): Result<ReadProject, string> {
  let count = 0;
  let total = 0;
  let refused = '';
  let unpacked: Record<string, Uint8Array>;
  try {
    unpacked = unzipSync(bytes, {
      filter: (file) => {
        if (file.name.endsWith('/')) return false;
        count += 1;
        total += file.originalSize;
        if (count > limits.files) refused ||= `it holds more than ${limits.files} files`;
        if (total > limits.bytes) refused ||= `it unpacks to more than ${(limits.bytes / 1024 / 1024).toFixed(limits.bytes % (1024 * 1024) ? 2 : 0)} MB`;
        return !refused;
      },
    });
  } catch (error) {
    return err(`it is not a readable .zip (${error instanceof Error ? error.message : String(error)})`);
  }
  if (refused) return err(refused);
  return ok(projectFromEntries(Object.entries(unpacked)));
}
