/** Reads a project directory from disk into the virtual file system the config loader uses (Node only). */
import { readdir, readFile, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';

// Only text the config layer reads is loaded; specs, patches and kiwi files are kept too so
// later layers (overlays, images) can reuse the same map, but VCS and build output are skipped.
const SKIPPED_DIRS = new Set(['.git', 'node_modules', 'build', 'out']);
const MAX_FILE_BYTES = 8 * 1024 * 1024;

/** Thrown when a project holds a symbolic link to a file outside it: the project is refused, not read in part. */
export class ProjectPathError extends Error {}

// Links are never followed (only regular files are read), but one that leaves the project says the
// project was made to reach outside itself, so it is refused with a message rather than skipped.
async function refuseEscapingLinks(dir: string, links: { parentPath: string; name: string }[]): Promise<void> {
  const root = await realpath(dir);
  for (const link of links) {
    const full = join(link.parentPath, link.name);
    const target = await realpath(full).catch(() => undefined);
    const rel = target === undefined ? '..' : relative(root, target);
    if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
      throw new ProjectPathError(`${relative(dir, full).split(sep).join('/')} is a symbolic link to ${target ?? 'a missing file'}, outside the project ${dir}; the project was refused (replace the link with the file itself)`);
    }
  }
}

/** Reads every file under `dir` (recursively) into a map of POSIX project-relative path → UTF-8 text; a link out of the project throws ProjectPathError. */
export async function readProjectDir(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  await refuseEscapingLinks(dir, entries.filter((e) => e.isSymbolicLink()));
  const wanted = entries.filter((e) => e.isFile());
  await Promise.all(
    wanted.map(async (entry) => {
      const full = join(entry.parentPath, entry.name);
      const rel = relative(dir, full).split(sep).join('/');
      if (rel.split('/').some((seg) => SKIPPED_DIRS.has(seg))) return;
      const data = await readFile(full);
      if (data.byteLength > MAX_FILE_BYTES || data.includes(0)) return;
      files.set(rel, data.toString('utf8'));
    }),
  );
  return files;
}
