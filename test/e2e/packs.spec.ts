import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED_URL } from '../../playwright.config.ts';
import { fixtureJobs } from '../support/fixture-jobs.ts';
import { REPODATA, ROOT } from '../support/wasm.ts';
import { answerLines, resolveInPage, waitForAnswer } from './support.ts';

const CS9 = join(REPODATA, 'centos-stream-9-baseos-2022');
const generatedLog = async (): Promise<string[]> => (await (await fetch(`${GENERATED_URL}__log`)).json()) as string[];

test('a pack built by azl-playground pack loads with 0 XML parses and resolves like native libsolv', async ({ page }) => {
  const out = join(ROOT, 'test/.cache/served/packs');
  mkdirSync(out, { recursive: true });
  execFileSync(process.execPath, ['bin/azl-playground.mjs', 'pack', '--repo', `cs9=${CS9}`, '--out', out], { cwd: ROOT, stdio: 'pipe' });
  await fetch(`${GENERATED_URL}__log/reset`);

  const jobs = fixtureJobs().filter((j) => j.repoDirs.length === 1 && j.repoDirs[0] === CS9);
  expect(jobs.length).toBeGreaterThanOrEqual(4);
  await page.goto(`/?repo=repo1=pack:${GENERATED_URL}packs/cs9/&spec=bash&best=0`);
  await waitForAnswer(page);
  await expect(page.getByRole('list', { name: 'Loaded repositories' })).toContainText('1125');
  for (const job of jobs) {
    await resolveInPage(page, { specs: job.specs, groups: job.groups, excludes: job.excludes, weakDeps: job.weakDeps, best: false });
    expect(await answerLines(page), job.label).toEqual(job.expected);
  }
  await expect(page.locator('footer')).toContainText(' 0 XML parses');
  const fetched = await generatedLog();
  // the search index waits for the first search, the provenance note for a person to open it
  expect(fetched.filter((p) => p.startsWith('/packs/cs9/')).sort()).toEqual(['/packs/cs9/comps.json', '/packs/cs9/pack.json', '/packs/cs9/repo.solv.gz', '/packs/cs9/repomd.json']);
  await page.getByRole('searchbox', { name: 'Search packages' }).fill('openssh-ser');
  await expect(page.getByRole('list', { name: 'Search results' })).toContainText('openssh-server');
  expect((await generatedLog()).filter((p) => p === '/packs/cs9/search.json.gz')).toHaveLength(1);
});

test('the first open of the demo reads the bundled pack, parses no XML and never downloads the XML reader', async ({ page }) => {
  const wasm: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('.wasm')) wasm.push(new URL(r.url()).pathname);
  });
  await page.goto('/');
  await waitForAnswer(page);
  expect((await answerLines(page)).length).toBeGreaterThan(100);
  await expect(page.locator('footer')).toContainText(' 0 XML parses');
  // the demo's image build includes the overlay shadow repository, which resolver.wasm reads itself
  expect(wasm.some((p) => /\/resolver-[^/]*\.wasm$/.test(p))).toBe(true);
  expect(wasm.filter((p) => p.includes('rpmmd'))).toEqual([]);
});
