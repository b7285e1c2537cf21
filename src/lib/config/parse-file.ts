/** Parses one TOML file of the project, locates every value and validates it against a schema. */
import { parse, TomlError } from 'smol-toml';
import { buildNode, type TableNode } from './located-tree.ts';
import type { DiagnosticSink } from './report.ts';
import { validateNode, type Schema } from './schema.ts';
import { indexKeys } from './toml-locate.ts';

/** A parsed, located and schema-checked file. */
export interface ParsedFile {
  path: string;
  text: string;
  root: TableNode;
}

/** Parses `text` as TOML and validates it; syntax errors are reported and yield `undefined`. */
export function parseTomlFile(
  path: string,
  text: string,
  schema: Schema,
  permissive: boolean,
  sink: DiagnosticSink,
): ParsedFile | undefined {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (e) {
    if (!(e instanceof TomlError)) throw e;
    const message = e.message.split('\n')[0]?.replace(/^Invalid TOML document: /, '') ?? 'invalid TOML';
    sink.error('config/toml-syntax', { file: path, line: e.line, col: e.column }, `invalid TOML: ${message}`, 'fix the TOML syntax at this position');
    return undefined;
  }
  const node = buildNode(raw, '', indexKeys(text), path) as TableNode;
  const root = validateNode(node, schema, [], {
    permissive,
    report: (code, loc, message, hint, severity = 'error') => sink.add(severity, code, loc, message, hint),
  }) as TableNode;
  return { path, text, root };
}
