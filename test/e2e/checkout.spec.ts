import { expect, test, type Locator, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { TextReader, Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT } from '../support/wasm.ts';
import { openAnswerTab, waitForAnswer } from './support.ts';

// A checkout folder chosen in Chromium: the demo project plus 20,000 rendered-spec files the config
// never names, and, for sudo, the spec azldev would commit (written by the CLI's render).
const DEMO = join(ROOT, 'public/examples/demo');
const CLUTTER = 20_000;
let dir = '';

test.beforeAll(() => {
  const root = mkdtempSync(join(tmpdir(), 'azl-e2e-checkout-'));
  dir = join(root, 'azurelinux');
  cpSync(DEMO, dir, { recursive: true });
  addClutter(dir, CLUTTER);
  const out = join(root, 'render');
  execFileSync('node', [join(ROOT, 'bin/azl-playground.mjs'), 'render', DEMO, '--component', 'sudo', '--sources', join(DEMO, 'base/comps/sudo'), '--out', out], { cwd: ROOT, stdio: 'pipe' });
  mkdirSync(join(dir, 'specs/s/sudo'), { recursive: true });
  writeFileSync(join(dir, 'specs/s/sudo/sudo.spec'), readFileSync(join(out, 'sudo.spec')));
});

/** Opens TREE (a folder path, or a .zip as bytes) through the Projects menu, waits for the checkout to be read, and shows the Overlays view. */
async function openFromMenu(page: Page, tree: string | { name: string; mimeType: string; buffer: Buffer }): Promise<Locator> {
  await page.getByRole('button', { name: 'Projects' }).click();
  const menu = page.getByRole('dialog', { name: 'Projects' });
  await menu.getByLabel(typeof tree === 'string' ? 'Open a folder' : 'Open a .zip', { exact: true }).setInputFiles(tree);
  const reading = menu.getByRole('status', { name: 'Checkout reading' });
  await expect(reading).toHaveText(/^Read \d+ of \d+ listed files$/, { timeout: 60_000 });
  await expect(menu).toContainText('is open in place as a checkout');
  await page.getByRole('button', { name: 'Projects' }).click();
  await openAnswerTab(page, 'Overlays');
  return reading;
}

/** CLUTTER rendered-spec files under TREE/specs that no config names (they make the tree too big to keep as a project). */
function addClutter(tree: string, clutter: number): void {
  for (let i = 0; i < clutter; i += 1) {
    const path = join(tree, 'specs', `p${i % 100}`, `pkg${i}`, `pkg${i}.spec`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `Name: pkg${i}\n`);
  }
}

test.afterAll(() => {
  if (dir) rmSync(dirname(dir), { recursive: true, force: true });
});

test('a checkout folder loads with progress, and a component\'s spec is read only when the Overlays view shows it', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await waitForAnswer(page);
  const reading = await openFromMenu(page, dir);
  const checkout = page.getByRole('region', { name: 'Checkout' });
  await expect(page.getByRole('list', { name: 'Project files' })).toContainText('base/comps/sudo/sudo.comp.toml');

  const overlays = page.getByRole('region', { name: 'Overlays', exact: true });
  await expect(overlays).toHaveAttribute('aria-busy', 'false');
  await expect(overlays.getByRole('combobox', { name: 'Component' })).toHaveValue('chrony');
  await expect(overlays.getByTestId('overlay-summary')).toHaveText('3 applied');
  // chrony, shown first, is read; sudo's spec is not, until sudo is shown.
  // The menu keeps the count; it is read with the menu closed, from the DOM it leaves behind when open.
  const count = async () => {
    await page.getByRole('button', { name: 'Projects' }).click();
    const n = Number(/^Read (\d+)/.exec((await reading.textContent()) ?? '')?.[1]);
    await page.getByRole('button', { name: 'Projects' }).click();
    return n;
  };
  const before = await count();
  expect(before).toBeLessThan(60);

  await overlays.getByRole('combobox', { name: 'Component' }).selectOption('sudo');
  await expect(overlays.getByTestId('overlay-summary')).toHaveText('3 applied');
  await expect.poll(count).toBeGreaterThan(before);
  // Our render is the one the checkout commits (the CLI wrote it there).
  await expect(checkout.getByTestId('render-comparison')).toHaveText('Identical to specs/s/sudo/sudo.spec, the spec azldev rendered and the checkout commits.');
  expect(await count()).toBeLessThan(70);
});

test('an upstream spec comes from dist-git where the server allows a page to read it, else from a dropped file', async ({ page }) => {
  test.setTimeout(180_000);
  const root = mkdtempSync(join(tmpdir(), 'azl-e2e-upstream-'));
  const tree = join(root, 'azurelinux');
  cpSync(DEMO, tree, { recursive: true });
  addClutter(tree, 5001);
  const commit = '0123456789abcdef0123456789abcdef01234567';
  for (const name of ['hello', 'world']) {
    mkdirSync(join(tree, 'base/comps', name), { recursive: true });
    writeFileSync(
      join(tree, 'base/comps', name, `${name}.comp.toml`),
      `[components.${name}]\nspec = { type = "upstream", upstream-commit = "${commit}" }\n[[components.${name}.overlays]]\ndescription = "Provide the greeting"\ntype = "spec-add-tag"\ntag = "Provides"\nvalue = "greeting"\n`,
    );
  }
  const spec = (name: string) => `Name: ${name}\nVersion: 1\nRelease: 1%{?dist}\nSummary: s\nLicense: MIT\n%description\nd\n%files\n`;
  // A dist-git stand-in: /nocors/ answers without Access-Control-Allow-Origin, /cors/ with it.
  const server = createServer((req, res) => {
    const name = /\/(hello|world)\//.exec(req.url ?? '')?.[1] ?? 'x';
    res.writeHead(200, { 'content-type': 'text/plain', ...(req.url?.startsWith('/cors/') ? { 'access-control-allow-origin': '*' } : {}) }).end(spec(name));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    await page.goto('/');
    await waitForAnswer(page);
    await openFromMenu(page, tree);
    const checkout = page.getByRole('region', { name: 'Checkout' });
    const overlays = page.getByRole('region', { name: 'Overlays', exact: true });
    const component = overlays.getByRole('combobox', { name: 'Component' });

    await component.selectOption('hello');
    await expect(overlays).toContainText('its spec base/comps/hello/hello.spec is not in the project');
    await checkout.getByLabel('Dist-git URL template').fill(`${base}/nocors/{name}/{commit}.spec`);
    await checkout.getByRole('button', { name: 'Fetch the upstream spec of hello' }).click();
    await expect(checkout.getByRole('status', { name: 'Upstream spec status' })).toContainText('the server sends no CORS header (Access-Control-Allow-Origin)');
    await checkout.getByLabel('Or drop the upstream spec of hello').setInputFiles({ name: 'hello.spec', mimeType: 'text/plain', buffer: Buffer.from(spec('hello')) });
    await expect(checkout.getByRole('status', { name: 'Upstream spec status' })).toHaveText('taken from hello.spec');
    await expect(overlays.getByTestId('overlay-summary')).toHaveText('3 applied');

    await component.selectOption('world');
    await expect(overlays).toContainText('its spec base/comps/world/world.spec is not in the project');
    await checkout.getByLabel('Dist-git URL template').fill(`${base}/cors/{name}/{commit}.spec`);
    await checkout.getByRole('button', { name: 'Fetch the upstream spec of world' }).click();
    await expect(checkout.getByRole('status', { name: 'Upstream spec status' })).toHaveText(`fetched at ${commit}`);
    await expect(overlays.getByTestId('overlay-summary')).toHaveText('3 applied');
  } finally {
    server.close();
    rmSync(root, { recursive: true, force: true });
  }
});

test('a checkout packed as a .zip opens the same way', async ({ page }) => {
  test.setTimeout(120_000);
  const writer = new ZipWriter(new Uint8ArrayWriter(), { useWebWorkers: false });
  const walk = async (at: string, rel: string): Promise<void> => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      if (entry.isDirectory()) await walk(join(at, entry.name), `${rel}${entry.name}/`);
      else await writer.add(`azurelinux/${rel}${entry.name}`, new Uint8ArrayReader(readFileSync(join(at, entry.name))));
    }
  };
  await walk(DEMO, '');
  // More files than a project kept in the browser may hold: the archive opens in place.
  for (let i = 0; i < 5001; i += 1) await writer.add(`azurelinux/specs/p/pkg${i}/pkg${i}.spec`, new TextReader(`Name: pkg${i}\n`));
  const zip = await writer.close();
  await page.goto('/');
  await waitForAnswer(page);
  await openFromMenu(page, { name: 'azurelinux.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
  const overlays = page.getByRole('region', { name: 'Overlays', exact: true });
  await overlays.getByRole('combobox', { name: 'Component' }).selectOption('sudo');
  await expect(overlays.getByTestId('overlay-summary')).toHaveText('3 applied');
  await expect(page.getByRole('region', { name: 'Checkout' })).toContainText('The checkout has no rendered spec at specs/s/sudo/sudo.spec.');
});
