/** Collects the diagnostics of one load, so every problem is reported rather than the first. */
import type { Diagnostic } from '../diagnostics.ts';
import type { Loc } from './types.ts';

/** An append-only list of diagnostics with location-first helpers. */
export class DiagnosticSink {
  readonly list: Diagnostic[] = [];

  /** Records an error at `loc`. */
  error(code: string, loc: Loc, message: string, hint?: string): void {
    this.add('error', code, loc, message, hint);
  }

  /** Records a warning at `loc`. */
  warning(code: string, loc: Loc, message: string, hint?: string): void {
    this.add('warning', code, loc, message, hint);
  }

  /** Records a diagnostic of any severity. */
  add(severity: Diagnostic['severity'], code: string, loc: Loc, message: string, hint?: string): void {
    const d: Diagnostic = { file: loc.file, line: loc.line, col: loc.col, severity, code, message };
    if (hint) d.hint = hint;
    this.list.push(d);
  }

  /** Number of errors so far. */
  get errorCount(): number {
    return this.list.filter((d) => d.severity === 'error').length;
  }
}
