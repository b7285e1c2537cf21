/** The resolver worker: owns the wasm instance and its pool; adapts PlaygroundSession to comlink. */
import * as Comlink from 'comlink';
import wasmUrl from '../../wasm/dist/resolver.wasm?url';
import rpmmdWasmUrl from '../../wasm/dist/rpmmd.wasm?url';
import manifest from '../../wasm/dist/manifest.json';
import { openRepoCache, type RepoCache } from '../lib/repo/index.ts';
import { EXPECTED_ABI_VERSION } from '../lib/resolve/abi.ts';
import { Resolver } from '../lib/resolve/resolver.ts';
import { warmUpResolver } from '../lib/resolve/warm-up.ts';
import { ResolverSession } from '../lib/project/repo-session.ts';
import { PlaygroundSession } from '../lib/project/playground-session.ts';
import { onceUnlessFailed } from '../lib/async/once.ts';
import { compileWasm } from './compile-wasm.ts';
import { err, ok } from '../lib/result.ts';
import type { ResolveResult } from '../lib/resolve/types.ts';
import { PageStore } from './paged.ts';
import { openParseWorkers, parallelParseMode } from './parse-pool.ts';
import type { PagedResolveResult, ResolverWorkerApi } from './resolver.api.ts';

let playground: PlaygroundSession | undefined;
let cache: RepoCache | undefined;
const pages = new PageStore();
/** Loads in flight by the id the page gave them, so the page can cancel one. */
const loads = new Map<number, AbortController>();
// each compiled once; a failed fetch or compile is forgotten, so a retry can succeed
/** resolver.wasm: everything but XML parsing. */
const compileModule = onceUnlessFailed(() => compileWasm(wasmUrl, 'the resolver'));
/** rpmmd.wasm, fetched on the first XML parse: packs and the cache never need it. */
const compileXmlModule = onceUnlessFailed(() => compileWasm(rpmmdWasmUrl, 'the XML reader'));

/** RESULT with its package set split into pages for the trip to the page. */
function paged(result: ResolveResult): PagedResolveResult {
  return result.ok ? { ...result, packages: pages.split(result.packages) } : result;
}

function need(): PlaygroundSession {
  if (!playground) throw new Error('the resolver worker was used before init()');
  return playground;
}

/** Runs WORK with a signal that cancelLoad(LOAD_ID) aborts (no id: nothing can cancel it). */
async function cancellable<T>(loadId: number | undefined, work: (signal?: AbortSignal) => Promise<T>): Promise<T> {
  if (loadId === undefined) return work();
  const controller = new AbortController();
  loads.set(loadId, controller);
  try {
    return await work(controller.signal);
  } finally {
    loads.delete(loadId);
  }
}

const api: ResolverWorkerApi = {
  async init(options) {
    if (manifest.abiVersion !== EXPECTED_ABI_VERSION)
      return err({ message: `resolver.wasm was built for ABI ${manifest.abiVersion}, the app expects ${EXPECTED_ABI_VERSION}: rebuild it with npm run build:wasm` });
    try {
      // the page compiled the module while this worker's scripts loaded (ResolverClient); without it,
      // it compiles here while IndexedDB opens. The image builds' resolver is made on first use.
      cache?.close();
      const [module, opened] = await Promise.all([options.module ?? compileModule(), openRepoCache(options.cacheDbName ? { dbName: options.cacheDbName } : {})]);
      cache = opened;
      const limits = options.memoryLimitBytes ? { memoryLimitBytes: options.memoryLimitBytes } : {};
      const resolverOptions = { ...limits, xmlModule: compileXmlModule, ...(options.trapNextSolve ? { trapNextSolve: true } : {}) };
      const resolver = await Resolver.create(module, options.arch, resolverOptions);
      const locks = (self.navigator as Navigator & { locks?: LockManager }).locks;
      const repos = new ResolverSession(resolver, {
        fetch: self.fetch.bind(self),
        appBaseUrl: options.appBaseUrl,
        appOrigin: self.location.origin,
        cache,
        openPartConverters: openParseWorkers(compileXmlModule, options.memoryLimitBytes ?? 0),
        parallelParse: parallelParseMode(),
        ...(locks ? { lock: <T>(name: string, fn: () => Promise<T>) => locks.request(name, fn) as Promise<T> } : {}),
      });
      playground = new PlaygroundSession(repos, () => Resolver.create(module, options.arch, resolverOptions), options.arch);
      // compiles the solver's code while the page's first calls wait for the network or IndexedDB
      void warmUpResolver(module, options.arch).catch((error: unknown) => console.warn('resolver warm-up failed', error));
      return ok({
        ...resolver.version,
        arch: options.arch,
        build: {
          debianVersions: Object.fromEntries(manifest.sources.map((s) => [s.name, s.debianVersion])),
          wasmSha256: manifest.artifacts['resolver.wasm']?.sha256 ?? '',
          rpmmdWasmSha256: manifest.artifacts['rpmmd.wasm']?.sha256 ?? '',
        },
        cache: { backend: cache.backend, ...(cache.note ? { note: cache.note } : {}) },
      });
    } catch (error) {
      return err({ message: error instanceof Error ? error.message : String(error) });
    }
  },
  // the same module PlaygroundSession.loadProjectCode imports later: fetched and evaluated once
  preloadProject: async () => void import('../lib/project/project-code.ts').catch((error: unknown) => console.warn('project code failed to load', error)),
  addRepo: async (source, options, onProgress, loadId) => cancellable(loadId, (signal) => need().repos.addRepo(source, options, onProgress, signal)),
  cancelLoad: async (loadId) => loads.get(loadId)?.abort(),
  removeRepo: async (repoId) => need().repos.removeRepo(repoId),
  listRepos: async () => need().repos.listRepos(),
  comps: async () => need().repos.compsModels(),
  search: async (query, limit) => need().repos.search(query, limit),
  solve: async (request, onProgress) => paged(await need().solve(request, onProgress)),
  nextPage: async (token) => pages.take(token),
  explain: async (nevra) => need().explain(nevra),
  whatIfExcluded: async (name) => need().whatIfExcluded(name),
  cacheList: async () => (cache ? cache.list() : []),
  cacheDelete: async (identity) => (cache ? cache.delete(identity) : 0),
  stats: async () => need().repos.stats(),
  describeProject: async (files) => need().describeProject(new Map(files)),
  buildImage: async (call, onProgress, loadId) => {
    const outcome = await cancellable(loadId, (signal) => need().buildImage({ ...call, files: new Map(call.files) }, onProgress, signal));
    return { ...outcome, result: paged(outcome.result) };
  },
  exportImage: async (format, packages) => need().exportImage(format, packages),
  checkCapabilities: async () => need().checkCapabilities(),
  deviations: (files) => need().deviations(new Map(files)),
};

Comlink.expose(api);
