/**
 * Where each key and array element of a TOML document is, by key path.
 *
 * smol-toml gives values but no positions, and every value we report needs a file:line. This
 * skims a document that smol-toml has already accepted: it only tracks table headers, keys and
 * array/inline-table nesting to record positions, and never builds values, so validity and value
 * semantics stay with smol-toml.
 */

/** A 1-based line and column in a file. */
export interface Pos {
  line: number;
  col: number;
}

/** A path into a TOML document: table keys as strings, array indexes as numbers. */
export type KeyPath = readonly (string | number)[];

/** Joins a key path into a map key; NUL cannot appear in a TOML key without escaping. */
export function pathKey(path: KeyPath): string {
  return path.join('\u0000');
}

/** Appends one segment to a joined key path. */
export function childKey(parent: string, seg: string | number): string {
  return parent === '' ? String(seg) : `${parent}\u0000${seg}`;
}

/** Positions of keys, tables and array elements of one document, first definition wins. */
export class KeyIndex {
  private readonly positions = new Map<string, Pos>();

  /** Records where the joined path `key` is defined unless it was already recorded. */
  record(key: string, pos: Pos): void {
    if (!this.positions.has(key)) this.positions.set(key, pos);
  }

  /** Where `path` is defined, if it was seen. */
  get(path: KeyPath): Pos | undefined {
    return this.positions.get(pathKey(path));
  }

  /** Where the joined path `key` or its nearest recorded ancestor is defined; line 1 if nothing matches. */
  nearest(key: string): Pos {
    for (let k = key; ; ) {
      const pos = this.positions.get(k);
      if (pos) return pos;
      const cut = k.lastIndexOf('\u0000');
      if (cut < 0) return { line: 1, col: 1 };
      k = k.slice(0, cut);
    }
  }
}

function isBareKeyChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 95;
}
const SCALAR_END = new Set([',', ']', '}', '\n', '\r', '#']);

/** Scans `src` (valid TOML) and returns the positions of every key path in it. */
export function indexKeys(src: string): KeyIndex {
  const index = new KeyIndex();
  const aotLast = new Map<string, number>();
  const n = src.length;
  let i = 0;
  let line = 1;
  let lineStart = 0;
  let table = '';

  const pos = (): Pos => ({ line, col: i - lineStart + 1 });
  const step = (): void => {
    if (src[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
    i++;
  };
  const skipSpaces = (): void => {
    while (i < n && (src[i] === ' ' || src[i] === '\t')) i++;
  };
  const skipComment = (): void => {
    while (i < n && src[i] !== '\n') i++;
  };
  // Inside arrays and inline tables newlines and comments are insignificant.
  const skipBlank = (): void => {
    for (;;) {
      const c = src[i];
      if (c === ' ' || c === '\t' || c === '\r' || c === '\n') step();
      else if (c === '#') skipComment();
      else return;
    }
  };

  const skipString = (): string => {
    const quote = src[i] as string;
    const start = i;
    if (src.startsWith(quote.repeat(3), i)) {
      i += 3;
      while (i < n) {
        if (quote === '"' && src[i] === '\\') {
          step();
          step();
          continue;
        }
        if (src.startsWith(quote.repeat(3), i)) {
          i += 3;
          // Up to two more quotes may end the content itself.
          if (src[i] === quote) i++;
          if (src[i] === quote) i++;
          break;
        }
        step();
      }
      return src.slice(start, i);
    }
    i++;
    while (i < n && src[i] !== quote && src[i] !== '\n') {
      if (quote === '"' && src[i] === '\\') i++;
      i++;
    }
    i++;
    return src.slice(start, i);
  };

  const readKeySegment = (): string => {
    const c = src[i];
    if (c === '"') {
      const raw = skipString();
      try {
        return JSON.parse(raw) as string;
      } catch {
        return raw.slice(1, -1);
      }
    }
    if (c === "'") return skipString().slice(1, -1);
    const start = i;
    while (i < n && isBareKeyChar(src.charCodeAt(i))) i++;
    return src.slice(start, i);
  };

  const readKey = (): string[] => {
    const segs = [readKeySegment()];
    for (;;) {
      skipSpaces();
      if (src[i] !== '.') return segs;
      i++;
      skipSpaces();
      segs.push(readKeySegment());
    }
  };

  const recordKey = (base: string, key: string[], at: Pos): string => {
    let full = base;
    for (const seg of key) {
      full = childKey(full, seg);
      index.record(full, at);
    }
    return full;
  };

  const skipValue = (path: string): void => {
    const c = src[i];
    if (c === '[') {
      i++;
      for (let k = 0; ; k++) {
        skipBlank();
        if (i >= n || src[i] === ']') break;
        const element = childKey(path, k);
        index.record(element, pos());
        skipValue(element);
        skipBlank();
        if (src[i] === ',') i++;
      }
      i++;
      return;
    }
    if (c === '{') {
      i++;
      for (;;) {
        skipBlank();
        if (i >= n || src[i] === '}') break;
        const at = pos();
        const full = recordKey(path, readKey(), at);
        skipSpaces();
        i++; // '='
        skipSpaces();
        skipValue(full);
        skipBlank();
        if (src[i] === ',') i++;
      }
      i++;
      return;
    }
    if (c === '"' || c === "'") {
      skipString();
      return;
    }
    while (i < n && !SCALAR_END.has(src[i] as string)) i++;
  };

  // Records the header and its implicit super-tables, and returns the header's joined path.
  const resolveHeader = (segs: string[], arrayOfTables: boolean, at: Pos): string => {
    let out = '';
    segs.forEach((seg, j) => {
      out = childKey(out, seg);
      index.record(out, at);
      if (arrayOfTables && j === segs.length - 1) {
        const next = (aotLast.get(out) ?? -1) + 1;
        aotLast.set(out, next);
        out = childKey(out, next);
        index.record(out, at);
      } else {
        const current = aotLast.get(out);
        if (current !== undefined) out = childKey(out, current);
      }
    });
    return out;
  };

  while (i < n) {
    skipSpaces();
    const c = src[i];
    if (c === undefined) break;
    if (c === '\n' || c === '\r') {
      step();
      continue;
    }
    if (c === '#') {
      skipComment();
      continue;
    }
    const at = pos();
    if (c === '[') {
      const arrayOfTables = src[i + 1] === '[';
      i += arrayOfTables ? 2 : 1;
      skipSpaces();
      table = resolveHeader(readKey(), arrayOfTables, at);
    } else {
      const full = recordKey(table, readKey(), at);
      skipSpaces();
      i++; // '='
      skipSpaces();
      skipValue(full);
    }
    skipComment();
  }
  return index;
}
