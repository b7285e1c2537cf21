/**
 * Checkouts the browser can open, as `ProjectSource`s read lazily: a folder chosen with the
 * directory picker (handles, listed one directory at a time) or uploaded as a file list (the
 * browser lists it; each file is read only when asked). Nothing is copied up front, so a 281 MB
 * checkout costs only the files a pane reads. Typed structurally, so this stays free of the DOM.
 */
import type { DirEntries, ProjectSource, SourceText } from '../config/index.ts';

/** Files larger than this are never project text (the CLI uses the same bound). */
export const MAX_TEXT_BYTES = 8 * 1024 * 1024;

// VCS data and build output are never project files.
const SKIPPED_DIRS = new Set(['.git', 'node_modules', 'build', 'out']);

/** What a `File` offers that reading needs. */
export interface BlobLike {
  readonly size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** A file's text, or why it is not project text. */
export async function readBlobText(blob: BlobLike): Promise<SourceText> {
  if (blob.size > MAX_TEXT_BYTES) return { skipped: `it is ${(blob.size / 1048576).toFixed(1)} MiB, more than the ${MAX_TEXT_BYTES / 1048576} MiB a project text file may have` };
  const bytes = new Uint8Array(await blob.arrayBuffer());
  if (bytes.includes(0)) return { skipped: 'it is a binary file' };
  return { text: new TextDecoder().decode(bytes) };
}

function skipped(path: string): boolean {
  return path.split('/').slice(0, -1).some((segment) => SKIPPED_DIRS.has(segment));
}

/**
 * An uploaded folder: FILES with their paths relative to the chosen folder's parent
 * (`webkitRelativePath`, e.g. `azurelinux/base/project.toml`). The common first segment is the
 * folder itself and is dropped, so paths are project-relative.
 */
export function fileListSource(files: Iterable<{ path: string; file: BlobLike }>): ProjectSource & { size: number } {
  const all = [...files].filter((f) => f.path !== '');
  const first = all[0]?.path.split('/')[0] ?? '';
  const strip = first !== '' && all.every((f) => f.path.startsWith(`${first}/`)) ? first.length + 1 : 0;
  const byPath = new Map<string, BlobLike>();
  const dirs = new Map<string, DirEntries>();
  const entriesOf = (dir: string): DirEntries => {
    let entries = dirs.get(dir);
    if (!entries) {
      entries = { files: [], dirs: [] };
      dirs.set(dir, entries);
    }
    return entries;
  };
  for (const { path, file } of all) {
    const rel = path.slice(strip);
    if (skipped(rel)) continue;
    byPath.set(rel, file);
    const segments = rel.split('/');
    for (let i = 0; i < segments.length; i += 1) {
      const dir = segments.slice(0, i).join('/');
      const name = segments[i] as string;
      const entries = entriesOf(dir);
      if (i === segments.length - 1) entries.files.push(name);
      else if (!dirs.has(segments.slice(0, i + 1).join('/'))) {
        entries.dirs.push(name);
        entriesOf(segments.slice(0, i + 1).join('/'));
      }
    }
  }
  return {
    size: byPath.size,
    async listDir(dir) {
      const entries = dirs.get(dir);
      return entries ? { files: [...entries.files], dirs: [...entries.dirs] } : { files: [], dirs: [] };
    },
    async read(path) {
      const file = byPath.get(path);
      if (!file) return { skipped: 'it is not in the uploaded folder' };
      return readBlobText(file);
    },
  };
}

/** What a `FileSystemDirectoryHandle` offers that listing and reading need. */
export interface DirectoryHandleLike {
  readonly kind: 'directory';
  readonly name: string;
  entries(): AsyncIterable<[string, DirectoryHandleLike | FileHandleLike]>;
  getDirectoryHandle(name: string): Promise<DirectoryHandleLike>;
  getFileHandle(name: string): Promise<FileHandleLike>;
}

/** What a `FileSystemFileHandle` offers. */
export interface FileHandleLike {
  readonly kind: 'file';
  getFile(): Promise<BlobLike>;
}

/** A folder chosen with `showDirectoryPicker()`: each directory is listed when a pattern needs it, each file read when asked. */
export function directoryHandleSource(root: DirectoryHandleLike): ProjectSource {
  const handles = new Map<string, Promise<DirectoryHandleLike | undefined>>([['', Promise.resolve(root)]]);
  const dirHandle = (dir: string): Promise<DirectoryHandleLike | undefined> => {
    let handle = handles.get(dir);
    if (!handle) {
      const slash = dir.lastIndexOf('/');
      const parent = slash < 0 ? '' : dir.slice(0, slash);
      const name = dir.slice(slash + 1);
      handle = dirHandle(parent).then((p) => (p ? p.getDirectoryHandle(name).catch(() => undefined) : undefined));
      handles.set(dir, handle);
    }
    return handle;
  };
  return {
    async listDir(dir) {
      const out: DirEntries = { files: [], dirs: [] };
      const handle = await dirHandle(dir);
      if (!handle) return out;
      for await (const [name, entry] of handle.entries()) {
        if (entry.kind === 'directory') {
          if (!SKIPPED_DIRS.has(name)) out.dirs.push(name);
        } else out.files.push(name);
      }
      return out;
    },
    async read(path) {
      const slash = path.lastIndexOf('/');
      const dir = await dirHandle(slash < 0 ? '' : path.slice(0, slash));
      if (!dir) return { skipped: 'its folder is no longer there' };
      const file = await (await dir.getFileHandle(path.slice(slash + 1))).getFile();
      return readBlobText(file);
    },
  };
}
