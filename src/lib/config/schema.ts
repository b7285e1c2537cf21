/** A small declarative schema for azldev TOML, and a validator that reports every mismatch with its location. */
import type { LNode, TableNode } from './located-tree.ts';
import { formatPath } from './located-tree.ts';
import type { Loc } from './types.ts';

/** The expected shape of a value. */
export type Schema =
  | { kind: 'string'; values?: readonly string[]; pattern?: RegExp; patternHint?: string }
  | { kind: 'boolean' }
  | { kind: 'integer' }
  | { kind: 'array'; items: Schema }
  | { kind: 'table'; fields: Readonly<Record<string, Schema>>; required?: readonly string[] }
  | { kind: 'map'; values: Schema; keyPattern?: RegExp; keyHint?: string }
  | { kind: 'either'; options: readonly Schema[] }
  | { kind: 'any' };

/** A string, optionally one of `values`. */
export const str = (values?: readonly string[]): Schema => (values ? { kind: 'string', values } : { kind: 'string' });
/** A string matching `pattern`; `hint` says what is expected. */
export const strMatching = (pattern: RegExp, patternHint: string): Schema => ({ kind: 'string', pattern, patternHint });
/** A boolean. */
export const bool: Schema = { kind: 'boolean' };
/** An integer. */
export const int: Schema = { kind: 'integer' };
/** An array of `items`. */
export const arr = (items: Schema): Schema => ({ kind: 'array', items });
/** A table with exactly these keys. */
export const table = (fields: Record<string, Schema>, required?: readonly string[]): Schema =>
  required ? { kind: 'table', fields, required } : { kind: 'table', fields };
/** A table of user-named entries, each of shape `values`. */
export const map = (values: Schema, keyPattern?: RegExp, keyHint?: string): Schema =>
  keyPattern && keyHint ? { kind: 'map', values, keyPattern, keyHint } : { kind: 'map', values };
/** Any of `options`, chosen by the kind of the value. */
export const either = (...options: Schema[]): Schema => ({ kind: 'either', options });
/** Any value; used where azldev itself passes the table through to another tool. */
export const anyValue: Schema = { kind: 'any' };

/** Receives one problem found by the validator. */
export type SchemaReport = (
  code: string,
  loc: Loc,
  message: string,
  hint: string,
  severity?: 'error' | 'warning',
) => void;

const KIND_WORDS: Record<string, string> = {
  string: 'a string',
  boolean: 'a boolean',
  integer: 'an integer',
  array: 'an array',
  table: 'a table',
  map: 'a table',
};

const KIND_HINTS: Record<string, string> = {
  string: 'quote the value, e.g. key = "text"',
  boolean: 'write true or false without quotes',
  integer: 'write a whole number without quotes',
  array: 'write a list in brackets, e.g. key = ["a", "b"]',
  table: 'write a [table] header or an inline table { key = "value" }',
  map: 'write a [table] header or an inline table { key = "value" }',
};

function describe(node: LNode): string {
  if (node.kind === 'array') return 'an array';
  if (node.kind === 'table') return 'a table';
  if (node.date) return 'a date-time';
  if (typeof node.value === 'string') return 'a string';
  if (typeof node.value === 'boolean') return 'a boolean';
  return Number.isInteger(node.value) ? 'an integer' : 'a float';
}

function matchesKind(node: LNode, schema: Schema): boolean {
  switch (schema.kind) {
    case 'string':
      return node.kind === 'scalar' && typeof node.value === 'string' && !node.date;
    case 'boolean':
      return node.kind === 'scalar' && typeof node.value === 'boolean';
    case 'integer':
      return node.kind === 'scalar' && typeof node.value === 'number' && Number.isInteger(node.value);
    case 'array':
      return node.kind === 'array';
    case 'table':
    case 'map':
      return node.kind === 'table';
    case 'either':
      return schema.options.some((o) => matchesKind(node, o));
    case 'any':
      return true;
  }
}

/** Options of one validation run. */
export interface ValidateOptions {
  /** Unknown keys become warnings and are dropped, as with azldev `--permissive-config`. */
  permissive: boolean;
  report: SchemaReport;
}

/**
 * Checks `node` against `schema`, reporting each problem; returns the node to keep
 * (unknown keys removed in permissive mode) or `undefined` when its type is wrong.
 */
export function validateNode(
  node: LNode,
  schema: Schema,
  path: (string | number)[],
  opts: ValidateOptions,
): LNode | undefined {
  if (!matchesKind(node, schema)) {
    const expected =
      schema.kind === 'either'
        ? schema.options.map((o) => KIND_WORDS[o.kind] ?? o.kind).join(' or ')
        : (KIND_WORDS[schema.kind] ?? schema.kind);
    const firstKind = schema.kind === 'either' ? (schema.options[0]?.kind ?? 'string') : schema.kind;
    const hint = node.kind === 'scalar' && node.date ? 'quote it, e.g. snapshot = "2026-02-24T00:00:00-08:00"' : (KIND_HINTS[firstKind] ?? '');
    opts.report('config/wrong-type', node.loc, `${formatPath(path)} must be ${expected}, not ${describe(node)}`, hint);
    return undefined;
  }
  switch (schema.kind) {
    case 'either': {
      const chosen = schema.options.find((o) => matchesKind(node, o)) as Schema;
      return validateNode(node, chosen, path, opts);
    }
    case 'string': {
      const value = (node as { value: string }).value;
      if (schema.values && !schema.values.includes(value)) {
        opts.report(
          'config/invalid-value',
          node.loc,
          `invalid value ${JSON.stringify(value)} for ${formatPath(path)}`,
          `expected one of: ${schema.values.map((v) => (v === '' ? '""' : v)).join(', ')}`,
        );
      } else if (schema.pattern && !schema.pattern.test(value)) {
        opts.report('config/invalid-value', node.loc, `invalid value ${JSON.stringify(value)} for ${formatPath(path)}`, schema.patternHint ?? '');
      }
      return node;
    }
    case 'array': {
      const arrayNode = node as Extract<LNode, { kind: 'array' }>;
      const items: LNode[] = [];
      arrayNode.items.forEach((item, i) => {
        const kept = validateNode(item, schema.items, [...path, i], opts);
        if (kept) items.push(kept);
      });
      return { ...arrayNode, items };
    }
    case 'table':
      return validateTable(node as TableNode, schema, path, opts);
    case 'map': {
      const tableNode = node as TableNode;
      const entries = new Map<string, LNode>();
      for (const [key, value] of tableNode.entries) {
        if (schema.keyPattern && !schema.keyPattern.test(key)) {
          opts.report('config/invalid-name', value.loc, `invalid name ${JSON.stringify(key)} in ${formatPath(path)}`, schema.keyHint ?? '');
        }
        const kept = validateNode(value, schema.values, [...path, key], opts);
        if (kept) entries.set(key, kept);
      }
      return { ...tableNode, entries };
    }
    default:
      return node;
  }
}

function validateTable(
  node: TableNode,
  schema: Extract<Schema, { kind: 'table' }>,
  path: (string | number)[],
  opts: ValidateOptions,
): TableNode {
  // Most of a real tree is bare `[components.X]` tables; they need no copy.
  if (node.entries.size === 0 && !schema.required) return node;
  const entries = new Map<string, LNode>();
  for (const [key, value] of node.entries) {
    const fieldSchema = schema.fields[key];
    if (!fieldSchema) {
      const where = path.length === 0 ? 'at the top level' : `in ${formatPath(path)}`;
      const known = Object.keys(schema.fields).join(', ');
      opts.report(
        'config/unknown-key',
        value.loc,
        `unknown key ${JSON.stringify(key)} ${where}`,
        opts.permissive ? 'ignored because of --permissive' : `known keys: ${known}; or load with --permissive to ignore it`,
        opts.permissive ? 'warning' : 'error',
      );
      continue;
    }
    const kept = validateNode(value, fieldSchema, [...path, key], opts);
    if (kept) entries.set(key, kept);
  }
  for (const key of schema.required ?? []) {
    if (!node.entries.has(key)) {
      opts.report('config/missing-key', node.loc, `${formatPath(path)} is missing required key ${JSON.stringify(key)}`, `add ${key} = ...`);
    }
  }
  return { ...node, entries };
}
