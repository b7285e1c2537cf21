/** A problem found in user input, located so the editor can underline it and the CLI can print it. */
export interface Diagnostic {
  /** Project-relative path of the file, or a label such as `<request>` when there is no file. */
  file: string;
  /** 1-based line; 0 when the problem concerns the whole file. */
  line: number;
  /** 1-based column; 0 when unknown. */
  col: number;
  severity: 'error' | 'warning' | 'info';
  /** Stable machine-readable code, e.g. `config/unknown-key`. */
  code: string;
  /** What is wrong, in plain words. */
  message: string;
  /** What to do about it. */
  hint?: string;
}

/** Formats a diagnostic the way compilers do: `path:line:col: severity: message`. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line > 0 ? `${d.file}:${d.line}:${d.col > 0 ? d.col : 1}` : d.file;
  const hint = d.hint ? ` (${d.hint})` : '';
  return `${where}: ${d.severity}: ${d.message}${hint}`;
}

/** DIAGNOSTICS with repeats left out (the same file, place, code and message), first occurrence kept. */
export function uniqueDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.file}\0${d.line}\0${d.col}\0${d.code}\0${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
