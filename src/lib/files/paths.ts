/** POSIX path helpers for project files (paths relative to the project root), the one module every domain uses. */

/** Collapses `.`, `..` and repeated slashes; keeps leading `..` segments and a leading `/`. */
export function normalizePath(path: string): string {
  const absolute = path.startsWith('/');
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
      continue;
    }
    out.push(seg);
  }
  const joined = out.join('/');
  return absolute ? `/${joined}` : joined;
}

/** Directory part of a path; `''` for a file at the project root. */
export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  if (i < 0) return '';
  return i === 0 ? '/' : path.slice(0, i);
}

/** Last segment of a path. */
export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Resolves `relative` against directory `dir` the way azldev makes config paths absolute. */
export function resolvePath(dir: string, relative: string): string {
  if (relative.startsWith('/')) return normalizePath(relative);
  return normalizePath(dir === '' ? relative : `${dir}/${relative}`);
}

/** Orders paths the way a directory walk does: segment by segment, so `a/x` sorts before `a-b`. */
export function comparePaths(a: string, b: string): number {
  const as = a.split('/');
  const bs = b.split('/');
  const n = Math.min(as.length, bs.length);
  for (let i = 0; i < n; i++) {
    const x = as[i] as string;
    const y = bs[i] as string;
    if (x !== y) return x < y ? -1 : 1;
  }
  return as.length - bs.length;
}

/** Resolves TARGET as written inside FROMFILE (an include): relative to its directory, or from the project root when absolute. */
export function resolveFromFile(fromFile: string, target: string): string {
  if (target.startsWith('/')) return normalizePath(target).replace(/^\/+/, '');
  return resolvePath(dirname(fromFile), target);
}

/** Normalises a relative path: `/` separators (a `\\` too), no `.` segments; null if it climbs out of its root. */
export function normalizeRelPath(path: string): string | null {
  const parts: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return null;
      parts.pop();
      continue;
    }
    parts.push(part);
  }
  return parts.join('/');
}

/** Joins a base directory and a relative path the way Go's `filepath.Join` does, keeping the result relative; null if it escapes. */
export function joinPath(base: string, rel: string): string | null {
  if (rel.startsWith('/')) return normalizeRelPath(rel);
  return normalizeRelPath(base === '' ? rel : `${base}/${rel}`);
}

/** The project path for NAME typed or uploaded into DIR (`""` for the root); null when it is empty or climbs out with `..`. */
export function projectPath(dir: string, name: string): string | null {
  if (name.trim() === '') return null;
  const joined = name.startsWith('/') ? name : `${dir}${dir === '' || dir.endsWith('/') ? '' : '/'}${name}`;
  const normalized = normalizeRelPath(joined);
  return normalized === null || normalized === '' ? null : normalized;
}

/** The directory part of a project path with its trailing slash (`""` at the root), as a folder prefix. */
export function directoryOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash + 1);
}
