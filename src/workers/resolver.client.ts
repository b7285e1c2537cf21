/** Main-thread side of the resolver worker: owns the Worker, coalesces solves (newest wins), restarts after a crash. */
import * as Comlink from 'comlink';
import { LatestOnly, type Superseded } from '../lib/async/latest-only.ts';
import type { RepoSource, AddRepoOptions, SessionProgress } from '../lib/resolve/session.ts';
import type { ResolveRequest, ResolveResult } from '../lib/resolve/types.ts';
import type { AddRepoResult, InitResult, ResolverWorkerApi, ResolverWorkerInit } from './resolver.api.ts';

export type { Superseded };

/** The worker died (an uncaught error or out of memory); pending calls were rejected. */
export class WorkerCrashedError extends Error {
  constructor(detail: string) {
    super(`the resolver worker stopped (${detail}); it is being restarted with the same repositories`);
    this.name = 'WorkerCrashedError';
  }
}

/** The resolver worker as the UI uses it. */
export class ResolverClient {
  private worker!: Worker;
  private api!: Comlink.Remote<ResolverWorkerApi>;
  private crashed: ((err: WorkerCrashedError) => void)[] = [];
  private readonly solves = new LatestOnly<{ request: ResolveRequest; onProgress: ((p: SessionProgress) => void) | undefined }, ResolveResult>((job) =>
    this.call<ResolveResult>((api) => api.solve(job.request, job.onProgress ? Comlink.proxy(job.onProgress) : undefined)),
  );
  /** Repositories added so far, replayed into a restarted worker (from its cache). */
  private readonly added: { source: RepoSource; options: AddRepoOptions }[] = [];
  private initOptions: ResolverWorkerInit | undefined;
  /** Settles once a restarted worker has its init and repositories back; calls wait for it. */
  private restored: Promise<void> = Promise.resolve();

  constructor(private readonly onCrash?: (err: WorkerCrashedError) => void) {
    this.spawn();
  }

  private spawn(): void {
    this.worker = new Worker(new URL('./resolver.worker.ts', import.meta.url), { type: 'module', name: 'resolver' });
    this.api = Comlink.wrap<ResolverWorkerApi>(this.worker);
    this.worker.addEventListener('error', (event) => this.handleCrash(event.message || 'worker error'));
  }

  private handleCrash(detail: string): void {
    const err = new WorkerCrashedError(detail);
    for (const reject of this.crashed.splice(0)) reject(err);
    this.worker.terminate();
    this.spawn();
    this.restored = this.replay().catch((e: unknown) => console.error('restoring the resolver worker failed', e));
    this.onCrash?.(err);
  }

  private async replay(): Promise<void> {
    if (!this.initOptions) return;
    await this.api.init(this.initOptions);
    for (const { source, options } of this.added) await this.api.addRepo(source, options);
  }

  /** Runs a worker call; rejects if the worker crashes meanwhile (comlink would wait forever). */
  private call<T>(fn: (api: Comlink.Remote<ResolverWorkerApi>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const onCrash = (err: WorkerCrashedError) => reject(err);
      this.crashed.push(onCrash);
      this.restored.then(() => fn(this.api)).then(
        (v) => {
          this.crashed = this.crashed.filter((c) => c !== onCrash);
          resolve(v);
        },
        (e) => {
          this.crashed = this.crashed.filter((c) => c !== onCrash);
          reject(e);
        },
      );
    });
  }

  /** Starts the wasm module in the worker. */
  init(options: ResolverWorkerInit): Promise<InitResult> {
    this.initOptions = options;
    return this.call<InitResult>((api) => api.init(options));
  }

  /** Adds a repository (remembered, so a restarted worker gets it back). */
  async addRepo(source: RepoSource, options: AddRepoOptions = {}, onProgress?: (p: SessionProgress) => void): Promise<AddRepoResult> {
    const result = await this.call<AddRepoResult>((api) => api.addRepo(source, options, onProgress ? Comlink.proxy(onProgress) : undefined));
    if (result.ok) {
      const i = this.added.findIndex((a) => a.options.repoId === result.repo.repoId);
      const entry = { source, options: { ...options, repoId: result.repo.repoId } };
      if (i >= 0) this.added[i] = entry;
      else this.added.push(entry);
    }
    return result;
  }

  /** Drops a repository from the pool. */
  async removeRepo(repoId: string): Promise<boolean> {
    const i = this.added.findIndex((a) => a.options.repoId === repoId);
    if (i >= 0) this.added.splice(i, 1);
    return this.call((api) => api.removeRepo(repoId));
  }

  /**
   * Solves REQUEST. While a solve runs, only the newest waiting request is kept; older waiting ones
   * resolve as superseded, and so does a running one once a newer request exists.
   */
  solve(request: ResolveRequest, onProgress?: (p: SessionProgress) => void): Promise<ResolveResult | Superseded> {
    return this.solves.submit({ request, onProgress });
  }

  /** The worker's API for the remaining calls (explain, search, cache, stats). */
  get remote(): Comlink.Remote<ResolverWorkerApi> {
    return this.api;
  }

  /** Stops the worker. */
  dispose(): void {
    this.worker.terminate();
  }
}
