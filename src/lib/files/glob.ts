import { err, ok, type MessageError, type Result } from '../result.ts';
import { resolvePath } from './paths.ts';

/**
 * Globs as azldev matches them: github.com/bmatcuk/doublestar semantics, written here because no
 * JavaScript glob library has them — `**` only as a whole segment, braces that may hold `/`, a
 * malformed pattern reported (doublestar's ErrBadPattern) instead of read as a literal, and a
 * pattern without glob syntax naming one file. Used for config includes, `overlay-files` and the
 * `file` patterns of overlays.
 */

/** A compiled doublestar glob: `*`, `?`, `[…]`, `{a,b}`, `**` segments, `\` escapes; no `*?[{` means a literal name. */
export interface Glob {
  pattern: string;
  /** True if the pattern has no glob syntax, so it names one path literally. */
  literal: boolean;
  matches(path: string): boolean;
}

/** A compiled glob, or why the pattern is malformed (doublestar's ErrBadPattern). */
export type GlobCompileResult = Result<Glob, MessageError>;

// doublestar looks for these; a pattern with none of them names one file, backslashes included.
const META = /[*?[{]/;

/** Compiles a doublestar pattern into a matcher over `/`-separated relative paths. */
export function compileGlob(pattern: string): GlobCompileResult {
  if (!META.test(pattern)) return ok({ pattern, literal: true, matches: (path: string) => path === pattern });
  try {
    const source = translate(pattern);
    const re = new RegExp(`^${source}$`, 'u');
    return ok({ pattern, literal: false, matches: (path: string) => re.test(path) });
  } catch (error) {
    return err({ message: `invalid glob ${JSON.stringify(pattern)}: ${error instanceof Error ? error.message : String(error)}` });
  }
}

function escapeRegex(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
}

// Translates character by character; braces nest and may contain `/`, so the pattern is not
// split into segments first. A `**` counts as "any number of directories" only when it is a
// whole segment, as in doublestar; elsewhere it behaves like `*`.
function translate(pattern: string): string {
  let out = '';
  let braceDepth = 0;
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i] as string;
    if (ch === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) throw new Error('trailing backslash');
      out += escapeRegex(next);
      i += 2;
      continue;
    }
    if (ch === '*') {
      const isDouble = pattern[i + 1] === '*';
      const segmentStart = i === 0 || pattern[i - 1] === '/' || (braceDepth > 0 && /[{,]/.test(pattern[i - 1] ?? ''));
      const afterDouble = pattern[i + 2];
      const segmentEnd = afterDouble === undefined || afterDouble === '/' || (braceDepth > 0 && /[},]/.test(afterDouble));
      if (isDouble && segmentStart && segmentEnd) {
        if (afterDouble === '/') {
          out += '(?:[^/]*(?:/[^/]*)*/)?';
          i += 3;
        } else {
          out += '.*';
          i += 2;
        }
        continue;
      }
      while (pattern[i] === '*') i += 1;
      out += '[^/]*';
      continue;
    }
    if (ch === '?') {
      out += '[^/]';
      i += 1;
      continue;
    }
    if (ch === '[') {
      const [cls, next] = translateClass(pattern, i);
      out += cls;
      i = next;
      continue;
    }
    if (ch === '{') {
      braceDepth += 1;
      out += '(?:';
      i += 1;
      continue;
    }
    if (ch === '}' && braceDepth > 0) {
      braceDepth -= 1;
      out += ')';
      i += 1;
      continue;
    }
    if (ch === ',' && braceDepth > 0) {
      out += '|';
      i += 1;
      continue;
    }
    out += escapeRegex(ch);
    i += 1;
  }
  if (braceDepth > 0) throw new Error('unclosed {');
  return out;
}

function translateClass(pattern: string, open: number): [string, number] {
  let i = open + 1;
  let negate = false;
  if (pattern[i] === '^' || pattern[i] === '!') {
    negate = true;
    i += 1;
  }
  let body = '';
  let first = true;
  while (i < pattern.length) {
    const ch = pattern[i] as string;
    if (ch === ']' && !first) {
      return [`[${negate ? '^' : ''}${body}${negate ? '/' : ''}]`, i + 1];
    }
    first = false;
    if (ch === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) break;
      body += `\\${next}`;
      i += 2;
      continue;
    }
    body += ch === '-' ? '-' : /[\]\\^[]/.test(ch) ? `\\${ch}` : ch;
    i += 1;
  }
  throw new Error('unclosed [');
}

/** The directory a glob starts from (`a/b` of `a/b/**` + `/x.toml`) and whether the rest crosses directories. */
export function globBase(pattern: string): { base: string; deep: boolean } {
  const prefix = literalPrefix(pattern);
  return { base: prefix.replace(/\/$/, ''), deep: pattern.slice(prefix.length).includes('/') };
}

/** The leading segments of PATTERN that hold no glob syntax (`a/b/` of `a/b/*.toml`), for filtering candidates cheaply. */
function literalPrefix(pattern: string): string {
  const segments = pattern.split('/');
  const literal: string[] = [];
  for (const segment of segments.slice(0, -1)) {
    // inside a pattern with glob syntax a backslash escapes, so a segment holding one is not taken as written
    if (/[*?[{\\]/.test(segment)) break;
    literal.push(segment);
  }
  return literal.length === 0 ? '' : `${literal.join('/')}/`;
}

/** Whether doublestar matches PATTERN as a plain file name: it has no `* ? [ {`, and a backslash in it stays a backslash. */
export function matchesLiterally(pattern: string): boolean {
  return !META.test(pattern);
}

/** A pattern without `* ? [` names one file, and a missing one is an error rather than "no match" (azldev's containsPattern). */
export function isLiteralPattern(pattern: string): boolean {
  return !/[*?[]/.test(pattern);
}

/**
 * Files matching PATTERN (relative to BASEDIR), in the order of SORTEDPATHS, which must already be
 * in directory-walk order so results match azldev's; a malformed pattern matches nothing.
 */
export function expandGlob(sortedPaths: readonly string[], existing: ReadonlySet<string> | ReadonlyMap<string, unknown>, baseDir: string, pattern: string): string[] {
  const full = resolvePath(baseDir, pattern);
  if (matchesLiterally(pattern)) return existing.has(full) ? [full] : [];
  const compiled = compileGlob(full);
  if (!compiled.ok) return [];
  const prefix = literalPrefix(full);
  return sortedPaths.filter((p) => p.startsWith(prefix) && compiled.value.matches(p));
}
