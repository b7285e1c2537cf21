import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openRepoCache } from '../../../src/lib/repo/index.ts';
import type { FetchLike } from '../../../src/lib/repo/fetch-bytes.ts';
import { ResolverSession, type SessionProgress } from '../../../src/lib/project/repo-session.ts';
import { PlaygroundSession } from '../../../src/lib/project/playground-session.ts';
import { APP_BASE, BUNDLE_ID, demoFiles, newResolver, servePublic, stallingPrimary } from './build/demo-support.ts';

describe('cancelling a repository load', () => {
  it('stops the download when the signal aborts mid-way: nothing enters the pool or the cache, and the answer says so', async () => {
    const controller = new AbortController();
    const asked: string[] = [];
    // the real files, but the primary's body is held until the load is cancelled (a slow mirror)
    const stalling = stallingPrimary(() => true, () => controller.abort());
    const fetch: FetchLike = (url, init) => {
      asked.push(url);
      return stalling(url, init);
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

  it('an image build whose repository load is cancelled stops there: the cancel is an error on the line that asked for the repository, and nothing was kept', async () => {
    const controller = new AbortController();
    let hold = true;
    const fetch = stallingPrimary(() => hold, () => controller.abort());
    const repos = new ResolverSession(await newResolver(), { fetch, appBaseUrl: APP_BASE, cache: await openRepoCache({ dbName: 'image-build-cancel' }) });
    const playground = new PlaygroundSession(repos, newResolver, 'x86_64');
    const files = await demoFiles();
    const phases: string[] = [];
    const cancelled = await playground.buildImage({ files, image: 'vm-base' }, (p) => phases.push(p.phase), controller.signal);
    expect(cancelled.result).toMatchObject({ ok: false, kind: 'invalid', message: expect.stringMatching(/^distro\/azurelinux\.distro\.toml:\d+: the build was cancelled while repository centos-stream-9-baseos/) });
    expect(cancelled.diagnostics[0]).toMatchObject({ code: 'image/cancelled', severity: 'error', file: 'distro/azurelinux.distro.toml' });
    expect(phases).toContain('fetch');
    expect(phases).not.toContain('solve');
    expect(repos.listRepos()).toEqual([]);

    hold = false;
    const again = await playground.buildImage({ files, image: 'vm-base' });
    expect(again.result.ok).toBe(true);
  });
});
