/** Completion of azldev TOML from the schema: the keys a table takes and the values an enumerated string allows, for the editor. */
import type { Schema } from './schema.ts';
import { configFileSchema, OVERLAY_TYPES, overlayFileSchema } from './schema-defs.ts';

/** One completion offered at the cursor. */
export interface TomlCompletion {
  label: string;
  /** `key` for a table key, `value` for an allowed string, `table` for a header. */
  type: 'key' | 'value' | 'table';
  /** The expected shape, in words (`string`, `table`, `one of …`). */
  detail: string;
}

/** What to complete: the candidates and where the word being typed starts (an offset in the text). */
export interface TomlCompletionResult {
  from: number;
  options: TomlCompletion[];
}

/** The schema that FILE is read with: overlay files have their own. */
export function schemaForFile(file: string): Schema | undefined {
  if (file.endsWith('.overlay.toml')) return overlayFileSchema;
  if (file.endsWith('.toml') && !file.endsWith('.lock')) return configFileSchema;
  return undefined;
}

function describe(schema: Schema): string {
  switch (schema.kind) {
    case 'string':
      return schema.values ? `one of ${schema.values.join(', ')}` : 'string';
    case 'array':
      return `array of ${describe(schema.items)}`;
    case 'map':
      return 'table of named entries';
    case 'either':
      return schema.options.map(describe).join(' or ');
    default:
      return schema.kind;
  }
}

/** The schema under PATH (table keys; a map takes any key; an array of tables its items). */
function schemaAt(root: Schema, path: readonly string[]): Schema | undefined {
  let node: Schema | undefined = root;
  for (const seg of path) {
    while (node?.kind === 'array') node = node.items;
    if (!node) return undefined;
    if (node.kind === 'table') node = node.fields[seg];
    else if (node.kind === 'map') node = node.values;
    else if (node.kind === 'either') node = node.options.find((o) => o.kind === 'table' || o.kind === 'map');
    else return undefined;
    if (node?.kind === 'either') node = node.options.find((o) => o.kind === 'table' || o.kind === 'map') ?? node;
  }
  while (node?.kind === 'array') node = node.items;
  return node;
}

/** Splits a dotted TOML key (`images."vm-base".definition`) into its parts. */
function splitKey(key: string): string[] {
  return [...key.matchAll(/"([^"]*)"|'([^']*)'|([^.\s]+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

function keysOf(schema: Schema | undefined): [string, Schema][] {
  if (schema?.kind !== 'table') return [];
  return Object.entries(schema.fields).filter(([k]) => k !== '$schema');
}

/** The completions at OFFSET in TEXT, read with SCHEMA; undefined where there is nothing to offer. */
export function completeToml(text: string, offset: number, schema: Schema): TomlCompletionResult | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  // the table the cursor is in: the last header above the line
  const above = text.slice(0, lineStart).split('\n');
  let table: string[] = [];
  for (let i = above.length - 1; i >= 0; i--) {
    const header = /^\s*\[\[?\s*([^\]]+?)\s*\]\]?/.exec(above[i] ?? '');
    if (header?.[1]) {
      table = splitKey(header[1]);
      break;
    }
  }
  const header = /^\s*\[\[?\s*([^\]]*)$/.exec(before);
  if (header) {
    const parts = splitKey(header[1] ?? '');
    const typing = /[.\s[]$/.test(before) || parts.length === 0 ? '' : (parts.pop() ?? '');
    const from = offset - typing.length;
    const options = keysOf(schemaAt(schema, parts))
      .filter(([, s]) => s.kind === 'table' || s.kind === 'map' || s.kind === 'array')
      .map(([label, s]): TomlCompletion => ({ label, type: 'table', detail: describe(s) }));
    return options.length ? { from, options } : undefined;
  }
  const key = /^\s*([A-Za-z0-9_-]*)$/.exec(before);
  if (key) {
    const typing = key[1] ?? '';
    const options = keysOf(schemaAt(schema, table)).map(([label, s]): TomlCompletion => ({ label, type: 'key', detail: describe(s) }));
    return options.length ? { from: offset - typing.length, options } : undefined;
  }
  const value = /^\s*([A-Za-z0-9_.-]+)\s*=\s*["']([^"']*)$/.exec(before);
  if (value) {
    const path = [...table, ...splitKey(value[1] ?? '')];
    const target = schemaAt(schema, path);
    // an overlay's type is checked by the overlay rules (with a better message), not by the schema: its values live there
    const values = target?.kind === 'string' ? (target.values ?? (path.at(-1) === 'type' && path.includes('overlays') ? OVERLAY_TYPES : undefined)) : undefined;
    if (!values) return undefined;
    const typing = value[2] ?? '';
    const detail = `one of ${values.join(', ')}`;
    return { from: offset - typing.length, options: values.map((label): TomlCompletion => ({ label, type: 'value', detail })) };
  }
  return undefined;
}
