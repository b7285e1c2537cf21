import type { OverlayInput, RenderRequest, RenderResult } from '../lib/overlay/index.ts';
import type { OverlayView } from '../lib/project/components.ts';

/** The overlay worker's interface: everything crosses as cloneable data; overlay failures are results, not throws. */
export interface OverlayApi {
  /** Renders one component: per-overlay results, rendered files, diffs and package change sets. */
  render(request: RenderRequest): Promise<RenderResult>;
  /** azldev's load-time check of one overlay: null when valid, else the message (for live editing). */
  validate(overlay: OverlayInput): string | null;
  /** The project's overlaid components (FILES as path/text pairs) and component WANTED (or the first) rendered. */
  overlayView(files: [string, string][], wanted: string): Promise<OverlayView>;
}
