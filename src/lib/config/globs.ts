/** doublestar-style include globs over the virtual file system. */
import picomatch from 'picomatch';
import { resolvePath } from './paths.ts';

/** A pattern without `* ? [` names one file, and a missing one is an error rather than "no match" (azldev's containsPattern). */
export function isLiteralPattern(pattern: string): boolean {
  return !/[*?[]/.test(pattern);
}

/** Whether doublestar matches PATTERN as a plain file name: it has no `* ? [ {`, and a backslash in it stays a backslash. */
export function matchesLiterally(pattern: string): boolean {
  return !/[*?[{]/.test(pattern);
}

/**
 * Files matching `pattern` (relative to `baseDir`), in the order of `sortedPaths`.
 * `sortedPaths` must already be in directory-walk order so results match azldev's.
 */
export function expandGlob(sortedPaths: readonly string[], existing: ReadonlySet<string> | ReadonlyMap<string, unknown>, baseDir: string, pattern: string): string[] {
  const full = resolvePath(baseDir, pattern);
  if (matchesLiterally(pattern)) return existing.has(full) ? [full] : [];
  // Go's doublestar matches dot files like any other name; paths are always POSIX, even on Windows.
  const matcher = picomatch(full, { dot: true, windows: false });
  const { base } = picomatch.scan(full);
  const prefix = base === '' ? '' : `${base}/`;
  return sortedPaths.filter((p) => p.startsWith(prefix) && matcher(p));
}
