/** The bench's one table: each row a figure, its measured value, the native reference from the same run, the ratio and the target. */

/** Units a row can be in. */
export type Unit = 'ms' | 'MiB' | 'KB' | 'count' | 'bytes';

/** An upper bound from issue 15: on the ratio to the reference, or on the value itself. */
export interface Target {
  max: number;
  on: 'ratio' | 'value';
}

/** One measured figure. Absent values print as "—". */
export interface Row {
  section: string;
  figure: string;
  unit: Unit;
  /** What the playground measured (the runtime says where). */
  value?: number;
  /** The reference in the same run: native libsolv-tools, or what `reference` names. */
  native?: number;
  /** What `native` is when it is not native libsolv (e.g. "download alone"). */
  reference?: string;
  /** chromium (worker or page), node (wasm in Node), cli (a Node process), native. */
  runtime?: 'chromium' | 'node' | 'cli' | 'native';
  /** Independent runs behind the value (it is their median), or samples behind a percentile. */
  runs?: number;
  target?: Target;
  note?: string;
}

/** A row as written to the JSON file: the measured values plus the ratio and the verdict. */
export interface JsonRow {
  section: string;
  figure: string;
  value: number | null;
  unit: Unit;
  native: number | null;
  ratio: number | null;
  /** The target as the issue states it ("≤ 1.5× native", "≤ 150 ms"), or null. */
  target: string | null;
  /** Whether the target is met; null without a target or without a value. */
  ok: boolean | null;
  reference?: string;
  runtime?: string;
  runs?: number;
  note?: string;
}

const finite = (x: number | undefined): x is number => x !== undefined && Number.isFinite(x);

function format(value: number | undefined | null, unit: Unit): string {
  if (value === undefined || value === null || !Number.isFinite(value)) return '—';
  if (unit === 'count' || unit === 'bytes') return `${Math.round(value)}${unit === 'bytes' ? ' B' : ''}`;
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`;
}

function targetText(target: Target | undefined, unit: Unit, reference: string | undefined): string | null {
  if (!target) return null;
  if (target.on === 'ratio') return `≤ ${target.max.toFixed(1)}× ${reference ?? 'native'}`;
  return `≤ ${format(target.max, unit)}`;
}

/** Ratios and verdicts for each row. */
export function judge(rows: readonly Row[]): JsonRow[] {
  return rows.map((row) => {
    const ratio = finite(row.value) && finite(row.native) && row.native > 0 ? row.value / row.native : null;
    let ok: boolean | null = null;
    if (row.target && finite(row.value)) {
      const judged = row.target.on === 'ratio' ? ratio : row.value;
      ok = judged === null ? null : judged <= row.target.max;
    }
    const out: JsonRow = {
      section: row.section,
      figure: row.figure,
      value: finite(row.value) ? row.value : null,
      unit: row.unit,
      native: finite(row.native) ? row.native : null,
      ratio,
      target: targetText(row.target, row.unit, row.reference),
      ok,
    };
    if (row.reference) out.reference = row.reference;
    if (row.runtime) out.runtime = row.runtime;
    if (row.runs !== undefined) out.runs = row.runs;
    if (row.note) out.note = row.note;
    return out;
  });
}

function formatRatio(r: number | null): string {
  return r === null ? '' : `${r.toFixed(r >= 10 ? 1 : 2)}×`;
}

/** Renders the judged rows as one plain-text table (numbers right-aligned, sections separated by a blank line). */
export function renderTable(rows: readonly JsonRow[]): string {
  const header = ['section', 'figure', 'native/ref', 'value', 'where', 'runs', 'ratio', 'target', 'ok', 'note'];
  const right = [false, false, true, true, false, true, true, false, false, false];
  const cells = rows.map((r) => [
    r.section,
    r.figure,
    format(r.native, r.unit),
    format(r.value, r.unit),
    r.runtime ?? '',
    r.runs === undefined ? '' : String(r.runs),
    formatRatio(r.ratio),
    r.target ?? '',
    r.ok === null ? '' : r.ok ? 'ok' : 'MISS',
    [r.reference && r.native !== null ? `ref: ${r.reference}` : '', r.note ?? ''].filter(Boolean).join('; '),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] as string).length)));
  const line = (c: string[]) =>
    c
      .map((text, i) => (i === c.length - 1 ? text : right[i] ? text.padStart(widths[i] as number) : text.padEnd(widths[i] as number)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w, i) => '-'.repeat(i === widths.length - 1 ? Math.min(w, 40) : w)).join('  ');
  const body: string[] = [];
  cells.forEach((c, i) => {
    if (i > 0 && rows[i - 1]?.section !== rows[i]?.section) body.push('');
    body.push(line(c));
  });
  return [line(header), rule, ...body].join('\n');
}
