/** Decoded TOML values in which every node remembers where it was defined, and how such trees merge. */
import type { ConfigValue, Loc, Provenance } from './types.ts';
import { childKey, type KeyIndex, type KeyPath } from './toml-locate.ts';

/** A scalar leaf; `date` marks a TOML date-time, which the azldev schema never accepts. */
export interface ScalarNode {
  kind: 'scalar';
  value: string | number | boolean;
  loc: Loc;
  date?: true;
}

/** A TOML table. */
export interface TableNode {
  kind: 'table';
  entries: Map<string, LNode>;
  loc: Loc;
}

/** A TOML array. */
export interface ArrayNode {
  kind: 'array';
  items: LNode[];
  loc: Loc;
}

/** A located TOML value. */
export type LNode = ScalarNode | TableNode | ArrayNode;

/** Builds a located tree from a smol-toml value; `key` is the value's joined path in the document's key index. */
export function buildNode(value: unknown, key: string, index: KeyIndex, file: string): LNode {
  const pos = index.nearest(key);
  const loc: Loc = { file, line: pos.line, col: pos.col };
  if (Array.isArray(value)) {
    return { kind: 'array', loc, items: value.map((v, i) => buildNode(v, childKey(key, i), index, file)) };
  }
  if (value instanceof Date) {
    return { kind: 'scalar', value: value.toISOString(), loc, date: true };
  }
  if (value !== null && typeof value === 'object') {
    const entries = new Map<string, LNode>();
    for (const [k, v] of Object.entries(value)) entries.set(k, buildNode(v, childKey(key, k), index, file));
    return { kind: 'table', loc, entries };
  }
  if (typeof value === 'bigint') return { kind: 'scalar', value: Number(value), loc };
  return { kind: 'scalar', value: value as string | number | boolean, loc };
}

/** An empty table located at `loc`. */
export function emptyTable(loc: Loc): TableNode {
  return { kind: 'table', entries: new Map(), loc };
}

/** Converts a located tree to a plain value. */
export function toPlain(node: LNode): ConfigValue {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'array':
      return node.items.map(toPlain);
    case 'table': {
      const out: Record<string, ConfigValue> = {};
      for (const [k, v] of node.entries) out[k] = toPlain(v);
      return out;
    }
  }
}

const SIMPLE_KEY = /^[A-Za-z0-9_-]+$/;

/** Formats a key path the way users write it: `components.kernel.overlays[3].type`. */
export function formatPath(path: KeyPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else {
      const key = SIMPLE_KEY.test(seg) ? seg : JSON.stringify(seg);
      out += out === '' ? key : `.${key}`;
    }
  }
  return out;
}

/** Lists where every table, array, element and leaf under `node` was defined, keyed by value path. */
export function flattenProvenance(node: LNode, prefix = '', out: Provenance = {}): Provenance {
  if (prefix !== '') out[prefix] = node.loc;
  if (node.kind === 'table') {
    for (const [k, v] of node.entries) {
      const key = SIMPLE_KEY.test(k) ? k : JSON.stringify(k);
      flattenProvenance(v, prefix === '' ? key : `${prefix}.${key}`, out);
    }
  } else if (node.kind === 'array') {
    node.items.forEach((v, i) => flattenProvenance(v, `${prefix}[${i}]`, out));
  }
  return out;
}

/** Looks up a child by key path. */
export function getNode(node: LNode | undefined, ...path: (string | number)[]): LNode | undefined {
  let cur = node;
  for (const seg of path) {
    if (!cur) return undefined;
    if (typeof seg === 'number') cur = cur.kind === 'array' ? cur.items[seg] : undefined;
    else cur = cur.kind === 'table' ? cur.entries.get(seg) : undefined;
  }
  return cur;
}

/** The string value of a scalar child, if there is one. */
export function getString(node: LNode | undefined, ...path: (string | number)[]): string | undefined {
  const n = getNode(node, ...path);
  return n?.kind === 'scalar' && typeof n.value === 'string' ? n.value : undefined;
}

/** How two located trees combine. */
export interface MergePolicy {
  /** `append` for component inheritance (mergo WithAppendSlice); `replace` for cross-file merges. */
  arrays: 'append' | 'replace';
  /** Keys whose arrays always replace, even an empty one (`overlay-files`). */
  replaceKeys?: ReadonlySet<string>;
}

// mergo WithOverride leaves a non-empty destination alone when the source field is the zero value.
function isZero(node: LNode): boolean {
  if (node.kind === 'scalar') return node.value === '' || node.value === 0 || node.value === false;
  if (node.kind === 'array') return node.items.length === 0;
  return false;
}

/** Merges `over` onto `base` without mutating either; `base` keeps its location for shared tables. */
export function mergeNodes(base: LNode | undefined, over: LNode, policy: MergePolicy, key = ''): LNode {
  if (!base) return over;
  if (policy.replaceKeys?.has(key) && over.kind === 'array') return over;
  if (base.kind === 'table' && over.kind === 'table') {
    // Trees are never mutated after loading, so an untouched side can be shared as is; an empty
    // base (a merge target not yet defined anywhere) takes the first real definition's place.
    if (over.entries.size === 0) return base;
    if (base.entries.size === 0) return over;
    const entries = new Map(base.entries);
    for (const [k, v] of over.entries) entries.set(k, mergeNodes(base.entries.get(k), v, policy, k));
    return { kind: 'table', loc: base.loc, entries };
  }
  if (isZero(over)) return base;
  if (base.kind === 'array' && over.kind === 'array' && policy.arrays === 'append') {
    return { kind: 'array', loc: base.loc, items: [...base.items, ...over.items] };
  }
  return over;
}
