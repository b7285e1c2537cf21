/** Reads a project directory from disk the way azldev does: its config, then the files the config names (Node only). */
import { closeSync, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { loadProjectFrom, type DirEntries, type LoadResult, type ProjectSource, type ReadOptions, type SourceText } from '../lib/config/index.ts';
import { readCheckout } from '../lib/project/checkout.ts';

// VCS data and build output are never project files.
const SKIPPED_DIRS = new Set(['.git', 'node_modules', 'build', 'out']);
const MAX_FILE_BYTES = 8 * 1024 * 1024;

/** Thrown when a project holds a symbolic link to a file outside it: the project is refused, not read in part. */
export class ProjectPathError extends Error {}

// Links are never followed (only regular files are read), but one that leaves the project says the
// project was made to reach outside itself, so it is refused with a message rather than skipped.
function refuseEscapingLink(root: string, dir: string, rel: string): void {
  const full = join(dir, rel);
  let target: string | undefined;
  try {
    target = realpathSync(full);
  } catch {
    target = undefined;
  }
  const inside = target === undefined ? '..' : relative(root, target);
  if (inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    throw new ProjectPathError(`${rel} is a symbolic link to ${target ?? 'a missing file'}, outside the project ${dir}; the project was refused (replace the link with the file itself)`);
  }
}

function isMissing(e: unknown): boolean {
  const code = (e as { code?: string }).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * DIR as a checkout. The calls are synchronous on purpose: a checkout is thousands of small files,
 * and one synchronous open/fstat/read/close costs a tenth of four thread-pool round trips; the CLI
 * has nothing else to do meanwhile, and at most one file or directory is open at any time.
 */
export function nodeProjectSource(dir: string): ProjectSource {
  let root: string | undefined;
  return {
    async listDir(rel): Promise<DirEntries> {
      const out: DirEntries = { files: [], dirs: [] };
      let entries;
      try {
        entries = readdirSync(join(dir, rel), { withFileTypes: true });
      } catch (e) {
        if (isMissing(e)) return out;
        throw e;
      }
      for (const entry of entries) {
        if (entry.isSymbolicLink()) {
          root ??= realpathSync(dir);
          refuseEscapingLink(root, dir, rel === '' ? entry.name : `${rel}/${entry.name}`);
        } else if (entry.isDirectory()) {
          if (!SKIPPED_DIRS.has(entry.name)) out.dirs.push(entry.name);
        } else if (entry.isFile()) out.files.push(entry.name);
      }
      return out;
    },
    async read(path): Promise<SourceText> {
      const fd = openSync(join(dir, path), 'r');
      try {
        const { size } = fstatSync(fd);
        if (size > MAX_FILE_BYTES) return { skipped: `it is ${(size / 1048576).toFixed(1)} MiB, more than the ${MAX_FILE_BYTES / 1048576} MiB a project text file may have` };
        const data = Buffer.allocUnsafe(size);
        let got = 0;
        while (got < size) {
          const n = readSync(fd, data, got, size - got, got);
          if (n === 0) break;
          got += n;
        }
        const bytes = data.subarray(0, got);
        if (bytes.includes(0)) return { skipped: 'it is a binary file' };
        return { text: bytes.toString('utf8') };
      } finally {
        closeSync(fd);
      }
    },
  };
}

// A path that is not a directory is a usage error the command reports as "cannot read DIR: …",
// not a project without azldev.toml.
function requireDirectory(dir: string): void {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch {
    throw new Error('no such directory');
  }
  if (!isDirectory) throw new Error('not a directory');
}

/** Loads the project in DIR, reading `azldev.toml`, its includes and the overlay and lock files it names, nothing else. */
export async function readProjectConfig(dir: string, options: ReadOptions = {}): Promise<LoadResult> {
  requireDirectory(dir);
  return (await loadProjectFrom(nodeProjectSource(dir), options)).result;
}

/**
 * The files of DIR that the project's config names, as project-relative POSIX path → UTF-8 text:
 * config files, image descriptions with their includes, kickstarts, the specs and sources of
 * components with overlays or local specs, overlay sources. Other files are listed, never read.
 */
export async function readProjectDir(dir: string, options: ReadOptions = {}): Promise<Map<string, string>> {
  requireDirectory(dir);
  return (await readCheckout(nodeProjectSource(dir), options)).reader.files;
}
