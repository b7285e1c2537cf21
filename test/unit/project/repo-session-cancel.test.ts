import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openRepoCache } from '../../../src/lib/repo/index.ts';
import type { FetchLike } from '../../../src/lib/repo/fetch-bytes.ts';
import { ResolverSession, type SessionProgress } from '../../../src/lib/project/repo-session.ts';
import { APP_BASE, BUNDLE_ID, newResolver, servePublic } from './build/demo-support.ts';

describe('cancelling a repository load', () => {
  it('stops the download when the signal aborts mid-way: nothing enters the pool or the cache, and the answer says so', async () => {
    const controller = new AbortController();
    const asked: string[] = [];
    // the real files, but the primary's body is held until the load is cancelled (a slow mirror)
    const fetch: FetchLike = async (url, init) => {
      asked.push(url);
      if (!url.includes('primary')) return servePublic(url);
      const real = new Uint8Array(await (await servePublic(url)).arrayBuffer());
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(real.subarray(0, 1000));
          init?.signal?.addEventListener('abort', () => c.error(new DOMException('aborted', 'AbortError')));
        },
      });
      queueMicrotask(() => controller.abort());
      return new Response(body);
    };
    const cache = await openRepoCache({ dbName: 'repo-session-cancel' });
    const session = new ResolverSession(await newResolver(), { fetch, appBaseUrl: APP_BASE, cache });
    const phases: SessionProgress['phase'][] = [];
    const added = await session.addRepo({ kind: 'bundle', id: BUNDLE_ID }, {}, (p) => phases.push(p.phase), controller.signal);
    expect(added).toMatchObject({ ok: false, error: { code: 'repo/cancelled' } });
    expect(asked.some((u) => u.includes('primary'))).toBe(true);
    expect(phases).not.toContain('parse');
    expect(session.listRepos()).toEqual([]);
    expect(await cache.list()).toEqual([]);
  });

  it('reports download, verify and decompress, then parse and cache, for a load that runs through (no search index: the first search makes it)', async () => {
    const session = new ResolverSession(await newResolver(), { fetch: servePublic, appBaseUrl: APP_BASE, cache: await openRepoCache({ dbName: 'repo-session-phases' }) });
    const phases: string[] = [];
    const added = await session.addRepo({ kind: 'bundle', id: BUNDLE_ID }, {}, (p) => phases.push(p.phase), new AbortController().signal);
    expect(added.ok).toBe(true);
    const order = [...new Set(phases)];
    expect(order).toEqual(['fetch', 'verify', 'decompress', 'parse', 'cache']);
  });
});
