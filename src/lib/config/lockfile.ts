/** Reads a single lock file (`locks/<component>.lock`) outside of a project load. */
import type { Diagnostic } from '../diagnostics.ts';
import { parseTomlFile } from './parse-file.ts';
import { DiagnosticSink } from './report.ts';
import { locate } from './resolve.ts';
import { lockFileSchema } from './schema-defs.ts';
import type { Located, LockFile } from './types.ts';

/** Parses and validates lock-file text; `lock` is undefined when the text is not valid TOML. */
export function parseLockFile(path: string, text: string): { lock?: Located<LockFile>; diagnostics: Diagnostic[] } {
  const sink = new DiagnosticSink();
  const parsed = parseTomlFile(path, text, lockFileSchema, false, sink);
  return parsed ? { lock: locate<LockFile>(parsed.root), diagnostics: sink.list } : { diagnostics: sink.list };
}
