/** The bench's one table: rows with native / Node / Chromium values, ratios to native, targets and notes. */

/** Units a row can be in. */
export type Unit = 'ms' | 'MiB' | 'KiB' | 'count';

/** One line of the table; absent values print as "—". */
export interface Row {
  section: string;
  label: string;
  unit: Unit;
  native?: number;
  node?: number;
  chromium?: number;
  /** Upper bound from the brief; judged on the column `targetOn`. */
  target?: number;
  targetOn?: 'node' | 'chromium';
  note?: string;
}

/** A row as written to latest.json: the measured values plus derived ratios and status. */
export interface JsonRow extends Row {
  nodeRatio?: number;
  chromiumRatio?: number;
  status?: 'ok' | 'over';
}

function format(value: number | undefined, unit: Unit): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  if (unit === 'count') return String(Math.round(value));
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`;
}

function ratio(value: number | undefined, native: number | undefined): number | undefined {
  if (value === undefined || native === undefined || !Number.isFinite(value) || !Number.isFinite(native) || native <= 0) return undefined;
  return value / native;
}

function formatRatio(r: number | undefined): string {
  return r === undefined ? '' : `${r.toFixed(r >= 10 ? 1 : 2)}×`;
}

/** Ratios and ok/over for each row. */
export function judge(rows: readonly Row[]): JsonRow[] {
  return rows.map((row) => {
    const out: JsonRow = { ...row };
    const nodeRatio = ratio(row.node, row.native);
    const chromiumRatio = ratio(row.chromium, row.native);
    if (nodeRatio !== undefined) out.nodeRatio = nodeRatio;
    if (chromiumRatio !== undefined) out.chromiumRatio = chromiumRatio;
    if (row.target !== undefined) {
      const value = row[row.targetOn ?? 'node'];
      if (value !== undefined) out.status = value <= row.target ? 'ok' : 'over';
    }
    return out;
  });
}

/** Renders the judged rows as one plain-text table with aligned columns (numbers right-aligned). */
export function renderTable(rows: readonly JsonRow[]): string {
  const header = ['section', 'measurement', 'native', 'wasm Node', '/native', 'wasm Chromium', '/native', 'target', 'status', 'note'];
  const right = [false, false, true, true, true, true, true, true, false, false];
  const cells = rows.map((r) => [
    r.section,
    r.label,
    format(r.native, r.unit),
    format(r.node, r.unit),
    formatRatio(r.nodeRatio),
    format(r.chromium, r.unit),
    formatRatio(r.chromiumRatio),
    r.target === undefined ? '' : `< ${format(r.target, r.unit)}`,
    r.status ?? '',
    r.note ?? '',
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
