/** OverlaysState: the project's overlaid components, one of them rendered in the overlay worker. */
import type { Superseded } from '../lib/async/latest-only.ts';
import type { ComponentRenderOutcome, OverlaidComponent, OverlayView } from '../lib/project/components.ts';
import { DEFAULT_DIST } from '../lib/project/dist-tag.ts';
import { WorkerCrashedError } from '../workers/restarting-worker.ts';
import type { AppStatus } from './app-status.svelte.ts';
import { ComponentConfigState, type ComponentConfigLink } from './component-config.svelte.ts';

/** What the Overlays view needs of the overlay worker's client (`OverlayClient`; tests pass a stand-in). */
export interface OverlayLink extends ComponentConfigLink {
  view(files: ReadonlyMap<string, string>, wanted: string, dist?: string): Promise<OverlayView | Superseded>;
}

/** Makes the overlay worker's client; ONCRASH runs after the worker died and was replaced. */
export type OverlayLinkFactory = (onCrash: (error: WorkerCrashedError) => void) => OverlayLink;

/** What the Overlays view shows; it follows the project's files as they are edited. */
export class OverlaysState {
  /** The Config view: a component's resolved configuration, from the same worker. */
  readonly config: ComponentConfigState;
  components = $state.raw<OverlaidComponent[]>([]);
  selected = $state('');
  outcome = $state.raw<ComponentRenderOutcome | undefined>(undefined);
  rendering = $state(false);
  /** The `%{dist}` renders use: the one the image's binaries carry once a build has told it. */
  dist = $state(DEFAULT_DIST);
  /** Where `dist` comes from, in words for the pane. */
  distSource = $state('azldev\'s default: no built image has told the dist tag of its binaries yet');

  private link: OverlayLink | undefined;
  private files: ReadonlyMap<string, string> = new Map();
  // Nothing is rendered (and the worker not started) until the view is first shown: the first answer does not wait for it.
  private shown = false;

  constructor(
    private readonly status: AppStatus,
    private readonly createLink: OverlayLinkFactory,
  ) {
    this.config = new ComponentConfigState(status, () => this.worker());
  }

  // Started on first use, so a page that never shows a project never starts the worker.
  private worker(): OverlayLink {
    this.link ??= this.createLink((error) => {
      this.status.restarted('overlay engine', 'Your edits are kept; the component is rendered again.', error);
      void this.render();
      void this.config.reload();
    });
    return this.link;
  }

  /** Re-lists the components of FILES and re-renders the selected one (or the first), once the view has been shown. */
  async refresh(files: ReadonlyMap<string, string>): Promise<void> {
    this.files = files;
    void this.config.refresh(files);
    if (this.shown) await this.render();
  }

  /** The view is on screen: from now on it follows the files. */
  async show(): Promise<void> {
    if (this.shown) return;
    this.shown = true;
    await this.render();
  }

  /** Renders with DIST from now on (read off the image's binaries, so both panes agree), re-rendering when it changed. */
  useDist(dist: string, source: string): void {
    this.distSource = source;
    if (dist === this.dist) return;
    this.dist = dist;
    if (this.shown) void this.render();
  }

  /** Shows component NAME. */
  async select(name: string): Promise<void> {
    this.selected = name;
    await this.render();
  }

  private async render(): Promise<void> {
    this.rendering = true;
    try {
      const view = await this.worker().view(this.files, this.selected, this.dist);
      if ('superseded' in view) return;
      this.components = view.components;
      this.selected = view.selected;
      this.outcome = view.outcome;
      this.rendering = false;
    } catch (error) {
      this.rendering = false;
      // A crash re-renders by itself (see worker()); anything else is a bug to report.
      if (!(error instanceof WorkerCrashedError)) this.status.thrown('overlay engine', error);
    }
  }
}
