/** Main-thread side of the resolver worker: owns the Worker, coalesces solves (newest wins), restarts after a crash. */
import * as Comlink from 'comlink';
import { LatestOnly, type Superseded } from '../lib/async/latest-only.ts';
import type { RepoSource } from '../lib/repo/index.ts';
import type { AddRepoOptions, SessionProgress } from '../lib/project/repo-session.ts';
import type { ResolveRequest, ResolveResult } from '../lib/resolve/types.ts';
import { gatherPages } from './paged.ts';
import type { AddRepoResult, ImageBuildCall, ImageBuildOutcome, InitResult, PagedImageBuildOutcome, PagedResolveResult, ResolverWorkerApi, ResolverWorkerInit } from './resolver.api.ts';
import { RestartingWorker, WorkerCrashedError } from './restarting-worker.ts';
import { compileWasm } from './compile-wasm.ts';
import resolverWasmUrl from '../../wasm/dist/resolver.wasm?url';

export type { Superseded };
export { WorkerCrashedError };

/** The resolver worker as the UI uses it. */
export class ResolverClient {
  private readonly host: RestartingWorker<ResolverWorkerApi>;
  private readonly solves = new LatestOnly<{ request: ResolveRequest; onProgress: ((p: SessionProgress) => void) | undefined }, ResolveResult>((job) =>
    this.call<PagedResolveResult>((api) => api.solve(job.request, job.onProgress ? Comlink.proxy(job.onProgress) : undefined)).then((r) => this.gather(r)),
  );
  /** Repositories added so far, replayed into a restarted worker (from its cache). */
  private readonly added: { source: RepoSource; options: AddRepoOptions }[] = [];
  private initOptions: ResolverWorkerInit | undefined;
  private loadSeq = 0;
  /**
   * resolver.wasm, compiled here from the start: a module worker runs nothing until its scripts have
   * loaded (~50 ms of a warm start), so the worker gets the module with init instead of fetching it
   * only then. Undefined when that failed; the worker then compiles it and reports any error.
   */
  private readonly module: Promise<WebAssembly.Module | undefined>;

  constructor(onCrash?: (err: WorkerCrashedError) => void, compileModule: () => Promise<WebAssembly.Module> = () => compileWasm(resolverWasmUrl, 'the resolver')) {
    this.module = compileModule().catch(() => undefined);
    this.host = new RestartingWorker<ResolverWorkerApi>({
      label: 'resolver',
      create: () => new Worker(new URL('./resolver.worker.ts', import.meta.url), { type: 'module', name: 'resolver' }),
      restore: (api) => this.replay(api),
      restoring: ' with the same repositories',
      ...(onCrash ? { onCrash } : {}),
    });
  }

  private async replay(api: Comlink.Remote<ResolverWorkerApi>): Promise<void> {
    if (!this.initOptions) return;
    await api.init(this.initOptions);
    for (const { source, options } of this.added) await api.addRepo(source, options);
  }

  /** The whole package set of a paged answer, one page per message (each a short task here). */
  private async gather(result: PagedResolveResult): Promise<ResolveResult> {
    if (!result.ok) return result;
    return { ...result, packages: await gatherPages(result.packages, (token) => this.call((api) => api.nextPage(token))) };
  }

  private call<T>(fn: (api: Comlink.Remote<ResolverWorkerApi>) => Promise<T>): Promise<T> {
    return this.host.call(fn);
  }

  /** Lets the worker start loading the project code before init (a page that opens a project knows it first thing). */
  preloadProject(): void {
    void this.call((api) => api.preloadProject()).catch(() => undefined);
  }

  /** Starts the wasm module in the worker. */
  async init(options: ResolverWorkerInit): Promise<InitResult> {
    this.initOptions = options;
    const module = await this.module;
    if (module && this.initOptions === options) this.initOptions = { ...options, module };
    const sent = this.initOptions;
    return this.call<InitResult>((api) => api.init(sent));
  }

  /** Adds a repository (remembered, so a restarted worker gets it back). */
  async addRepo(source: RepoSource, options: AddRepoOptions = {}, onProgress?: (p: SessionProgress) => void, signal?: AbortSignal): Promise<AddRepoResult> {
    const result = await this.withLoadId(signal, (loadId) => this.call<AddRepoResult>((api) => api.addRepo(source, options, onProgress ? Comlink.proxy(onProgress) : undefined, loadId)));
    if (result.ok) {
      const i = this.added.findIndex((a) => a.options.repoId === result.value.repoId);
      const entry = { source, options: { ...options, repoId: result.value.repoId } };
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

  /** Builds one image of a project (its package set arrives in pages); aborting SIGNAL stops the repository loads it starts. */
  async buildImage(call: ImageBuildCall, onProgress?: (p: SessionProgress) => void, signal?: AbortSignal): Promise<ImageBuildOutcome> {
    const outcome = await this.withLoadId(signal, (loadId) => this.call<PagedImageBuildOutcome>((api) => api.buildImage(call, onProgress ? Comlink.proxy(onProgress) : undefined, loadId)));
    return { ...outcome, result: await this.gather(outcome.result) };
  }

  // an AbortSignal cannot cross to the worker: the call gets an id, and aborting sends cancelLoad(id)
  private async withLoadId<T>(signal: AbortSignal | undefined, call: (loadId: number) => Promise<T>): Promise<T> {
    const loadId = ++this.loadSeq;
    const cancel = () => void this.host.remote.cancelLoad(loadId);
    signal?.addEventListener('abort', cancel, { once: true });
    try {
      return await call(loadId);
    } finally {
      signal?.removeEventListener('abort', cancel);
    }
  }

  /** The worker's API for the remaining calls (explain, search, cache, stats). */
  get remote(): Comlink.Remote<ResolverWorkerApi> {
    return this.host.remote;
  }

  /** Stops the worker. */
  dispose(): void {
    this.host.dispose();
  }
}
