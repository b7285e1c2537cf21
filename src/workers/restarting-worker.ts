/** A comlink-wrapped module worker that is replaced when it dies, with calls in flight rejected instead of hanging. */
import * as Comlink from 'comlink';

/** The worker died (an uncaught error or out of memory); pending calls were rejected. */
export class WorkerCrashedError extends Error {
  constructor(worker: string, detail: string, restoring: string) {
    super(`the ${worker} worker stopped (${detail}); it is being restarted${restoring}`);
    this.name = 'WorkerCrashedError';
  }
}

/** How to start the worker and what to tell the user when it is restarted. */
export interface RestartingWorkerOptions<Api> {
  /** `resolver`, `overlay`: used in messages. */
  label: string;
  create: () => Worker;
  /** Brings a fresh worker back to the state the dead one had (calls wait until it settles). */
  restore?: (api: Comlink.Remote<Api>) => Promise<void>;
  /** Said after "it is being restarted" in the crash message. */
  restoring?: string;
  onCrash?: (err: WorkerCrashedError) => void;
}

/** Owns one worker at a time: spawns it, notices its death, respawns and restores it. */
export class RestartingWorker<Api> {
  private worker!: Worker;
  private api!: Comlink.Remote<Api>;
  private crashed: ((err: WorkerCrashedError) => void)[] = [];
  /** Settles once a restarted worker is restored; calls wait for it. */
  private restored: Promise<void> = Promise.resolve();

  constructor(private readonly options: RestartingWorkerOptions<Api>) {
    this.spawn();
  }

  private spawn(): void {
    this.worker = this.options.create();
    this.api = Comlink.wrap<Api>(this.worker);
    this.worker.addEventListener('error', (event) => this.handleCrash(event.message || 'worker error'));
  }

  private handleCrash(detail: string): void {
    const err = new WorkerCrashedError(this.options.label, detail, this.options.restoring ?? '');
    for (const reject of this.crashed.splice(0)) reject(err);
    this.worker.terminate();
    this.spawn();
    const restore = this.options.restore;
    if (restore) this.restored = restore(this.api).catch((e: unknown) => console.error(`restoring the ${this.options.label} worker failed`, e));
    this.options.onCrash?.(err);
  }

  /** Runs a worker call; rejects if the worker dies meanwhile (comlink alone would wait forever). */
  call<T>(fn: (api: Comlink.Remote<Api>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const onCrash = (err: WorkerCrashedError) => reject(err);
      this.crashed.push(onCrash);
      const settle = () => {
        this.crashed = this.crashed.filter((c) => c !== onCrash);
      };
      this.restored.then(() => fn(this.api)).then(
        (v) => {
          settle();
          resolve(v);
        },
        (e) => {
          settle();
          reject(e);
        },
      );
    });
  }

  /**
   * The API with every method going through {@link call}: after a restart, calls wait until the new
   * worker is restored (a build must not reach a resolver that has not been initialised yet).
   */
  readonly remote: Comlink.Remote<Api> = new Proxy({} as Comlink.Remote<Api>, {
    get: (_target, method) => {
      // Not a thenable: `await client.remote` must not call into the worker.
      if (method === 'then') return undefined;
      return (...args: unknown[]) => this.call((api) => (api as unknown as Record<PropertyKey, (...a: unknown[]) => Promise<unknown>>)[method]!(...args));
    },
  });

  /** Stops the worker. */
  dispose(): void {
    this.worker.terminate();
  }
}
