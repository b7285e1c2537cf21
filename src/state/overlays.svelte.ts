/** OverlaysState: the project's overlaid components, one of them rendered in the overlay worker. */
import type { ComponentRenderOutcome, OverlaidComponent } from '../lib/project/components.ts';
import { OverlayClient } from '../workers/overlay.client.ts';
import { WorkerCrashedError } from '../workers/restarting-worker.ts';

/** What the Overlays view shows; it follows the project's files as they are edited. */
export class OverlaysState {
  components = $state.raw<OverlaidComponent[]>([]);
  selected = $state('');
  outcome = $state.raw<ComponentRenderOutcome | undefined>(undefined);
  rendering = $state(false);

  private client: OverlayClient | undefined;
  private files: ReadonlyMap<string, string> = new Map();

  constructor(
    private readonly onError: (err: unknown) => void,
    private readonly onCrash: (err: WorkerCrashedError) => void,
  ) {}

  // Started on first use, so a page that never shows a project never starts the worker.
  private worker(): OverlayClient {
    this.client ??= new OverlayClient((err) => {
      this.onCrash(err);
      void this.render();
    });
    return this.client;
  }

  /** Re-lists the components of FILES and re-renders the selected one (or the first). */
  async refresh(files: ReadonlyMap<string, string>): Promise<void> {
    this.files = files;
    await this.render();
  }

  /** Shows component NAME. */
  async select(name: string): Promise<void> {
    this.selected = name;
    await this.render();
  }

  private async render(): Promise<void> {
    this.rendering = true;
    try {
      const view = await this.worker().view(this.files, this.selected);
      if ('superseded' in view) return;
      this.components = view.components;
      this.selected = view.selected;
      this.outcome = view.outcome;
      this.rendering = false;
    } catch (err) {
      this.rendering = false;
      // A crash re-renders by itself (see worker()); anything else is a bug to report.
      if (!(err instanceof WorkerCrashedError)) this.onError(err);
    }
  }
}
