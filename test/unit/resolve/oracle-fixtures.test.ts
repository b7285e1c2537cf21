import { describe, expect, test } from 'vitest';
import { expandGroup } from '../../../src/lib/repo/comps-expand.ts';
import type { CompsModel } from '../../../src/lib/repo/comps.ts';
import type { Resolver } from '../../../src/lib/resolve/resolver.ts';
import type { GroupPackageJob } from '../../../src/lib/resolve/types.ts';
import { fixtureJobs, type FixtureJob } from '../../support/fixture-jobs.ts';
import { readRepoComps, resolverWith } from '../../support/wasm.ts';

// Every recorded oracle output (native libsolv, tools/libsolv-oracle.sh: best off, weak deps as
// named) must come out of our wasm resolver in Node byte for byte.
const jobs = fixtureJobs();
const byRepos = new Map<string, FixtureJob[]>();
for (const job of jobs) {
  const key = job.repoDirs.join('|');
  byRepos.set(key, [...(byRepos.get(key) ?? []), job]);
}

async function groupJobs(job: FixtureJob): Promise<GroupPackageJob[]> {
  const comps = (await Promise.all(job.repoDirs.map(readRepoComps))).filter((c): c is CompsModel => !!c);
  return job.groups.flatMap((id) => {
    const expanded = expandGroup(comps, id, { arch: 'x86_64', kind: 'group' });
    if (!expanded.ok) throw new Error(expanded.error.message);
    return expanded.value.jobs;
  });
}

describe('resolver in Node equals the libsolv oracle', () => {
  test('there are recorded oracle outputs to compare against', () => {
    expect(jobs.length).toBeGreaterThanOrEqual(40);
  });
  for (const [key, group] of byRepos) {
    describe(key.replace(/.*fixtures\/repodata\//, '').replace(/\|.*repodata\//g, ' + '), () => {
      let resolver: Promise<Resolver> | undefined;
      for (const job of group) {
        test(job.label, { timeout: 120_000 }, async () => {
          resolver ??= resolverWith(job.repoDirs);
          const r = await resolver;
          const result = r.solve({
            specs: job.specs,
            groupPackages: await groupJobs(job),
            weakDeps: job.weakDeps,
            best: false,
            excludes: job.excludes,
          });
          if (job.unsolvable) {
            expect(result.ok).toBe(false);
            expect(r.resultText().split('\n').filter((l) => l.startsWith('problem '))).toEqual(job.expected);
          } else {
            if (!result.ok) throw new Error(JSON.stringify(result).slice(0, 2000));
            expect(result.packages.map((p) => p.nevra)).toEqual(job.expected);
          }
        });
      }
    });
  }
});
