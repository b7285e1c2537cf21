import { createTwoFilesPatch, diffArrays } from 'diff';
import { splitSpecLines } from './spec/model.ts';
import type { FileChange, FileContent, VirtualFiles } from './types.ts';

/** Line-level hunks between two versions of a text file, as 1-based ranges before and after. */
export function lineChanges(file: string, before: readonly string[], after: readonly string[]): FileChange[] {
  // Overlays touch a few lines of long files, so the common prefix and suffix are cut before
  // running Myers' diff on what remains.
  let prefix = 0;
  while (prefix < before.length && prefix < after.length && before[prefix] === after[prefix]) prefix += 1;
  let suffix = 0;
  while (
    suffix < before.length - prefix &&
    suffix < after.length - prefix &&
    before[before.length - 1 - suffix] === after[after.length - 1 - suffix]
  ) {
    suffix += 1;
  }
  const oldMiddle = before.slice(prefix, before.length - suffix);
  const newMiddle = after.slice(prefix, after.length - suffix);
  if (oldMiddle.length === 0 && newMiddle.length === 0) return [];
  const changes: FileChange[] = [];
  let oldLine = prefix + 1;
  let newLine = prefix + 1;
  let open: FileChange | null = null;
  for (const part of diffArrays(oldMiddle, newMiddle)) {
    const count = part.count ?? part.value.length;
    if (!part.added && !part.removed) {
      if (open) changes.push(open);
      open = null;
      oldLine += count;
      newLine += count;
      continue;
    }
    open ??= { file, kind: 'modified', before: { start: oldLine, count: 0 }, after: { start: newLine, count: 0 } };
    if (part.removed) {
      (open.before as { count: number }).count += count;
      oldLine += count;
    } else {
      (open.after as { count: number }).count += count;
      newLine += count;
    }
  }
  if (open) changes.push(open);
  return changes;
}

function asText(content: FileContent | undefined): string | null | undefined {
  if (content === undefined) return undefined;
  return typeof content === 'string' ? content : null;
}

/** Per-file changes between two snapshots of a file tree (text files get line ranges). */
export function treeChanges(before: VirtualFiles, after: VirtualFiles): FileChange[] {
  const changes: FileChange[] = [];
  const paths = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const path of [...paths].sort()) {
    const a = before[path];
    const b = after[path];
    if (a === b) continue;
    if (a === undefined) {
      const text = asText(b);
      const count = typeof text === 'string' ? splitSpecLines(text).length : 0;
      changes.push({ file: path, kind: 'added', before: null, after: { start: 1, count } });
      continue;
    }
    if (b === undefined) {
      const text = asText(a);
      const count = typeof text === 'string' ? splitSpecLines(text).length : 0;
      changes.push({ file: path, kind: 'removed', before: { start: 1, count }, after: null });
      continue;
    }
    if (typeof a === 'string' && typeof b === 'string') {
      changes.push(...lineChanges(path, splitSpecLines(a), splitSpecLines(b)));
      continue;
    }
    changes.push({ file: path, kind: 'binary', before: null, after: null });
  }
  return changes;
}

/** A unified diff of one file (from /dev/null when added, to /dev/null when removed); binary files get a one-line note. */
export function unifiedDiff(path: string, before: FileContent | undefined, after: FileContent | undefined): string {
  if (typeof before !== 'string' && before !== undefined) return `Binary files a/${path} and b/${path} differ\n`;
  if (typeof after !== 'string' && after !== undefined) return `Binary files a/${path} and b/${path} differ\n`;
  const oldName = before === undefined ? '/dev/null' : `a/${path}`;
  const newName = after === undefined ? '/dev/null' : `b/${path}`;
  return createTwoFilesPatch(oldName, newName, before ?? '', after ?? '', undefined, undefined, { context: 3 });
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
