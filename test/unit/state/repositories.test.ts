import { describe, expect, it } from 'vitest';
import { AppStatus } from '../../../src/state/app-status.svelte.ts';
import { RepositoriesState } from '../../../src/state/repositories.svelte.ts';
import { demoPlayground, inProcessLink } from './support.ts';

describe('RepositoriesState', () => {
  it('adds a bundled repository, lists it with its comps and counters, and reports the load on the status line', async () => {
    const playground = await demoPlayground('state-repos-add');
    const status = new AppStatus();
    const repositories = new RepositoriesState(inProcessLink(playground), status);
    expect(await repositories.add({ kind: 'bundle', id: 'centos-stream-9-baseos-2022' })).toBe(true);
    expect(repositories.repos.map((r) => r.identity)).toEqual(['bundle:centos-stream-9-baseos-2022']);
    expect(repositories.comps.length).toBe(1);
    expect(repositories.stats?.xmlParses).toBe(1);
    expect(status.status).toMatch(/packages parsed in \d+ ms/);
    expect(repositories.busy).toBe(0);
  });

  it('refreshes a repository from its identity, and keeps a failed load\'s message with what to do', async () => {
    const playground = await demoPlayground('state-repos-refresh');
    const repositories = new RepositoriesState(inProcessLink(playground), new AppStatus());
    await repositories.add({ kind: 'bundle', id: 'centos-stream-9-baseos-2022' }, { repoId: 'baseos' });
    const [repo] = repositories.repos;
    expect(await repositories.refreshRepo(repo!)).toBe(true);
    expect(repositories.repos.map((r) => r.repoId)).toEqual(['baseos']);
    expect(await repositories.add({ kind: 'bundle', id: 'no-such-bundle' })).toBe(false);
    expect(repositories.error?.message).toBeTruthy();
    expect(repositories.error?.hint).toBeTruthy();
  });
});
