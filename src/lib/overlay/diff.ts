import { diffArrays, FILE_HEADERS_ONLY, formatPatch, structuredPatch, type StructuredPatch } from 'diff';
import { splitSpecLines } from './spec/model.ts';
import type { FileChange, FileContent, VirtualFiles } from './types.ts';

// jsdiff's Myers search costs about (edits)² in time; past these bounds the changed middle of a file is
// reported as one replaced block. Per-overlay ranges run inside the apply loop, so their bound keeps a
// pathological overlay (a regex rewriting thousands of lines) near 15 ms; the unified diff is built only
// when a caller reads it and can afford the finer bound.
const MAX_RANGE_EDITS = 300;
const MAX_PATCH_EDITS = 1000;

/** Lengths of the common prefix and of the common suffix (not overlapping the prefix) of two sequences. */
function commonEnds(a: readonly string[], b: readonly string[]): { prefix: number; suffix: number } {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix += 1;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix += 1;
  return { prefix, suffix };
}

/** Line-level hunks between two versions of a text file, as 1-based ranges before and after. */
export function lineChanges(file: string, before: readonly string[], after: readonly string[]): FileChange[] {
  if (before === after) return [];
  // Overlays edit a few lines of long files: jsdiff gets only the changed middle, so it neither re-walks
  // the shared tail on every diagonal nor copies the shared lines into its change objects.
  const { prefix, suffix } = commonEnds(before, after);
  const runs = diffArrays(before.slice(prefix, before.length - suffix), after.slice(prefix, after.length - suffix), { maxEditLength: MAX_RANGE_EDITS });
  if (runs === undefined) {
    const start = prefix + 1;
    return [{ file, kind: 'modified', before: { start, count: before.length - suffix - prefix }, after: { start, count: after.length - suffix - prefix } }];
  }
  const changes: FileChange[] = [];
  let oldLine = prefix + 1;
  let newLine = prefix + 1;
  let open: { before: { start: number; count: number }; after: { start: number; count: number } } | null = null;
  for (const run of runs) {
    if (!run.added && !run.removed) {
      if (open) changes.push({ file, kind: 'modified', before: open.before, after: open.after });
      open = null;
      oldLine += run.count;
      newLine += run.count;
      continue;
    }
    open ??= { before: { start: oldLine, count: 0 }, after: { start: newLine, count: 0 } };
    if (run.removed) {
      open.before.count += run.count;
      oldLine += run.count;
    } else {
      open.after.count += run.count;
      newLine += run.count;
    }
  }
  if (open) changes.push({ file, kind: 'modified', before: open.before, after: open.after });
  return changes;
}

function lineCount(content: FileContent): number {
  return typeof content === 'string' ? splitSpecLines(content).length : 0;
}

/** Paths whose contents differ between two snapshots, sorted. */
function changedPaths(before: VirtualFiles, after: VirtualFiles): string[] {
  const paths = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...paths].filter((path) => before[path] !== after[path]).sort();
}

/** Per-file changes between two snapshots of a file tree (text files get line ranges). */
export function treeChanges(before: VirtualFiles, after: VirtualFiles): FileChange[] {
  const changes: FileChange[] = [];
  for (const path of changedPaths(before, after)) {
    const a = before[path];
    const b = after[path];
    if (a === undefined) changes.push({ file: path, kind: 'added', before: null, after: { start: 1, count: lineCount(b as FileContent) } });
    else if (b === undefined) changes.push({ file: path, kind: 'removed', before: { start: 1, count: lineCount(a) }, after: null });
    else if (typeof a === 'string' && typeof b === 'string') changes.push(...lineChanges(path, splitSpecLines(a), splitSpecLines(b)));
    else changes.push({ file: path, kind: 'binary', before: null, after: null });
  }
  return changes;
}

/** Lines with their line break kept, as jsdiff's patches see them (a last line without one marks a missing final newline). */
function linesOf(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** The patch jsdiff would give if the changed middle shared no lines: one hunk replacing it, with context around. */
function replacedMiddle(oldFileName: string, newFileName: string, oldText: string, newText: string, context: number): StructuredPatch {
  const a = linesOf(oldText);
  const b = linesOf(newText);
  const { prefix, suffix } = commonEnds(a, b);
  const lead = Math.min(prefix, context);
  const trail = Math.min(suffix, context);
  const rows = [
    ...a.slice(prefix - lead, prefix).map((line) => ` ${line}`),
    ...a.slice(prefix, a.length - suffix).map((line) => `-${line}`),
    ...b.slice(prefix, b.length - suffix).map((line) => `+${line}`),
    ...a.slice(a.length - suffix, a.length - suffix + trail).map((line) => ` ${line}`),
  ];
  const lines = rows.flatMap((row) => (row.endsWith('\n') ? [row.slice(0, -1)] : [row, '\\ No newline at end of file']));
  const hunk = {
    oldStart: prefix - lead + 1,
    oldLines: lead + a.length - suffix - prefix + trail,
    newStart: prefix - lead + 1,
    newLines: lead + b.length - suffix - prefix + trail,
    lines,
  };
  return { oldFileName, newFileName, oldHeader: undefined, newHeader: undefined, hunks: [hunk] };
}

/** A unified diff of one file (from /dev/null when added, to /dev/null when removed); binary files get a one-line note. */
export function unifiedDiff(path: string, before: FileContent | undefined, after: FileContent | undefined, context = 3): string {
  const oldFileName = before === undefined ? '/dev/null' : `a/${path}`;
  const newFileName = after === undefined ? '/dev/null' : `b/${path}`;
  if ((before !== undefined && typeof before !== 'string') || (after !== undefined && typeof after !== 'string')) {
    return `Binary files ${oldFileName} and ${newFileName} differ\n`;
  }
  const oldText = before ?? '';
  const newText = after ?? '';
  const patch =
    structuredPatch(oldFileName, newFileName, oldText, newText, undefined, undefined, { context, maxEditLength: MAX_PATCH_EDITS }) ??
    replacedMiddle(oldFileName, newFileName, oldText, newText, context);
  return formatPatch(patch, FILE_HEADERS_ONLY);
}

/** Unified diffs for every file that differs between two snapshots, each computed on first read and then kept. */
export function treeDiffs(before: VirtualFiles, after: VirtualFiles): Record<string, string> {
  const diffs: Record<string, string> = {};
  for (const path of changedPaths(before, after)) {
    let text: string | undefined;
    // Most renders are shown as per-overlay ranges only; diffing every changed file up front cost more
    // than applying all the overlays, so each diff waits until someone reads (or serialises) it.
    Object.defineProperty(diffs, path, {
      enumerable: true,
      configurable: true,
      get: () => (text ??= unifiedDiff(path, before[path], after[path])),
      set: (value: string) => {
        text = value;
      },
    });
  }
  return diffs;
}
