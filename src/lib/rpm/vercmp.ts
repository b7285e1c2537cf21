/** rpm's version ordering (rpmvercmp) and EVR comparison, as `rpm -q --qf` and dnf order packages. */

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isAlpha = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
// rpm looks at ASCII only: every other character (including non-ASCII letters) separates segments.
const isSeparator = (c: string): boolean => !isDigit(c) && !isAlpha(c) && c !== '~' && c !== '^';

/**
 * Compares two version (or release) strings the way rpm does: alternating numeric and alphabetic
 * segments, separators ignored, numbers by value, letters by code point, a numeric segment newer
 * than an alphabetic one, `~` sorting before anything (even the end) and `^` after the end but
 * before anything else. Returns -1, 0 or 1.
 */
export function rpmvercmp(a: string, b: string): -1 | 0 | 1 {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while (i < a.length && isSeparator(a[i] as string)) i += 1;
    while (j < b.length && isSeparator(b[j] as string)) j += 1;
    const x = a[i] ?? '';
    const y = b[j] ?? '';
    if (x === '~' || y === '~') {
      if (x !== '~') return 1;
      if (y !== '~') return -1;
      i += 1;
      j += 1;
      continue;
    }
    if (x === '^' || y === '^') {
      if (x === '') return -1;
      if (y === '') return 1;
      if (x !== '^') return 1;
      if (y !== '^') return -1;
      i += 1;
      j += 1;
      continue;
    }
    if (x === '' || y === '') break;
    const numeric = isDigit(x);
    const inSegment = numeric ? isDigit : isAlpha;
    let ei = i;
    let ej = j;
    while (ei < a.length && inSegment(a[ei] as string)) ei += 1;
    while (ej < b.length && inSegment(b[ej] as string)) ej += 1;
    // Segments of different kinds: the numeric one is newer.
    if (ej === j) return numeric ? 1 : -1;
    let sa = a.slice(i, ei);
    let sb = b.slice(j, ej);
    if (numeric) {
      sa = sa.replace(/^0+/, '');
      sb = sb.replace(/^0+/, '');
      if (sa.length !== sb.length) return sa.length > sb.length ? 1 : -1;
    }
    if (sa !== sb) return sa > sb ? 1 : -1;
    i = ei;
    j = ej;
  }
  if (i >= a.length && j >= b.length) return 0;
  return i >= a.length ? -1 : 1;
}

/** An epoch, version and release; a missing release compares equal to any (as in a dependency `foo >= 1.2`). */
export interface Evr {
  epoch: number;
  version: string;
  release?: string | null;
}

/** Orders two EVRs: epoch by value, then version, then release, each with rpmvercmp. */
export function compareEvr(a: Evr, b: Evr): -1 | 0 | 1 {
  if (a.epoch !== b.epoch) return a.epoch > b.epoch ? 1 : -1;
  const version = rpmvercmp(a.version, b.version);
  if (version !== 0 || a.release == null || b.release == null) return version;
  return rpmvercmp(a.release, b.release);
}
