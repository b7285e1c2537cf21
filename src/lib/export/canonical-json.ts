/** Deterministic JSON text: keys sorted (some pinned first), two-space indent, trailing newline. */

/** Serialises `value` with object keys in code-unit order, except `pinned` keys, which come first in the given order at every depth. */
export function canonicalJson(value: unknown, pinned: readonly string[] = []): string {
  return `${write(value, pinned, '')}\n`;
}

function orderKeys(obj: Record<string, unknown>, pinned: readonly string[]): string[] {
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined);
  const first = pinned.filter((k) => keys.includes(k));
  const rest = keys.filter((k) => !pinned.includes(k)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return [...first, ...rest];
}

function write(value: unknown, pinned: readonly string[], indent: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      // A NaN or Infinity would silently become null in JSON.stringify; in an export that is a bug upstream.
      if (!Number.isFinite(value)) throw new Error(`canonicalJson: non-finite number ${value}`);
      return JSON.stringify(value);
    case 'object': {
      const inner = `${indent}  `;
      if (Array.isArray(value)) {
        if (value.length === 0) return '[]';
        return `[\n${value.map((v) => `${inner}${write(v, pinned, inner)}`).join(',\n')}\n${indent}]`;
      }
      const obj = value as Record<string, unknown>;
      const keys = orderKeys(obj, pinned);
      if (keys.length === 0) return '{}';
      return `{\n${keys.map((k) => `${inner}${JSON.stringify(k)}: ${write(obj[k], pinned, inner)}`).join(',\n')}\n${indent}}`;
    }
    default:
      throw new Error(`canonicalJson: cannot serialise a ${typeof value}`);
  }
}
