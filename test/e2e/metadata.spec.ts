import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES_URL, GENERATED_URL } from '../../playwright.config.ts';
import { REPODATA, ROOT } from '../support/wasm.ts';
import { writeFlippedByteRepo } from './generated-repos.ts';
import { answerLines, resolveInPage, waitForAnswer } from './support.ts';

const expected = (fixture: string, job: string) => readFileSync(join(REPODATA, fixture, 'libsolv-expected', job), 'utf8').split('\n').filter(Boolean);
const fixtureLog = async (): Promise<string[]> => (await (await fetch(`${FIXTURES_URL}__log`)).json()) as string[];

test('a reload starts warm from IndexedDB: nothing is fetched, no XML is parsed and the XML reader is not downloaded', async ({ page }) => {
  const url = `${FIXTURES_URL}fedora32-el8-closures-bazeldnf/libvirt-devel-fc32/`;
  const xmlReader: string[] = [];
  page.on('request', (r) => {
    if (/\/rpmmd-[^/]*\.wasm$/.test(new URL(r.url()).pathname)) xmlReader.push(r.url());
  });
  await page.goto(`/?repo=repo1=${url}&spec=libvirt-devel&best=0`);
  await waitForAnswer(page);
  await expect(page.getByRole('list', { name: 'Loaded repositories' })).not.toContainText('from cache');
  expect(await answerLines(page)).toEqual(expected('fedora32-el8-closures-bazeldnf/libvirt-devel-fc32', 'libvirt-devel.weak-on.txt'));
  expect((await fixtureLog()).some((p) => p.endsWith('primary.xml.gz'))).toBe(true);
  expect(xmlReader).toHaveLength(1);

  await fetch(`${FIXTURES_URL}__log/reset`);
  xmlReader.length = 0;
  await page.reload();
  await waitForAnswer(page);
  await expect(page.getByRole('list', { name: 'Loaded repositories' })).toContainText('from cache');
  await expect(page.locator('footer')).toContainText('0 XML parses');
  expect(await answerLines(page)).toEqual(expected('fedora32-el8-closures-bazeldnf/libvirt-devel-fc32', 'libvirt-devel.weak-on.txt'));
  expect(await fixtureLog()).toEqual([]);
  expect(xmlReader).toEqual([]);
  // the cache lists what it holds
  await page.getByText(/^Cached metadata/).click();
  await expect(page.getByRole('list', { name: 'Cached repositories' })).toContainText('libvirt-devel-fc32');
  // which build of both modules answered, as wasm/dist/manifest.json records them
  const manifest = JSON.parse(readFileSync(join(ROOT, 'wasm/dist/manifest.json'), 'utf8')) as { artifacts: Record<string, { sha256: string }> };
  await page.getByText(/^The resolver: libsolv/).click();
  for (const file of ['resolver.wasm', 'rpmmd.wasm']) await expect(page.getByRole('definition').filter({ hasText: manifest.artifacts[file]?.sha256 ?? 'missing' })).toBeVisible();
});

test('a repodata folder dropped as loose files and as a .tar.gz resolves like native libsolv', async ({ page }, info) => {
  await page.goto('/?mode=request&spec=bash&best=0');
  await waitForAnswer(page);
  await page.getByRole('button', { name: /^Remove/ }).click();
  const dir = join(REPODATA, 'fedora32-el8-closures-bazeldnf/bash-fc32/repodata');
  await page.getByLabel('Choose repository files or an archive').setInputFiles(readdirSync(dir).map((f) => join(dir, f)));
  await waitForAnswer(page);
  await resolveInPage(page, { specs: ['bash'], weakDeps: true, best: false });
  expect(await answerLines(page)).toEqual(expected('fedora32-el8-closures-bazeldnf/bash-fc32', 'bash.weak-on.txt'));

  await page.getByRole('button', { name: /^Remove/ }).click();
  const archive = info.outputPath('libvirt-devel-el8.tar.gz');
  mkdirSync(info.outputDir, { recursive: true });
  execFileSync('tar', ['-czf', archive, '-C', join(REPODATA, 'fedora32-el8-closures-bazeldnf/libvirt-devel-el8'), 'repodata']);
  await page.getByLabel('Choose repository files or an archive').setInputFiles(archive);
  await waitForAnswer(page);
  await resolveInPage(page, { specs: ['libvirt-devel'], weakDeps: false, best: false });
  expect(await answerLines(page)).toEqual(expected('fedora32-el8-closures-bazeldnf/libvirt-devel-el8', 'libvirt-devel.weak-off.txt'));
});

test('a mirror without CORS headers, a 404 and a corrupted file each get their own message, and nothing is cached', async ({ page }) => {
  await page.goto('/?mode=request&spec=bash');
  await waitForAnswer(page);
  const url = page.getByRole('textbox', { name: 'URL' });
  const alert = page.getByRole('region', { name: 'Repositories' }).getByRole('alert');

  await url.fill(`${FIXTURES_URL}nocors/centos-stream-9-baseos-2022/`);
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(alert).toContainText(/CORS|Access-Control-Allow-Origin/);
  await expect(alert).toContainText(/drop it here|bundled/i);

  await url.fill(`${FIXTURES_URL}no-such-repository/`);
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(alert).toContainText(/404|not found/i);

  const flipped = writeFlippedByteRepo();
  await url.fill(`${GENERATED_URL}${flipped}`);
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(alert).toContainText(/sha256 as downloaded is [0-9a-f]{64}, but repomd\.xml says/);

  await page.getByText(/^Cached metadata/).click();
  const cached = page.getByRole('list', { name: 'Cached repositories' });
  await expect(cached).not.toContainText('nocors');
  await expect(cached).not.toContainText('no-such-repository');
  await expect(cached).not.toContainText('flipped');
  // the worker keeps serving
  await resolveInPage(page, { specs: ['bash'], weakDeps: true, best: false });
  expect(await answerLines(page)).toEqual(expected('centos-stream-9-baseos-2022', 'bash.weak-on.txt'));
});

test('when the XML reader cannot be downloaded, loading XML says so and what to do, the bundled repository keeps answering, and a later load succeeds', async ({ page, context }) => {
  await context.route(/\/rpmmd-[^/]*\.wasm$/, (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto('/?mode=request&spec=bash');
  await waitForAnswer(page);
  const url = page.getByRole('textbox', { name: 'URL' });
  const alert = page.getByRole('region', { name: 'Repositories' }).getByRole('alert');
  await url.fill(`${FIXTURES_URL}fedora32-el8-closures-bazeldnf/bash-fc32/`);
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(alert).toContainText("XML metadata can't be parsed");
  await expect(alert).toContainText('HTTP 404');
  await expect(alert).toContainText('Check the connection and load the repository again');
  await resolveInPage(page, { specs: ['bash'], weakDeps: true, best: false });
  expect(await answerLines(page)).toEqual(expected('centos-stream-9-baseos-2022', 'bash.weak-on.txt'));

  await context.unroute(/\/rpmmd-[^/]*\.wasm$/);
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Loaded repositories' })).toContainText('bash-fc32');
});

test('a slow repository load shows its steps and bytes, and Cancel really stops the download', async ({ page }) => {
  await page.goto('/?mode=request&spec=bash');
  await waitForAnswer(page);
  await fetch(`${FIXTURES_URL}__log/reset`);
  const repos = page.getByRole('region', { name: 'Repositories', exact: true });
  await page.getByRole('textbox', { name: 'URL' }).fill(`${FIXTURES_URL}slow/debian-bookworm-as-rpmmd/`);
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  const loading = repos.getByRole('group', { name: /^Loading / });
  await expect(loading.getByRole('list', { name: 'Loading steps' })).toContainText('download');
  // bytes arrive and are counted against the size repomd.xml declares
  await expect(loading.getByRole('progressbar')).toHaveAccessibleName(/download [0-9a-f]+-primary\.xml\.gz: [\d.]+ (KiB|MiB) of 9\.9 MiB/);
  await loading.getByRole('button', { name: 'Cancel' }).click();
  await expect(repos.getByRole('status')).toContainText('was cancelled. Nothing of it was kept.');
  await expect(loading).toHaveCount(0);
  await expect(repos.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Loaded repositories' })).not.toContainText('debian');
  // the browser hung up on the server: the abort reached the network
  await expect.poll(async () => (await fixtureLog()).filter((p) => p.startsWith('closed-early:'))).toEqual([expect.stringMatching(/primary\.xml\.gz$/)]);
  // the page is ready for the next thing: the request still resolves against what is loaded
  await expect(page.locator('html')).toHaveAttribute('data-playground-state', 'ready');
});
