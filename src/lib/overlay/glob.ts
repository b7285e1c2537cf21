/** A compiled doublestar glob (the library azldev uses): `*`, `?`, `[…]`, `{a,b}`, `**` segments, `\` escapes; no `*?[{` means a literal name. */
export interface Glob {
  pattern: string;
  /** True if the pattern has no glob syntax, so it names one path literally. */
  literal: boolean;
  matches(path: string): boolean;
}

/** A compiled glob, or why the pattern is malformed (doublestar's ErrBadPattern). */
export type GlobCompileResult = { ok: true; glob: Glob } | { ok: false; message: string };

// doublestar looks for these; a pattern with none of them names one file, backslashes included.
const META = /[*?[{]/;

/** Compiles a doublestar pattern into a matcher over `/`-separated relative paths. */
export function compileGlob(pattern: string): GlobCompileResult {
  if (!META.test(pattern)) return { ok: true, glob: { pattern, literal: true, matches: (path) => path === pattern } };
  try {
    const source = translate(pattern);
    const re = new RegExp(`^${source}$`, 'u');
    return { ok: true, glob: { pattern, literal: false, matches: (path) => re.test(path) } };
  } catch (error) {
    return { ok: false, message: `invalid glob ${JSON.stringify(pattern)}: ${error instanceof Error ? error.message : String(error)}` };
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

/** Normalises a relative path: `/` separators, no `.` segments, no leading `./`; null if it escapes upwards. */
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

/** Joins a base directory and a relative path the way `filepath.Join` does, keeping the result relative. */
export function joinPath(base: string, rel: string): string | null {
  if (rel.startsWith('/')) return normalizeRelPath(rel);
  return normalizeRelPath(base === '' ? rel : `${base}/${rel}`);
}

/** The last path segment. */
export function baseName(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}

/** Everything before the last `/`, or `""`. */
export function dirName(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}
