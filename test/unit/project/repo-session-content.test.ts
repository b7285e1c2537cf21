import { describe, expect, it } from 'vitest';
import { openRepoCache } from '../../../src/lib/repo/index.ts';
import { ResolverSession } from '../../../src/lib/project/repo-session.ts';
import { createResolver } from '../../support/wasm.ts';
import { APP_BASE, BUNDLE_ID, servePublic } from './build/demo-support.ts';

const APP = APP_BASE;
const BUNDLE = BUNDLE_ID;

const newSession = async (cache: Awaited<ReturnType<typeof openRepoCache>>) => new ResolverSession(await createResolver('x86_64'), { fetch: servePublic, appBaseUrl: APP, cache });

describe('ResolverSession.repoContent', () => {
  it('gives the facts, the load-time .solv, comps and filelists of a cold load, and the same facts on a warm start', async () => {
    const cache = await openRepoCache();
    const cold = await newSession(cache);
    const added = await cold.addRepo({ kind: 'bundle', id: BUNDLE });
    expect(added.ok && added.value.fromCache).toBe(false);
    const content = cold.repoContent(BUNDLE);
    expect(content?.facts).toMatchObject({ identity: `bundle:${BUNDLE}`, source: 'bundle', baseUrl: `${APP}repos/${BUNDLE}/`, revision: '1644263915' });
    expect(content?.facts.repomdChecksum).toMatch(/^[0-9a-f]{64}$/);
    expect(content?.solv).toBe(cold.resolver.solvOf(BUNDLE));
    expect(cold.repoContent(BUNDLE)?.solv).toBe(content?.solv);
    expect(content?.comps?.groups.length).toBeGreaterThan(0);
    expect(content?.filelists).toBeDefined();

    const warm = await newSession(cache);
    const again = await warm.addRepo({ kind: 'bundle', id: BUNDLE });
    expect(again.ok && again.value.fromCache).toBe(true);
    const cached = warm.repoContent(BUNDLE);
    expect(cached?.facts).toEqual(content?.facts);
    expect(cached?.solv).toEqual(content?.solv);
    expect(cached?.comps).toEqual(content?.comps);
    expect(cached?.filelists).toBeUndefined();
    expect(warm.stats().xmlParses).toBe(0);
  });

  it('keeps the .solv of the load, not the one filelists were later added to', async () => {
    const session = await newSession(await openRepoCache());
    await session.addRepo({ kind: 'bundle', id: BUNDLE });
    const before = session.repoContent(BUNDLE)?.solv;
    const solved = await session.solve({ specs: ['/usr/share/doc/bash'] });
    expect(solved.ok).toBe(true);
    expect(session.resolver.solvOf(BUNDLE)?.byteLength).toBeGreaterThan(before?.byteLength ?? 0);
    expect(session.repoContent(BUNDLE)?.solv).toBe(before);
  });

  it('knows nothing of a repository that is not in the pool', async () => {
    const session = await newSession(await openRepoCache());
    expect(session.repoContent('nope')).toBeUndefined();
    await session.addRepo({ kind: 'bundle', id: BUNDLE });
    session.removeRepo(BUNDLE);
    expect(session.repoContent(BUNDLE)).toBeUndefined();
  });
});
