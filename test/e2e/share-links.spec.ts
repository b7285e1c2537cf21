import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { answerLines, editor, replaceEditorText, shippedText, waitForAnswer } from './support.ts';

const fixtures = JSON.parse(readFileSync(new URL('../unit/share/fixtures/links-v1.json', import.meta.url), 'utf8')) as {
  links: { name: string; hash: string; expect: { image: string }; contains?: string; metadataDiffers?: boolean }[];
};

async function makeLink(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Share' }).click();
  const link = page.getByRole('dialog', { name: 'Share' }).getByRole('textbox', { name: /^Link to this project/ });
  await expect(link).toHaveValue(/#v1\//);
  const url = await link.inputValue();
  await page.getByRole('button', { name: 'Share' }).click();
  return url;
}

test('a link made in one browser context opens identically in a fresh one', async ({ page, browser }) => {
  await page.goto('/');
  await waitForAnswer(page);
  // the whole shipped file: the editor draws only the lines in view
  await replaceEditorText(page, shippedText('base/images/vm-base/vm-base.kiwi').replace('<package name="chrony"/>', '<package name="chrony"/>\n    <package name="tar"/>'));
  await expect.poll(async () => (await answerLines(page)).some((l) => l.startsWith('tar-'))).toBe(true);
  const url = await makeLink(page);
  expect(url.length).toBeLessThan(8000);
  const lines = await answerLines(page);

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(url);
  await waitForAnswer(other);
  await expect(other.getByRole('region', { name: 'Opened from a share link' })).toContainText('1 file changed');
  expect(await answerLines(other)).toEqual(lines);
  await expect(editor(other)).toContainText('<package name="tar"/>');
  // the same project gives the same link, byte for byte
  expect(await makeLink(other)).toBe(url);
  await fresh.close();
});

for (const fixture of fixtures.links) {
  test(`the kept link ${fixture.name} still opens`, async ({ page }) => {
    await page.goto(`/${fixture.hash}`);
    await waitForAnswer(page);
    await expect(page.locator('html')).toHaveAttribute('data-playground-state', 'ready');
    await expect(page.getByRole('combobox', { name: 'Image', exact: true })).toHaveValue(fixture.expect.image);
    await expect(page.getByRole('region', { name: 'Opened from a share link' })).toBeVisible();
    if (fixture.contains) expect((await answerLines(page)).some((l) => l.startsWith(fixture.contains!))).toBe(true);
    await expect(page.getByRole('status', { name: 'Metadata differs from the link' })).toHaveCount(fixture.metadataDiffers ? 1 : 0);
  });
}

test('a damaged link opens the demo with a message', async ({ page }) => {
  await page.goto(`/${fixtures.links[0]!.hash.slice(0, 60)}`);
  await expect(page.getByRole('alert')).toContainText('This share link is damaged');
  await waitForAnswer(page);
  await expect(page.getByRole('combobox', { name: 'Image', exact: true })).toHaveValue('vm-base');
  expect((await answerLines(page)).length).toBeGreaterThan(100);
  await expect(page.getByRole('region', { name: 'Opened from a share link' })).toHaveCount(0);
});

test('a link from a newer version says so and opens the demo', async ({ page }) => {
  await page.goto('/#v7/H4sIAAAAAAAAA');
  await expect(page.getByRole('alert')).toContainText('format v7');
  await waitForAnswer(page);
  await expect(page.getByRole('combobox', { name: 'Image', exact: true })).toHaveValue('vm-base');
});
