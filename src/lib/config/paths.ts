/** POSIX path helpers for the virtual project file system (paths are relative to the project root). */

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
