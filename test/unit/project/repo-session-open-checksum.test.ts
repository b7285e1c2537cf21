import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ResolverSession } from '../../../src/lib/project/repo-session.ts';
import { openRepoCache } from '../../../src/lib/repo/index.ts';
import { createResolver, rpmmdModule } from '../../support/wasm.ts';
import { BASH_FC32, FakeServer, readTree } from '../repo/support.ts';

const BASE = 'https://mirror.example/fedora/32/x86_64/';
const tree = readTree(BASH_FC32);
const repomdText = new TextDecoder().decode(tree.get('repodata/repomd.xml'));
let dbCounter = 0;

/** A session as the worker makes it, over bash-fc32 served with REPOMD. */
async function sessionOver(repomd: string) {
  const files = new Map(tree).set('repodata/repomd.xml', new TextEncoder().encode(repomd));
  const server = new FakeServer().mountFiles(BASE, files);
  const cache = await openRepoCache({ dbName: `open-check-${++dbCounter}` });
  const resolver = await createResolver('x86_64', { xmlModule: rpmmdModule });
  return { session: new ResolverSession(resolver, { fetch: server.fetch, cache }), resolver, cache };
}

describe('primary.xml\'s open-checksum guards the pool and the cache', () => {
  it('a wrong open-checksum refuses the repository: nothing reaches the pool or the cache', async () => {
    const wrong = repomdText.replace('c688aa3b67e5244a7ba8b80a9eb7048ae5e813d9989183374cbda39f39117430', 'cd'.repeat(32));
    expect(wrong).not.toBe(repomdText);
    const { session, resolver, cache } = await sessionOver(wrong);
    const added = await session.addRepo({ kind: 'url', url: BASE });
    expect(!added.ok && added.error.code).toBe('repo/open-checksum-mismatch');
    expect(!added.ok && added.error.message).toMatch(/after decompression \(open-checksum\) is [0-9a-f]{64}, but repomd\.xml says cdcd/);
    expect(resolver.loadedRepos).toEqual([]);
    expect(session.listRepos()).toEqual([]);
    expect(await cache.list()).toEqual([]);
    cache.close();
  });

  it('the right one loads, answers and is cached', async () => {
    const { session, resolver, cache } = await sessionOver(repomdText);
    const added = await session.addRepo({ kind: 'url', url: BASE });
    expect(added.ok).toBe(true);
    expect(resolver.loadedRepos.length).toBe(1);
    const solved = await session.solve({ specs: ['bash'], weakDeps: false });
    expect(solved.ok && solved.packages.some((p) => p.name === 'bash')).toBe(true);
    expect((await cache.list()).length).toBe(1);
    cache.close();
  });
});
