import { splitSpecLines } from './spec/model.ts';
import type { RenderResult } from './types.ts';

/** Which step of a render last wrote each line of a file. */
export interface LineOwners {
  /** The file's final lines. */
  lines: string[];
  /** Per final line, the `order` of the overlay result that last wrote it, or -1 for a line as it came. */
  owners: Int32Array;
}

/**
 * Replays the per-overlay line ranges of PATH (in the file as it was at each step) onto the rendered
 * file, so every final line knows the overlay that put it there. Null when PATH is not a text file
 * of the render, or when the ranges do not add up to the rendered file (then nothing is claimed).
 */
export function fileLineOwners(result: RenderResult, path: string, original: string): LineOwners | null {
  const rendered = result.files[path];
  if (typeof rendered !== 'string') return null;
  const lines = splitSpecLines(rendered);
  const owners: number[] = new Array<number>(splitSpecLines(original).length).fill(-1);
  for (const overlay of result.overlays) {
    // Hunks of one step are in ascending order and in that step's coordinates: apply the last first.
    const hunks = overlay.changes.filter((c) => c.file === path && c.kind === 'modified' && c.before && c.after);
    for (let i = hunks.length - 1; i >= 0; i -= 1) {
      const { before, after } = hunks[i] as { before: { start: number; count: number }; after: { start: number; count: number } };
      if (before.start - 1 > owners.length) return null;
      owners.splice(before.start - 1, before.count, ...new Array<number>(after.count).fill(overlay.order));
    }
  }
  return owners.length === lines.length ? { lines, owners: Int32Array.from(owners) } : null;
}
