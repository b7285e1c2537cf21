/** State-class tests: the resolver "worker" is a PlaygroundSession in this process (real wasm, real demo), called with cloned data as across the worker boundary. */
import 'fake-indexeddb/auto';
import { PlaygroundSession } from '../../../src/lib/project/playground-session.ts';
import { ResolverSession } from '../../../src/lib/project/repo-session.ts';
import { openRepoCache } from '../../../src/lib/repo/index.ts';
import type { ResolverLink } from '../../../src/state/resolver-link.ts';
import type { ResolverWorkerApi } from '../../../src/workers/resolver.api.ts';
import { APP_BASE, newResolver, servePublic } from '../project/build/demo-support.ts';

/** A ResolverLink whose calls reach PLAYGROUND with structured-cloned arguments and results, as comlink would. */
export function inProcessLink(playground: PlaygroundSession, calls: string[] = []): ResolverLink {
  const clone = <T>(v: T): T => structuredClone(v);
  const remote: Partial<ResolverWorkerApi> = {
    describeProject: async (files) => clone(await playground.describeProject(new Map(clone(files)))),
    exportImage: async (format, packages) => clone(await playground.exportImage(format, packages)),
    explain: async (nevra) => clone(playground.explain(nevra)),
    whatIfExcluded: async (name) => clone(playground.whatIfExcluded(name)),
    listRepos: async () => clone(playground.repos.listRepos()),
    comps: async () => clone(playground.repos.compsModels()),
    stats: async () => clone(playground.repos.stats()),
    search: async (query, limit) => clone(await playground.repos.search(query, limit)),
    cacheList: async () => [],
  };
  const recorded = new Proxy(remote, {
    get(target, key: string) {
      calls.push(key);
      return target[key as keyof ResolverWorkerApi];
    },
  });
  return {
    init: async () => ({ ok: false, error: { message: 'not used in state tests' } }),
    addRepo: async (source, options, onProgress, signal) => clone(await playground.repos.addRepo(source, options, onProgress, signal)),
    removeRepo: async (repoId) => playground.repos.removeRepo(repoId),
    solve: async (request) => clone(await playground.solve(clone(request))),
    buildImage: async (call, onProgress, signal) => {
      calls.push('buildImage');
      return clone(await playground.buildImage({ ...clone(call), files: new Map(clone(call.files)) }, onProgress, signal));
    },
    remote: recorded as ResolverLink['remote'],
  };
}

/** A PlaygroundSession over the bundled demo metadata, with its own cache database. */
export async function demoPlayground(dbName: string): Promise<PlaygroundSession> {
  const cache = await openRepoCache({ dbName });
  return new PlaygroundSession(new ResolverSession(await newResolver(), { fetch: servePublic, appBaseUrl: APP_BASE, cache }), newResolver, 'x86_64');
}
