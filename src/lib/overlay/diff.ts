import { diffLines } from './line-diff.ts';
import { splitSpecLines } from './spec/model.ts';
import type { FileChange, FileContent, VirtualFiles } from './types.ts';

/** Line-level hunks between two versions of a text file, as 1-based ranges before and after. */
export function lineChanges(file: string, before: readonly string[], after: readonly string[]): FileChange[] {
  if (before === after) return [];
  const changes: FileChange[] = [];
  let oldLine = 1;
  let newLine = 1;
  let open: FileChange | null = null;
  for (const run of diffLines(before, after)) {
    if (run.op === 'equal') {
      if (open) changes.push(open);
      open = null;
      oldLine += run.count;
      newLine += run.count;
      continue;
    }
    open ??= { file, kind: 'modified', before: { start: oldLine, count: 0 }, after: { start: newLine, count: 0 } };
    if (run.op === 'delete') {
      (open.before as { count: number }).count += run.count;
      oldLine += run.count;
    } else {
      (open.after as { count: number }).count += run.count;
      newLine += run.count;
    }
  }
  if (open) changes.push(open);
  return changes;
}

function lineCount(content: FileContent): number {
  return typeof content === 'string' ? splitSpecLines(content).length : 0;
}

/** Per-file changes between two snapshots of a file tree (text files get line ranges). */
export function treeChanges(before: VirtualFiles, after: VirtualFiles): FileChange[] {
  const changes: FileChange[] = [];
  const paths = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const path of [...paths].sort()) {
    const a = before[path];
    const b = after[path];
    if (a === b) continue;
    if (a === undefined) changes.push({ file: path, kind: 'added', before: null, after: { start: 1, count: lineCount(b as FileContent) } });
    else if (b === undefined) changes.push({ file: path, kind: 'removed', before: { start: 1, count: lineCount(a) }, after: null });
    else if (typeof a === 'string' && typeof b === 'string') changes.push(...lineChanges(path, splitSpecLines(a), splitSpecLines(b)));
    else changes.push({ file: path, kind: 'binary', before: null, after: null });
  }
  return changes;
}

interface DiffRow {
  mark: ' ' | '-' | '+';
  text: string;
  /** Whether this is the last line of its file and the file has no final newline. */
  noNewline: boolean;
}

function rowsOf(a: readonly string[], b: readonly string[], aOpen: boolean, bOpen: boolean): DiffRow[] {
  const rows: DiffRow[] = [];
  let i = 0;
  let j = 0;
  for (const run of diffLines(a, b)) {
    for (let c = 0; c < run.count; c += 1) {
      if (run.op === 'equal') {
        // A shared last line whose final newline differs has to show as a change.
        const last = i === a.length - 1 && j === b.length - 1 && aOpen !== bOpen;
        if (last) {
          rows.push({ mark: '-', text: a[i] as string, noNewline: aOpen }, { mark: '+', text: b[j] as string, noNewline: bOpen });
        } else {
          rows.push({ mark: ' ', text: a[i] as string, noNewline: aOpen && i === a.length - 1 });
        }
        i += 1;
        j += 1;
      } else if (run.op === 'delete') {
        rows.push({ mark: '-', text: a[i] as string, noNewline: aOpen && i === a.length - 1 });
        i += 1;
      } else {
        rows.push({ mark: '+', text: b[j] as string, noNewline: bOpen && j === b.length - 1 });
        j += 1;
      }
    }
  }
  return rows;
}

function hunks(rows: readonly DiffRow[], context: number): string {
  let out = '';
  const changed = rows.map((r, i) => (r.mark === ' ' ? -1 : i)).filter((i) => i >= 0);
  let index = 0;
  while (index < changed.length) {
    const first = changed[index] as number;
    let last = first;
    while (index + 1 < changed.length && (changed[index + 1] as number) - last <= 2 * context + 1) {
      index += 1;
      last = changed[index] as number;
    }
    index += 1;
    const from = Math.max(0, first - context);
    const to = Math.min(rows.length, last + context + 1);
    let oldStart = 1;
    let newStart = 1;
    for (let r = 0; r < from; r += 1) {
      if ((rows[r] as DiffRow).mark !== '+') oldStart += 1;
      if ((rows[r] as DiffRow).mark !== '-') newStart += 1;
    }
    const slice = rows.slice(from, to);
    const oldCount = slice.filter((r) => r.mark !== '+').length;
    const newCount = slice.filter((r) => r.mark !== '-').length;
    out += `@@ -${oldCount === 0 ? oldStart - 1 : oldStart},${oldCount} +${newCount === 0 ? newStart - 1 : newStart},${newCount} @@\n`;
    for (const row of slice) out += `${row.mark}${row.text}\n${row.noNewline ? '\\ No newline at end of file\n' : ''}`;
  }
  return out;
}

function textLines(text: string | undefined): { lines: string[]; open: boolean } {
  if (text === undefined || text === '') return { lines: [], open: false };
  const lines = text.split('\n');
  const open = lines[lines.length - 1] !== '';
  if (!open) lines.pop();
  return { lines, open };
}

/** A unified diff of one file (from /dev/null when added, to /dev/null when removed); binary files get a one-line note. */
export function unifiedDiff(path: string, before: FileContent | undefined, after: FileContent | undefined, context = 3): string {
  if ((before !== undefined && typeof before !== 'string') || (after !== undefined && typeof after !== 'string')) {
    return `Binary files ${before === undefined ? '/dev/null' : `a/${path}`} and ${after === undefined ? '/dev/null' : `b/${path}`} differ\n`;
  }
  const a = textLines(before);
  const b = textLines(after);
  const header = `--- ${before === undefined ? '/dev/null' : `a/${path}`}\n+++ ${after === undefined ? '/dev/null' : `b/${path}`}\n`;
  return header + hunks(rowsOf(a.lines, b.lines, a.open, b.open), context);
}

/** Unified diffs for every file that differs between two snapshots. */
export function treeDiffs(before: VirtualFiles, after: VirtualFiles): Record<string, string> {
  const diffs: Record<string, string> = {};
  const paths = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const path of [...paths].sort()) {
    if (before[path] === after[path]) continue;
    diffs[path] = unifiedDiff(path, before[path], after[path]);
  }
  return diffs;
}
