/** An `[epoch:]version[-release]` string taken apart; the epoch is kept as written (digits), `"0"` when absent. */
export interface EvrParts {
  epoch: string;
  version: string;
  /** Null when the string has no release (a dependency like `foo >= 1.2`). */
  release: string | null;
}

/** Splits an EVR at its epoch colon (digits only) and its last dash, as rpm and libsolv do. */
export function splitEvr(evr: string): EvrParts {
  const colon = evr.indexOf(':');
  const hasEpoch = colon > 0 && /^\d+$/.test(evr.slice(0, colon));
  const epoch = hasEpoch ? evr.slice(0, colon) : '0';
  const rest = hasEpoch ? evr.slice(colon + 1) : evr;
  const dash = rest.lastIndexOf('-');
  return dash > 0 ? { epoch, version: rest.slice(0, dash), release: rest.slice(dash + 1) } : { epoch, version: rest, release: null };
}

/** rpm's version segment comparison (rpmvercmp): -1, 0 or 1; `~` sorts before anything, `^` after the base but before more. */
export function compareVersions(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  const sep = /[^A-Za-z0-9~^]/;
  for (;;) {
    while (i < a.length && sep.test(a[i] as string)) i++;
    while (j < b.length && sep.test(b[j] as string)) j++;
    if (a[i] === '~' || b[j] === '~') {
      if (a[i] !== '~') return 1;
      if (b[j] !== '~') return -1;
      i++;
      j++;
      continue;
    }
    if (a[i] === '^' || b[j] === '^') {
      if (i >= a.length) return -1;
      if (j >= b.length) return 1;
      if (a[i] !== '^') return 1;
      if (b[j] !== '^') return -1;
      i++;
      j++;
      continue;
    }
    if (i >= a.length || j >= b.length) break;
    const numeric = /\d/.test(a[i] as string);
    const take = (s: string, k: number): string => {
      let e = k;
      while (e < s.length && (numeric ? /\d/ : /[A-Za-z]/).test(s[e] as string)) e++;
      return s.slice(k, e);
    };
    const x = take(a, i);
    const y = take(b, j);
    if (y === '') return numeric ? 1 : -1;
    i += x.length;
    j += y.length;
    if (numeric) {
      const xs = x.replace(/^0+/, '');
      const ys = y.replace(/^0+/, '');
      if (xs.length !== ys.length) return xs.length > ys.length ? 1 : -1;
      if (xs !== ys) return xs > ys ? 1 : -1;
    } else if (x !== y) return x > y ? 1 : -1;
  }
  if (i >= a.length && j >= b.length) return 0;
  return i >= a.length ? -1 : 1;
}

/** Compares two EVRs as rpm does: epoch, then version, then release. */
export function compareEvr(a: string, b: string): number {
  const x = splitEvr(a);
  const y = splitEvr(b);
  const e = Number(x.epoch) - Number(y.epoch);
  if (e !== 0) return e > 0 ? 1 : -1;
  return compareVersions(x.version, y.version) || compareVersions(x.release ?? '', y.release ?? '');
}
