/** Main-thread side of the overlay worker: renders coalesce (newest wins), and a dead worker is replaced. */
import { LatestOnly, type Superseded } from '../lib/async/latest-only.ts';
import type { OverlayView } from '../lib/project/components.ts';
import type { ComponentConfigView } from '../lib/project/component-config.ts';
import type { OverlayApi } from './overlay.api.ts';
import { RestartingWorker, type WorkerCrashedError } from './restarting-worker.ts';

/** The overlay worker as the UI uses it. */
export class OverlayClient {
  private readonly host: RestartingWorker<OverlayApi>;
  private readonly views = new LatestOnly<{ files: [string, string][]; wanted: string; dist: string | undefined }, OverlayView>((job) =>
    this.host.call<OverlayView>((api) => api.overlayView(job.files, job.wanted, job.dist)),
  );

  private readonly configs = new LatestOnly<{ files: [string, string][]; wanted: string }, ComponentConfigView>((job) =>
    this.host.call<ComponentConfigView>((api) => api.componentConfig(job.files, job.wanted)),
  );

  constructor(onCrash?: (err: WorkerCrashedError) => void) {
    // The worker keeps no state between calls, so a fresh one needs nothing restored.
    this.host = new RestartingWorker<OverlayApi>({
      label: 'overlay',
      create: () => new Worker(new URL('./overlay.worker.ts', import.meta.url), { type: 'module', name: 'overlay' }),
      ...(onCrash ? { onCrash } : {}),
    });
  }

  /** The overlaid components of FILES with WANTED (or the first) rendered with `%{dist}` DIST; while one runs only the newest waiting request is kept. */
  view(files: ReadonlyMap<string, string>, wanted: string, dist?: string): Promise<OverlayView | Superseded> {
    return this.views.submit({ files: [...files], wanted, dist });
  }

  /** The components of FILES and WANTED (or the first) resolved with the source of every value; newest wins like `view`. */
  config(files: ReadonlyMap<string, string>, wanted: string): Promise<ComponentConfigView | Superseded> {
    return this.configs.submit({ files: [...files], wanted });
  }

  /** Stops the worker. */
  dispose(): void {
    this.host.dispose();
  }
}
