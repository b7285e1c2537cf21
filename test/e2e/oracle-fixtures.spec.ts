import { expect, test } from '@playwright/test';
import { relative } from 'node:path';
import { FIXTURES_URL } from '../../playwright.config.ts';
import { fixtureJobs, type FixtureJob } from '../support/fixture-jobs.ts';
import { REPODATA } from '../support/wasm.ts';
import { answerLines, resolveInPage, waitForAnswer } from './support.ts';

// Every recorded oracle output must come out of the resolver running in a Chromium worker, with the
// repositories fetched over HTTP from a local mirror of the fixtures.
const byRepos = new Map<string, FixtureJob[]>();
for (const job of fixtureJobs()) byRepos.set(job.repoDirs.join('|'), [...(byRepos.get(job.repoDirs.join('|')) ?? []), job]);

for (const [key, jobs] of byRepos) {
  const urls = key.split('|').map((dir) => `${FIXTURES_URL}${relative(REPODATA, dir)}/`);
  test(`Chromium worker equals the oracle on ${urls.map((u) => u.slice(FIXTURES_URL.length)).join(' + ')}`, async ({ page }) => {
    test.setTimeout(600_000);
    const query = new URLSearchParams();
    // named repo1, repo2… like the oracle's testcase, whose problem ids hash the repository names
    urls.forEach((u, i) => query.append('repo', `repo${i + 1}=${u}`));
    query.append('spec', jobs[0]!.specs[0] ?? 'bash');
    await page.goto(`/?${query}`);
    await waitForAnswer(page);
    await expect(page.getByRole('list', { name: 'Loaded repositories' }).getByRole('listitem')).toHaveCount(urls.length);
    for (const job of jobs) {
      await resolveInPage(page, { specs: job.specs, groups: job.groups, excludes: job.excludes, weakDeps: job.weakDeps, best: false });
      expect(await answerLines(page), job.label).toEqual(job.expected);
    }
  });
}
