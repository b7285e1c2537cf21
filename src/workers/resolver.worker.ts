/** The resolver worker: owns the wasm instance and its pool; adapts ResolverSession to comlink. */
import * as Comlink from 'comlink';
import wasmUrl from '../../wasm/dist/resolver.wasm?url';
import manifest from '../../wasm/dist/manifest.json';
import { openRepoCache, type RepoCache } from '../lib/repo/index.ts';
import { EXPECTED_ABI_VERSION } from '../lib/resolve/abi.ts';
import { Resolver, ResolverCrashError } from '../lib/resolve/resolver.ts';
import { ResolverSession } from '../lib/resolve/session.ts';
import { describeProject } from '../lib/project/describe.ts';
import { ImageSession } from '../lib/project/image-session.ts';
import type { ResolverWorkerApi } from './resolver.api.ts';

let session: ResolverSession | undefined;
let cache: RepoCache | undefined;
let modulePromise: Promise<WebAssembly.Module> | undefined;
let images: ImageSession | undefined;
let imageResolver: Resolver | undefined;
let arch = 'x86_64';
/** Which resolver answered last, so "why" questions go to the pool that produced the result on screen. */
let lastSolvedBy: 'session' | 'images' = 'session';

/** Compiles the module once; a failed compile is forgotten so a retry can succeed. */
function compileModule(): Promise<WebAssembly.Module> {
  modulePromise ??= (async () => {
    const response = await fetch(wasmUrl);
    if (!response.ok) throw new Error(`could not load the resolver (${wasmUrl}): HTTP ${response.status}`);
    // a server that sends another MIME type than application/wasm breaks compileStreaming
    if (response.headers.get('content-type')?.startsWith('application/wasm')) return WebAssembly.compileStreaming(response);
    return WebAssembly.compile(await response.arrayBuffer());
  })().catch((err) => {
    modulePromise = undefined;
    throw err;
  });
  return modulePromise;
}

function need(): ResolverSession {
  if (!session) throw new Error('the resolver worker was used before init()');
  return session;
}

const api: ResolverWorkerApi = {
  async init(options) {
    if (manifest.abiVersion !== EXPECTED_ABI_VERSION)
      return { ok: false, message: `resolver.wasm was built for ABI ${manifest.abiVersion}, the app expects ${EXPECTED_ABI_VERSION}: rebuild it with npm run build:wasm` };
    try {
      const limits = options.memoryLimitBytes ? { memoryLimitBytes: options.memoryLimitBytes } : {};
      const resolver = await Resolver.create(await compileModule(), options.arch, { ...limits, ...(options.trapNextSolve ? { trapNextSolve: true } : {}) });
      cache?.close();
      cache = await openRepoCache(options.cacheDbName ? { dbName: options.cacheDbName } : {});
      session = new ResolverSession(resolver, { fetch: self.fetch.bind(self), appBaseUrl: options.appBaseUrl, appOrigin: self.location.origin, cache });
      arch = options.arch;
      imageResolver = await Resolver.create(await compileModule(), options.arch, { ...limits, ...(options.trapNextSolve ? { trapNextSolve: true } : {}) });
      images = new ImageSession(session, imageResolver);
      return {
        ok: true,
        info: {
          ...resolver.version,
          arch: options.arch,
          build: {
            debianVersions: Object.fromEntries(manifest.sources.map((s) => [s.name, s.debianVersion])),
            wasmSha256: manifest.artifacts['resolver.wasm']?.sha256 ?? '',
          },
          cache: { backend: cache.backend, ...(cache.note ? { note: cache.note } : {}) },
        },
      };
    } catch (err) {
      return { ok: false, message: err instanceof Error ? err.message : String(err) };
    }
  },
  async addRepo(source, options, onProgress) {
    const added = await need().addRepo(source, options, onProgress);
    return added.ok ? { ok: true, repo: added.value } : { ok: false, error: added.error };
  },
  async removeRepo(repoId) {
    return need().removeRepo(repoId);
  },
  async listRepos() {
    return need().listRepos();
  },
  async comps() {
    return need().compsModels();
  },
  async search(query, limit) {
    return need().search(query, limit);
  },
  async solve(request, onProgress) {
    await need().resolver.ready();
    lastSolvedBy = 'session';
    return need().solve(request, onProgress);
  },
  async explain(nevra) {
    return lastSolvedBy === 'images' && images ? images.explain(nevra) : need().explain(nevra);
  },
  async setArch(arch) {
    return need().resolver.setArch(arch);
  },
  async cacheList() {
    return cache ? cache.list() : [];
  },
  async cacheDelete(identity) {
    return cache ? cache.delete(identity) : 0;
  },
  async stats() {
    return need().stats();
  },
  async describeProject(files) {
    return describeProject(new Map(files));
  },
  async buildImage(request, onProgress) {
    need();
    lastSolvedBy = 'images';
    const build = () => images!.build(new Map(request.files), request.image, request.profile, request.arch ?? arch, onProgress);
    // As for solve: after a trap the instance is rebuilt from the kept .solv files and the build tried once more.
    await imageResolver?.ready();
    let view: Awaited<ReturnType<typeof build>>;
    let notice: string | undefined;
    try {
      view = await build();
    } catch (err) {
      if (!(err instanceof ResolverCrashError)) throw err;
      await imageResolver?.ready();
      view = await build();
      notice = `${err.message}; this image is from one retry.`;
    }
    const b = view.build;
    return {
      image: view.image,
      profile: view.profile,
      result: notice ? { ...view.result, notice } : view.result,
      overlayChanges: b.ok ? b.overlayChanges : [],
      components: b.ok ? b.components : [],
      diagnostics: b.diagnostics,
      repos: b.ok ? b.repos.map((r) => ({ id: r.id, url: r.url })) : [],
      layers: b.ok
        ? b.request.layers.map((l) => ({
            kind: l.kind,
            label: l.label,
            entries: [
              ...l.specs.map((e) => ({ text: e.spec, ...(e.note ? { note: e.note } : {}) })),
              ...l.groups.map((g) => ({ text: `@${g.kind === 'environment' ? '^' : ''}${g.id}`, ...(g.note ? { note: g.note } : {}) })),
            ],
          }))
        : [],
    };
  },
  async exportImage(format, packages) {
    if (!images) return { ok: false, message: 'the resolver worker was used before init()' };
    return images.export(format, packages);
  },
};

Comlink.expose(api);
