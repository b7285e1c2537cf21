import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUT_OF_MEMORY_HINT } from '../../../src/lib/resolve/resolver.ts';
import { readRepoDir, REPODATA, createResolver } from '../../support/wasm.ts';

const BASH = join(REPODATA, 'fedora32-el8-closures-bazeldnf/bash-fc32');
const CS9 = join(REPODATA, 'centos-stream-9-baseos-2022');
const request = { specs: ['bash'], weakDeps: true, best: false };

describe('wasm faults', () => {
  it('a trap inside libsolv: the instance is rebuilt from the kept .solv, the solve retried once, and the result says so', async () => {
    const healthy = await createResolver('x86_64');
    expect((await healthy.loadRpmmd({ id: 'repo1' }, readRepoDir(BASH))).ok).toBe(true);
    const expected = healthy.solve(request);

    const resolver = await createResolver('x86_64', { trapNextSolve: true });
    expect((await resolver.loadRpmmd({ id: 'repo1' }, readRepoDir(BASH))).ok).toBe(true);
    const result = await resolver.solveRecovering(request);
    expect(result.notice).toMatch(/^the resolver crashed \(.*unreachable.*\); it was restarted with the same repositories; this answer is from one retry\.$/);
    const { notice, ...answer } = result;
    expect(answer).toEqual({ ...expected, ...(expected.ok ? { stats: { ...expected.stats, solveMs: expect.any(Number) } } : {}) });
    // and the rebuilt instance goes on answering without a notice
    expect((await resolver.solveRecovering(request)).notice).toBeUndefined();
  });

  it('out of memory: a repository too large for the memory limit is refused as such, with what to do, and what was loaded stays', async () => {
    const resolver = await createResolver('x86_64', { memoryLimitBytes: 8 * 2 ** 20 });
    expect((await resolver.loadRpmmd({ id: 'small' }, readRepoDir(BASH))).ok).toBe(true);
    const big = await resolver.loadRpmmd({ id: 'big' }, readRepoDir(CS9, true));
    expect(big).toMatchObject({ ok: false, code: 'out-of-memory' });
    if (!big.ok) {
      expect(big.message).toMatch(/^the resolver ran out of memory \(its limit is 8 MiB\): Out of memory allocating \d+/);
      expect(big.message).toContain(OUT_OF_MEMORY_HINT);
    }
    await resolver.ready();
    expect(resolver.loadedRepos.map((r) => r.id)).toEqual(['small']);
    const answer = await resolver.solveRecovering(request);
    expect(answer.ok).toBe(true);
  });
});
