import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/wasm.ts';
import { answerLines, editor, replaceEditorText, shippedText, waitForAnswer } from './support.ts';

const KIWI_EDIT = (text: string) => text.replace('<package name="chrony"/>', '<package name="chrony"/>\n    <package name="tar"/>');

async function newProject(page: Page, name: string): Promise<string> {
  await page.getByRole('button', { name: 'Projects' }).click();
  const menu = page.getByRole('dialog', { name: 'Projects' });
  await menu.getByRole('button', { name: 'New project', exact: true }).click();
  await menu.getByRole('textbox', { name: 'Name of the new project' }).fill(name);
  await menu.getByRole('button', { name: 'Create' }).click();
  await expect(page).toHaveURL(/\?project=my%3A[0-9a-f]{8}$/);
  await waitForAnswer(page);
  await page.getByRole('button', { name: 'Projects' }).click();
  return page.url();
}

test('edit, close the page without warning, reopen: the edit is there', async ({ page, context }) => {
  await page.goto('/');
  await waitForAnswer(page);
  const url = await newProject(page, 'closed and reopened');
  await page.getByRole('combobox', { name: 'Image', exact: true }).selectOption('vm-base');
  await replaceEditorText(page, KIWI_EDIT(shippedText('base/images/vm-base/vm-base.kiwi')));
  await expect(page.getByRole('status').filter({ hasText: 'Your edits are kept in this browser.' })).toBeVisible();
  await page.close({ runBeforeUnload: false });

  const again = await context.newPage();
  await again.goto(url);
  await waitForAnswer(again);
  await expect(again.getByRole('heading', { name: /closed and reopened/ })).toBeVisible();
  await expect(editor(again)).toContainText('<package name="tar"/>');
  expect((await answerLines(again)).some((l) => l.startsWith('tar-'))).toBe(true);
});

test('two tabs on one project warn, and the first can take what the second saved', async ({ page, context }) => {
  await page.goto('/');
  await waitForAnswer(page);
  const url = await newProject(page, 'shared by two tabs');
  const second = await context.newPage();
  await second.goto(url);
  await waitForAnswer(second);
  for (const p of [page, second]) await expect(p.getByRole('alert', { name: 'Open in another tab' })).toContainText('also open in another tab');

  await second.getByRole('combobox', { name: 'Image', exact: true }).selectOption('vm-base');
  await replaceEditorText(second, KIWI_EDIT(shippedText('base/images/vm-base/vm-base.kiwi')));
  await expect(page.getByRole('alert', { name: 'Open in another tab' })).toContainText('Another tab saved newer edits of this project');
  await page.getByRole('button', { name: "Load the other tab's version" }).click();
  await waitForAnswer(page);
  await page.getByRole('combobox', { name: 'Image', exact: true }).selectOption('vm-base');
  await expect(editor(page)).toContainText('<package name="tar"/>');

  await second.close();
  await expect(page.getByRole('alert', { name: 'Open in another tab' })).toHaveCount(0);
});

test('a project downloads as a .zip that opens again as a new project; duplicate, rename, delete; a folder opens too', async ({ page }, info) => {
  await page.goto('/');
  await waitForAnswer(page);
  await newProject(page, 'zipped');
  await page.getByRole('button', { name: 'Projects' }).click();
  const menu = page.getByRole('dialog', { name: 'Projects' });
  const [download] = await Promise.all([page.waitForEvent('download'), menu.getByRole('button', { name: 'Download as .zip' }).click()]);
  expect(download.suggestedFilename()).toBe('zipped.zip');
  const zip = join(info.outputDir, 'zipped.zip');
  await download.saveAs(zip);
  const zippedUrl = page.url();
  await menu.getByLabel('Open a .zip', { exact: true }).setInputFiles(zip);
  await expect(page).not.toHaveURL(zippedUrl);
  await expect(page).toHaveURL(/\?project=my%3A/);
  await waitForAnswer(page);
  expect((await answerLines(page)).length).toBeGreaterThan(100);
  await expect(menu.getByRole('list', { name: 'Your projects' }).getByRole('button')).toHaveText(['zipped', 'zipped']);

  await menu.getByRole('button', { name: 'Rename', exact: true }).click();
  await menu.getByRole('textbox', { name: 'New name' }).fill('from the zip');
  await menu.getByRole('button', { name: 'Rename', exact: true }).last().click();
  await expect(menu.getByRole('list', { name: 'Your projects' })).toContainText('from the zip');
  await menu.getByRole('button', { name: 'Duplicate' }).click();
  await waitForAnswer(page);
  await expect(menu.getByRole('list', { name: 'Your projects' })).toContainText('from the zip (copy)');
  await menu.getByRole('button', { name: 'Delete this project' }).click();
  await menu.getByRole('button', { name: /^Delete “from the zip \(copy\)” for good$/ }).click();
  await waitForAnswer(page);
  await expect(menu.getByRole('list', { name: 'Your projects' })).not.toContainText('(copy)');
  await expect(menu.getByRole('status')).toContainText('was deleted from this browser');

  const folder = join(info.outputDir, 'my-checkout');
  mkdirSync(folder, { recursive: true });
  cpSync(join(ROOT, 'public/examples/demo'), folder, { recursive: true });
  writeFileSync(join(folder, 'logo.png'), Buffer.from([0x89, 0x50, 0xff, 0xfe]));
  await menu.getByLabel('Open a folder', { exact: true }).setInputFiles(folder);
  await waitForAnswer(page);
  await expect(page.getByRole('heading', { name: /my-checkout/ })).toBeVisible();
  await expect(menu.getByRole('status')).toContainText('Left out: my-checkout/logo.png (not a UTF-8 text file)');
});
