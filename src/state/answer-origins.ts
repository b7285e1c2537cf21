/** Where an image build's request entries were written, by spec text, `@group` and `@^environment`. */
import type { ImageBuildOutcome } from '../lib/project/image-session.ts';

/** The request lines of BUILD (empty without one). */
export function requestOriginsOf(build: ImageBuildOutcome | undefined): Map<string, { file: string; line: number }> {
  const out = new Map<string, { file: string; line: number }>();
  for (const layer of build?.layers ?? []) for (const e of layer.entries) if (!out.has(e.text)) out.set(e.text, e.origin);
  return out;
}
