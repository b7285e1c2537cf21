/** fnmatch-style globs as dnf uses them for package names (`*`, `?`, `[...]`). */

const cache = new Map<string, RegExp>();

/** True when the pattern contains glob characters, so it is a pattern rather than a plain name. */
export function isGlob(pattern: string): boolean {
  return /[*?[]/.test(pattern);
}

/** Compiles an fnmatch pattern to an anchored RegExp (memoised: exclude lists are matched many times). */
export function globToRegExp(pattern: string): RegExp {
  const hit = cache.get(pattern);
  if (hit) return hit;
  let src = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*') src += '.*';
    else if (c === '?') src += '.';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) {
        src += '\\[';
        continue;
      }
      let body = pattern.slice(i + 1, end);
      if (body.startsWith('!')) body = `^${body.slice(1)}`;
      src += `[${body.replace(/\\/g, '\\\\')}]`;
      i = end;
    } else src += c.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  const re = new RegExp(`^${src}$`);
  cache.set(pattern, re);
  return re;
}

/** True when `name` matches any of the fnmatch patterns. */
export function matchesAny(name: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => (isGlob(p) ? globToRegExp(p).test(name) : p === name));
}
