import { expect, test, type Locator } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_URL, DOCS_URL, THIRD_URL } from '../../playwright.config.ts';
import { ROOT } from '../support/wasm.ts';
import { answerLines, waitForAnswer } from './support.ts';

const DOCS_PAGE = `${DOCS_URL}docs-example.html?playground=${encodeURIComponent(APP_URL)}`;
const cli = (...args: string[]) => execFileSync(process.execPath, ['bin/azl-playground.mjs', 'image', 'public/examples/demo', ...args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

type Api = { call(method: string, params?: unknown): Promise<unknown> };
const call = (example: Locator, method: string, params?: unknown) => example.evaluate((el, [m, p]) => (el as unknown as Api).call(m as string, p), [method, params] as const);

test('docs-example.html on a second origin embeds two examples that answer getResult and getExport like the CLI', async ({ page }, info) => {
  const fetched: string[] = [];
  page.on('request', (r) => fetched.push(r.url()));
  await page.goto(DOCS_PAGE);
  const events = page.getByLabel('Events from the examples');
  await expect(events).toContainText(/vm-base resolved: \d+ packages/);
  await page.locator('#toolbox').scrollIntoViewIfNeeded();
  await expect(events).toContainText(/toolbox resolved: \d+ packages/);

  // the page's own round trip
  await page.getByRole('button', { name: 'Ask the VM example for its package set' }).click();
  await expect(page.getByLabel('Answer from the VM example')).toHaveText(/^vm-base: \d+ packages, [\d.]+ MiB installed; first \S+$/);

  const vm = page.locator('#vm-base');
  const result = (await call(vm, 'getResult')) as { image: string; packages: string[]; problems: null; totals: { count: number } };
  expect(result.image).toBe('vm-base');
  expect(result.problems).toBeNull();
  expect(result.packages).toEqual(cli('--image', 'vm-base', '--format', 'nevra').split('\n').filter(Boolean));
  expect(result.totals.count).toBe(result.packages.length);
  for (const format of ['manifest', 'kickstart'] as const) {
    const exported = (await call(vm, 'getExport', { format })) as { text: string };
    expect(exported.text, format).toBe(cli('--image', 'vm-base', '--format', format));
  }
  await expect(call(vm, 'getExport', { format: 'pdf' })).rejects.toThrow(/"format" must be one of/);

  // the inline images.toml of the second example is what it resolved
  const toolbox = page.locator('#toolbox');
  const inline = (await call(toolbox, 'getResult')) as { packages: string[] };
  expect(inline.packages.some((p) => p.startsWith('diffutils-'))).toBe(true);
  // setImage and setFiles edit the embed as a share payload does
  await call(toolbox, 'setImage', { image: 'cloud-base', profile: null });
  expect(((await call(toolbox, 'getResult')) as { image: string }).image).toBe('cloud-base');
  const packages = '%packages\nbash\nrsync\n%end\n';
  await call(toolbox, 'setFiles', { files: { 'base/images/kickstart/cloud-packages.ks': packages } });
  const edited = (await call(toolbox, 'getResult')) as { packages: string[] };
  const dir = join(info.outputDir, 'edited-demo');
  cpSync(join(ROOT, 'public/examples/demo'), dir, { recursive: true });
  writeFileSync(join(dir, 'base/images/kickstart/cloud-packages.ks'), packages);
  const expected = execFileSync(process.execPath, ['bin/azl-playground.mjs', 'image', dir, '--image', 'cloud-base', '--format', 'nevra'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  expect(edited.packages).toEqual(expected.split('\n').filter(Boolean));
  expect(edited.packages.some((p) => p.startsWith('rsync-'))).toBe(true);

  // frames are sized to their content by the resize events
  const height = await vm.locator('iframe').evaluate((f) => f.getBoundingClientRect().height);
  expect(height).toBeGreaterThan(150);
  // the second embed started from the metadata the first one cached: the pack was fetched once
  expect(fetched.filter((u) => u.endsWith('/packs/centos-stream-9-baseos-2022/repo.solv.gz'))).toHaveLength(1);
});

test('messages from a third origin get no answer', async ({ page, context }) => {
  const third = await context.newPage();
  await third.goto(`${THIRD_URL}third-origin.html`);
  await third.evaluate(() => {
    const w = window as unknown as { got: unknown[] };
    w.got = [];
    window.addEventListener('message', (e) => w.got.push(e.data));
  });
  // the third origin opens the docs page and posts to its embed directly
  const [docs] = await Promise.all([context.waitForEvent('page'), third.evaluate((url) => void ((window as unknown as { docs: Window | null }).docs = window.open(url)), DOCS_PAGE)]);
  await expect(docs!.getByLabel('Events from the examples')).toContainText(/vm-base resolved/);
  await docs!.evaluate(() => {
    const w = window as unknown as { replies: unknown[] };
    w.replies = [];
    window.addEventListener('message', (e) => (e.data as { id?: string })?.id === 'from-third' && w.replies.push(e.data));
  });
  await third.evaluate(() => {
    const docs = (window as unknown as { docs: Window }).docs;
    for (const method of ['getResult', 'getExport']) docs.frames[0]!.postMessage({ azl: 1, id: 'from-third', method, params: { format: 'manifest' } }, '*');
  });
  // and embeds the playground itself, claiming the docs origin as its host
  await third.evaluate((src) => {
    const frame = document.createElement('iframe');
    frame.src = src;
    frame.onload = () => setTimeout(() => frame.contentWindow!.postMessage({ azl: 1, id: 'from-third', method: 'getResult' }, '*'), 3000);
    document.body.append(frame);
  }, `${APP_URL}embed.html?project=demo&image=toolbox&host=${encodeURIComponent(DOCS_URL.replace(/\/$/, ''))}`);
  await expect(third.frameLocator('iframe').locator('html')).toHaveAttribute('data-playground-state', 'ready');
  await third.waitForTimeout(6000);
  expect(await third.evaluate(() => (window as unknown as { got: unknown[] }).got)).toEqual([]);
  expect(await docs!.evaluate(() => (window as unknown as { replies: unknown[] }).replies)).toEqual([]);
  // the same request from the docs origin is answered
  const answered = await docs!.locator('#vm-base').evaluate((el) => (el as unknown as Api).call('getResult'));
  expect((answered as { image: string }).image).toBe('vm-base');
  await page.close();
});

test('embed.html pins the colour scheme, shows the chosen view and links to the playground with the same state', async ({ page }) => {
  await page.goto(`/embed.html?project=demo&image=toolbox&view=manifest&theme=dark&editable=1&accent=%23ff0066`);
  await expect(page.locator('meta[name="color-scheme"]')).toHaveAttribute('content', 'dark');
  await expect(page.locator('html')).toHaveAttribute('data-playground-state', 'ready');
  // the playground's own dark palette (src/ui/palette.css), not a copy of it
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(18, 20, 23)');
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--accent'))).toBe('#ff0066');
  await expect(page.getByLabel('Manifest')).toContainText('"image"');
  const editor = page.getByRole('combobox', { name: 'File' });
  await editor.selectOption('base/images/images.toml');
  const text = page.getByRole('textbox', { name: /^Editing/ });
  await text.fill((await text.inputValue()).replace('"which"]', '"which", "diffutils"]'));
  await expect(page.getByLabel('Manifest')).toContainText('diffutils');
  const open = page.getByRole('link', { name: 'Open in playground ↗' });
  await expect(open).toHaveAttribute('href', /\?project=demo&image=toolbox#v1\//);
  await page.goto((await open.getAttribute('href'))!);
  await expect(page.locator('html')).toHaveAttribute('data-playground-state', 'ready');
  await expect(page.getByRole('combobox', { name: 'Image', exact: true })).toHaveValue('toolbox');
  await waitForAnswer(page);
  expect((await answerLines(page)).some((l) => l.startsWith('diffutils-'))).toBe(true);
});

test('the overlays and why views of an embed, and an example loaded on click', async ({ page }) => {
  await page.goto('/embed.html?project=demo&image=vm-base&view=overlays');
  await expect(page.getByRole('table', { name: 'Packages changed by overlays' })).toContainText('chrony-4.1-3.el9.x86_64');
  await page.goto('/embed.html?project=demo&image=vm-base&view=why');
  await page.getByRole('list', { name: 'Packages' }).getByRole('button', { name: /^openssh-server-8\.7p1-7\.el9/ }).click();
  const chain = page.getByRole('region', { name: /^Why openssh-server/ }).getByRole('list', { name: 'Shortest chain' });
  await expect(chain).toContainText('vm-base.kiwi');
  await expect(chain.getByRole('listitem').last()).toContainText('openssh-server-8.7p1-7.el9');

  // loading="click": nothing loads until the reader asks
  await page.goto('/docs-example.html');
  await page.evaluate(() => {
    const el = document.createElement('azl-playground-example');
    el.setAttribute('image', 'toolbox');
    el.setAttribute('loading', 'click');
    el.id = 'on-click';
    document.body.prepend(el);
  });
  const onClick = page.locator('#on-click');
  await expect(onClick.locator('iframe')).toHaveCount(0);
  await onClick.getByRole('button', { name: 'Load the toolbox example' }).click();
  const result = (await call(onClick, 'getResult')) as { image: string; packages: string[] };
  expect(result.image).toBe('toolbox');
  expect(result.packages.some((p) => p.startsWith('rsync-'))).toBe(true);
});
