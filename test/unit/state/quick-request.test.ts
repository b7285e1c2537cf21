import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import * as repo from '../../../src/lib/repo/index.ts';
import { AppStatus } from '../../../src/state/app-status.svelte.ts';
import { listEntries, QuickRequestState } from '../../../src/state/quick-request.svelte.ts';
import { RepositoriesState } from '../../../src/state/repositories.svelte.ts';
import { demoPlayground, inProcessLink } from './support.ts';
import { watch } from './watch.svelte.ts';

vi.mock('../../../src/lib/repo/index.ts', async (original) => {
  const actual = await original<typeof repo>();
  return { ...actual, expandGroup: vi.fn(actual.expandGroup) };
});

const COMPS = join(import.meta.dirname, '../../../../shared/fixtures/repodata/fedora-comps/comps-f41.xml.in');

describe('QuickRequestState', () => {
  it('reads lists one per line or comma-separated, skipping comments', () => {
    expect(listEntries('bash, vim\n# no\n  tmux  \n')).toEqual(['bash', 'vim', 'tmux']);
  });

  it('expands the typed groups once per change, however often the request and the problems are read', async () => {
    const playground = await demoPlayground('state-quick-groups');
    const link = inProcessLink(playground);
    const status = new AppStatus();
    const repositories = new RepositoriesState(link, status);
    const parsed = repo.parseComps(readFileSync(COMPS, 'utf8'), 'comps-f41.xml.in');
    if (!parsed.ok) throw new Error(parsed.error.message);
    repositories.comps = [parsed.value];
    const request = new QuickRequestState(link, status, repositories);
    const expand = vi.mocked(repo.expandGroup);
    expand.mockClear();
    request.groupsText = 'core\nno-such-group';
    // the page reads both in its templates; after that, reads hit the derived values
    const stop = watch(() => void [request.request, request.groups.problems]);
    expect(request.request.groupPackages?.length).toBeGreaterThan(0);
    expect(request.groups.problems).toHaveLength(1);
    expect(request.request.specs).toEqual(['bash', 'openssh-server']);
    expect(expand).toHaveBeenCalledTimes(2);
    stop();
  });

  it('takes @group and @^environment among the specs, as dnf does', async () => {
    const playground = await demoPlayground('state-quick-at-groups');
    const link = inProcessLink(playground);
    const status = new AppStatus();
    const repositories = new RepositoriesState(link, status);
    const parsed = repo.parseComps(readFileSync(COMPS, 'utf8'), 'comps-f41.xml.in');
    if (!parsed.ok) throw new Error(parsed.error.message);
    repositories.comps = [parsed.value];
    const request = new QuickRequestState(link, status, repositories);
    request.specsText = 'bash\n@core\n@^minimal-environment\n@^core';
    expect(request.request.specs).toEqual(['bash']);
    const groups = new Set(request.request.groupPackages?.map((j) => j.group));
    expect(groups.has('core')).toBe(true);
    // @^core asks for an environment called core: there is none, and it is named
    expect(request.groups.problems).toEqual([expect.stringContaining('"core"')]);
  });

  it('solves the request against the pool and says what it holds', async () => {
    const playground = await demoPlayground('state-quick-solve');
    const link = inProcessLink(playground);
    const status = new AppStatus();
    const repositories = new RepositoriesState(link, status);
    expect(await repositories.add({ kind: 'bundle', id: 'centos-stream-9-baseos-2022' })).toBe(true);
    const request = new QuickRequestState(link, status, repositories);
    request.solveNow();
    await vi.waitFor(() => expect(status.phase).toBe('ready'));
    expect(request.result?.ok && request.result.packages.some((p) => p.name === 'openssh-server')).toBe(true);
    expect(status.status).toMatch(/^\d+ packages · solved in/);
  });

  it('waits for the repositories: nothing is solved while none is loaded', async () => {
    const playground = await demoPlayground('state-quick-empty');
    const link = inProcessLink(playground);
    const status = new AppStatus();
    const request = new QuickRequestState(link, status, new RepositoriesState(link, status));
    request.solveNow();
    expect(status.phase).toBe('loading');
    expect(request.result).toBeUndefined();
  });
});
