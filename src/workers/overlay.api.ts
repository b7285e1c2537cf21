import type { OverlayView } from '../lib/project/components.ts';

/** The overlay worker's interface: everything crosses as cloneable data; overlay failures are results, not throws. */
export interface OverlayApi {
  /** The project's overlaid components (FILES as path/text pairs) and component WANTED (or the first) rendered with `%{dist}` DIST. */
  overlayView(files: [string, string][], wanted: string, dist?: string): Promise<OverlayView>;
}
