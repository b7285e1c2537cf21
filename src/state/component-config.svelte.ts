/** ComponentConfigState: one component's resolved configuration with the file:line of every value, from the overlay worker. */
import type { Superseded } from '../lib/async/latest-only.ts';
import type { ComponentConfigDetail, ComponentConfigView } from '../lib/project/component-config.ts';
import { WorkerCrashedError } from '../workers/restarting-worker.ts';
import type { AppStatus } from './app-status.svelte.ts';

/** What the Config view needs of the overlay worker's client. */
export interface ComponentConfigLink {
  config(files: ReadonlyMap<string, string>, wanted: string): Promise<ComponentConfigView | Superseded>;
}

/** What the Config view shows; it follows the project's files once it has been shown. */
export class ComponentConfigState {
  components = $state.raw<string[]>([]);
  selected = $state('');
  detail = $state.raw<ComponentConfigDetail | undefined>(undefined);
  loading = $state(false);

  private files: ReadonlyMap<string, string> = new Map();
  private shown = false;

  constructor(
    private readonly status: AppStatus,
    /** The overlay worker's client, started on first use (shared with the Overlays view). */
    private readonly link: () => ComponentConfigLink,
  ) {}

  /** Takes the project's FILES; resolves again when the view has been shown. */
  async refresh(files: ReadonlyMap<string, string>): Promise<void> {
    this.files = files;
    if (this.shown) await this.load();
  }

  /** The view is on screen: from now on it follows the files. */
  async show(): Promise<void> {
    if (this.shown) return;
    this.shown = true;
    await this.load();
  }

  /** Shows component NAME. */
  async select(name: string): Promise<void> {
    this.selected = name;
    await this.load();
  }

  /** Asks again (the worker was restarted), when the view has been shown. */
  async reload(): Promise<void> {
    if (this.shown) await this.load();
  }

  private async load(): Promise<void> {
    this.loading = true;
    try {
      const view = await this.link().config(this.files, this.selected);
      if ('superseded' in view) return;
      this.components = view.components;
      this.selected = view.selected;
      this.detail = view.detail;
      this.loading = false;
    } catch (error) {
      this.loading = false;
      // a crash is reported and retried by the Overlays view's restart handler
      if (!(error instanceof WorkerCrashedError)) this.status.thrown('overlay engine', error);
    }
  }
}
