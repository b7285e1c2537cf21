/** Main-thread side of the overlay worker: renders coalesce (newest wins), and a dead worker is replaced. */
import { LatestOnly, type Superseded } from '../lib/async/latest-only.ts';
import type { ComponentRenderOutcome, OverlaidComponent } from '../lib/project/components.ts';
import type { OverlayApi } from './overlay.api.ts';
import { RestartingWorker, type WorkerCrashedError } from './restarting-worker.ts';

/** The overlay worker as the UI uses it. */
export class OverlayClient {
  private readonly host: RestartingWorker<OverlayApi>;
  private readonly renders = new LatestOnly<{ files: [string, string][]; name: string }, ComponentRenderOutcome>((job) =>
    this.host.call<ComponentRenderOutcome>((api) => api.renderProjectComponent(job.files, job.name)),
  );

  constructor(onCrash?: (err: WorkerCrashedError) => void) {
    // The worker keeps no state between calls, so a fresh one needs nothing restored.
    this.host = new RestartingWorker<OverlayApi>({
      label: 'overlay',
      create: () => new Worker(new URL('./overlay.worker.ts', import.meta.url), { type: 'module', name: 'overlay' }),
      ...(onCrash ? { onCrash } : {}),
    });
  }

  /** The project's components that have overlays. */
  listComponents(files: ReadonlyMap<string, string>): Promise<OverlaidComponent[]> {
    return this.host.call((api) => api.listComponents([...files]));
  }

  /** Renders component NAME; while one render runs only the newest waiting request is kept. */
  renderComponent(files: ReadonlyMap<string, string>, name: string): Promise<ComponentRenderOutcome | Superseded> {
    return this.renders.submit({ files: [...files], name });
  }

  /** Stops the worker. */
  dispose(): void {
    this.host.dispose();
  }
}
