/** Project-relative path helpers for image descriptions that include other project files. */

/** Project files as path → text; the unit the kickstart and KIWI readers load from. */
export type TextFiles = ReadonlyMap<string, string>;

/** Normalises `a/./b/../c` to `a/c`; keeps a leading `..` that climbs out of the project so callers can report it. */
export function normalizePath(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

/** Directory part of a project path (`''` for top-level files). */
export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** Resolves `target` as written inside `fromFile`: absolute paths are taken from the project root. */
export function resolveRelative(fromFile: string, target: string): string {
  if (target.startsWith('/')) return normalizePath(target);
  const dir = dirname(fromFile);
  return normalizePath(dir ? `${dir}/${target}` : target);
}
