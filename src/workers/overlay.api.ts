import type { OverlayInput, RenderRequest, RenderResult } from '../lib/overlay/index.ts';
import type { ComponentRenderOutcome, OverlaidComponent } from '../lib/project/components.ts';

/** The overlay worker's interface: everything crosses as cloneable data; overlay failures are results, not throws. */
export interface OverlayApi {
  /** Renders one component: per-overlay results, rendered files, diffs and package change sets. */
  render(request: RenderRequest): Promise<RenderResult>;
  /** azldev's load-time check of one overlay: null when valid, else the message (for live editing). */
  validate(overlay: OverlayInput): string | null;
  /** The project's components that have overlays (FILES as path/text pairs). */
  listComponents(files: [string, string][]): OverlaidComponent[];
  /** Renders one of the project's components with all its overlays. */
  renderProjectComponent(files: [string, string][], name: string): Promise<ComponentRenderOutcome>;
}
