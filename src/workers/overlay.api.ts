import type { OverlayView } from '../lib/project/components.ts';
import type { ComponentConfigView } from '../lib/project/component-config.ts';

/** The overlay worker's interface: everything crosses as cloneable data; overlay failures are results, not throws. */
export interface OverlayApi {
  /** The project's overlaid components (FILES as path/text pairs) and component WANTED (or the first) rendered with `%{dist}` DIST. */
  overlayView(files: [string, string][], wanted: string, dist?: string): Promise<OverlayView>;
  /** The project's components and WANTED (or the first) resolved, with the file:line of every value. */
  componentConfig(files: [string, string][], wanted: string): Promise<ComponentConfigView>;
}
