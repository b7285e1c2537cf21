/** Reads a project directory from disk into the virtual file system the config loader uses (Node only). */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

// Only text the config layer reads is loaded; specs, patches and kiwi files are kept too so
// later layers (overlays, images) can reuse the same map, but VCS and build output are skipped.
const SKIPPED_DIRS = new Set(['.git', 'node_modules', 'build', 'out']);
const MAX_FILE_BYTES = 8 * 1024 * 1024;

/** Reads every file under `dir` (recursively) into a map of POSIX project-relative path → UTF-8 text. */
export async function readProjectDir(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
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
