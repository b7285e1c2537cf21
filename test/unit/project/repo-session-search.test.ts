import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openRepoCache, type RepoCache } from '../../../src/lib/repo/index.ts';
import { ResolverSession } from '../../../src/lib/project/repo-session.ts';
import { APP_BASE, BUNDLE_ID, newResolver, servePublic } from './build/demo-support.ts';

/** The real cache, counting the search-index reads and writes that reach it. */
function counted(cache: RepoCache): { cache: RepoCache; reads: number[]; writes: number[] } {
  const reads: number[] = [];
  const writes: number[] = [];
  // every call goes to the real cache (its private fields rule out a prototype wrapper)
  const wrapped: RepoCache = {
    backend: cache.backend,
    put: (record) => cache.put(record),
    get: (identity, checksum) => cache.get(identity, checksum),
    getLatest: (identity) => cache.getLatest(identity),
    list: () => cache.list(),
    delete: (identity, checksum) => cache.delete(identity, checksum),
    refreshNeeded: (identity, options) => cache.refreshNeeded(identity, options),
    close: () => cache.close(),
    getSearchIndex: async () => undefined,
    putSearchIndex: async () => false,
  };
  wrapped.getSearchIndex = async (identity, checksum) => {
    const index = await cache.getSearchIndex(identity, checksum);
    reads.push(index ? index.names.length : 0);
    return index;
  };
  wrapped.putSearchIndex = async (identity, checksum, index) => {
    writes.push(index.names.length);
    return cache.putSearchIndex(identity, checksum, index);
  };
  return { cache: wrapped, reads, writes };
}

describe('the search index of a loaded repository', () => {
  it('is not built by the load; the first search builds and keeps it, and a warm start reads it from the cache', async () => {
    const store = await openRepoCache({ dbName: 'repo-session-search' });
    const cold = counted(store);
    const session = new ResolverSession(await newResolver(), { fetch: servePublic, appBaseUrl: APP_BASE, cache: cold.cache });
    const added = await session.addRepo({ kind: 'bundle', id: BUNDLE_ID });
    if (!added.ok) throw new Error(added.error.message);
    const [{ identity, repomdChecksum } = { identity: '', repomdChecksum: '' }] = await store.list();
    expect(await store.getSearchIndex(identity, repomdChecksum)).toBeUndefined();
    expect((await session.search('openssh-ser', 5))[0]?.name).toBe('openssh-server');
    expect(cold.reads).toEqual([0]);
    expect(cold.writes).toHaveLength(1);
    expect(cold.writes[0]).toBeGreaterThan(500);
    // the second search uses the index in memory
    await session.search('bash', 5);
    expect(cold.reads).toHaveLength(1);

    const warm = counted(store);
    const again = new ResolverSession(await newResolver(), { fetch: servePublic, appBaseUrl: APP_BASE, cache: warm.cache });
    expect((await again.addRepo({ kind: 'bundle', id: BUNDLE_ID })).ok && again.stats().xmlParses).toBe(0);
    expect(warm.reads).toEqual([]);
    expect((await again.search('openssh-ser', 5))[0]?.name).toBe('openssh-server');
    expect(warm.reads).toEqual([cold.writes[0]]);
    expect(warm.writes).toEqual([]);
  });

  it('answers from a pool without a cache, and a removed repository drops out of the answers', async () => {
    const session = new ResolverSession(await newResolver(), { fetch: servePublic, appBaseUrl: APP_BASE });
    expect((await session.addRepo({ kind: 'bundle', id: BUNDLE_ID }, { repoId: 'base' })).ok).toBe(true);
    expect((await session.search('openssh-ser', 5)).map((h) => h.name)).toContain('openssh-server');
    session.removeRepo('base');
    expect(await session.search('openssh-ser', 5)).toEqual([]);
  });

  it('a warm start reads the entry index once (it read it for the refresh decision and again for the record)', async () => {
    const store = await openRepoCache({ dbName: 'repo-session-warm-reads' });
    const first = new ResolverSession(await newResolver(), { fetch: servePublic, appBaseUrl: APP_BASE, cache: store });
    expect((await first.addRepo({ kind: 'bundle', id: BUNDLE_ID })).ok).toBe(true);
    const calls: string[] = [];
    const spied: RepoCache = { ...counted(store).cache };
    spied.refreshNeeded = (identity, options) => (calls.push('refreshNeeded'), store.refreshNeeded(identity, options));
    spied.getLatest = (identity) => (calls.push('getLatest'), store.getLatest(identity));
    spied.list = () => (calls.push('list'), store.list());
    spied.get = (identity, checksum) => (calls.push('get'), store.get(identity, checksum));
    const warm = new ResolverSession(await newResolver(), { fetch: servePublic, appBaseUrl: APP_BASE, cache: spied });
    const added = await warm.addRepo({ kind: 'bundle', id: BUNDLE_ID });
    expect(added.ok && added.value.fromCache).toBe(true);
    expect(warm.stats().solvLoads).toBe(1);
    expect(calls).toEqual(['refreshNeeded', 'get']);
  });
});
