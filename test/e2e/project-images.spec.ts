import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/wasm.ts';
import { answerLines, editor, openAnswerTab, replaceEditorText, waitForAnswer } from './support.ts';

// The playground opens on the bundled demo project; each of its images must resolve in the browser
// exactly as `azl-playground image` resolves it, and downloads must be the CLI's bytes.
const DEMO = join(ROOT, 'public/examples/demo');
const cli = (...args: string[]) => execFileSync('node', [join(ROOT, 'bin/azl-playground.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const images = cli('images', DEMO).split('\n').filter(Boolean);

test('the playground opens on the demo project, already resolved', async ({ page }) => {
  await page.goto('/');
  await waitForAnswer(page);
  await expect(page.getByRole('combobox', { name: 'Work on' })).toHaveValue('project');
  await expect(page.getByRole('combobox', { name: 'Image' })).toHaveValue('vm-base');
  await openAnswerTab(page, 'Overlays');
  await expect(page.getByRole('table', { name: 'Packages changed by overlays' })).toContainText('openssh-server-8.7p1-7.el9.x86_64');
  expect((await answerLines(page)).length).toBeGreaterThan(100);
});

test('every demo image resolves in the browser as the CLI resolves it', async ({ page }) => {
  expect(images.length).toBeGreaterThanOrEqual(3);
  await page.goto('/');
  await waitForAnswer(page);
  for (const image of images) {
    await page.getByRole('combobox', { name: 'Image' }).selectOption(image);
    await waitForAnswer(page);
    const expected = cli('image', DEMO, '--image', image, '--format', 'nevra').split('\n').filter(Boolean);
    expect(await answerLines(page), image).toEqual(expected);
  }
});

test('downloads are byte-identical to the CLI output', async ({ page }, info) => {
  await page.goto('/');
  await waitForAnswer(page);
  await openAnswerTab(page, 'Exports');
  const formats = [
    ['Manifest (JSON)', 'manifest'],
    ['SPDX 2.3', 'spdx'],
    ['CycloneDX 1.6', 'cyclonedx'],
    ['Kickstart', 'kickstart'],
    ['KIWI packages', 'kiwi'],
    ['NEVRA list', 'nevra'],
  ] as const;
  for (const [label, format] of formats) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('group', { name: 'Downloads' }).getByRole('button', { name: `Download ${label}` }).click()]);
    const path = info.outputPath(download.suggestedFilename());
    await download.saveAs(path);
    const expected = cli('image', DEMO, '--image', 'vm-base', '--format', format);
    expect(readFileSync(path, 'utf8'), format).toBe(expected);
    // the preview beside the button shows the same bytes (its first lines)
    await page.getByRole('button', { name: `Preview ${label}` }).click();
    await expect(page.getByLabel(`Preview of ${label}`)).toContainText(expected.split('\n').slice(0, 3).join('\n'));
  }
});

test('an edit to an overlay changes the resolved image, and a broken file is reported with its line', async ({ page }) => {
  await page.goto('/');
  await waitForAnswer(page);
  // sudo's Release is bumped by azldev's release calculation ("auto") after its overlay.
  expect(await answerLines(page)).toContain('sudo-1.9.5p2-8.el9.x86_64');
  await page.getByRole('button', { name: 'base/comps/sudo/sudo.comp.toml' }).click();
  const original = readFileSync(join(DEMO, 'base/comps/sudo/sudo.comp.toml'), 'utf8');
  await expect(editor(page)).toHaveAccessibleName('Editing base/comps/sudo/sudo.comp.toml');
  await replaceEditorText(page, original.replace(/\]\s*$/, '').concat('\n[broken'));
  await expect(page.getByRole('list', { name: 'Problems in this file' })).toContainText('base/comps/sudo/sudo.comp.toml:');
  await replaceEditorText(page, original);
  await waitForAnswer(page);
  await expect(page.getByRole('list', { name: 'Problems in this file' })).toHaveCount(0);
});

test('"why" explains a package of the image build', async ({ page }) => {
  await page.goto('/');
  await waitForAnswer(page);
  const answer = page.getByRole('region', { name: 'Answer' });
  await openAnswerTab(page, 'Packages');
  await answer.getByRole('searchbox', { name: 'Filter packages' }).fill('openssh-server');
  await answer.getByRole('row', { name: /^openssh-server-8\.7p1-7\.el9/ }).click();
  const why = page.getByRole('region', { name: /^Why openssh-server/ });
  // the shortest chain starts at the KIWI line that asks for it, one click from the editor
  await why.getByRole('list', { name: 'Shortest chain' }).getByRole('button', { name: 'base/images/vm-base/vm-base.kiwi:35' }).click();
  await expect(editor(page)).toHaveAccessibleName('Editing base/images/vm-base/vm-base.kiwi');
  // libsolv's decisions come from the image build's own pool: they end in the job that asked for the package
  await why.getByText(/^libsolv's decisions/).click();
  await expect(why.getByRole('list', { name: "libsolv's decisions" }).getByRole('listitem').last()).toContainText(/job install|requires/);
  await expect(page.getByRole('region', { name: 'Answer' })).not.toContainText('is not part of the last result');
});

test('a kickstart image shows what the installer adds as its own layer', async ({ page }) => {
  await page.goto('/?image=cloud-base');
  await waitForAnswer(page);
  await expect(page.getByRole('combobox', { name: 'Image' })).toHaveValue('cloud-base');
  await openAnswerTab(page, 'Exports');
  await page.getByText(/^What the image asks for/).click();
  const layers = page.getByLabel('Request layers');
  await expect(layers).toContainText('added by the installer');
  await expect(layers).toContainText('@core');
  await expect(layers).toContainText('openssh-server');
});
