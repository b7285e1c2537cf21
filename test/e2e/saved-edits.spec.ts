import { expect, test } from '@playwright/test';
import { answerLines, editor, replaceEditorText, shippedText, waitForAnswer } from './support.ts';

// Edits are kept in IndexedDB: a reload opens the project as the user left it, and saying so;
// discarding goes back to the project as shipped.
test('edits survive a reload and can be discarded', async ({ page }) => {
  await page.goto('/');
  await waitForAnswer(page);
  const shipped = shippedText('base/images/vm-base/vm-base.kiwi');
  await replaceEditorText(page, shipped.replace('<package name="chrony"/>', '<package name="chrony"/>\n    <package name="tar"/>'));
  await expect(page.getByRole('status').filter({ hasText: 'Your edits are kept in this browser.' })).toBeVisible();
  await expect.poll(async () => (await answerLines(page)).some((l) => l.startsWith('tar-'))).toBe(true);

  await page.reload();
  await waitForAnswer(page);
  await expect(page.getByRole('status').filter({ hasText: 'were restored' })).toBeVisible();
  await expect(editor(page)).toContainText('<package name="tar"/>');
  expect((await answerLines(page)).some((l) => l.startsWith('tar-'))).toBe(true);

  await page.getByRole('button', { name: 'Discard my edits' }).click();
  await expect(editor(page)).not.toContainText('<package name="tar"/>');
  await expect(editor(page)).toContainText('<package name="chrony"/>');
  await expect(page.getByRole('status').filter({ hasText: 'were restored' })).toHaveCount(0);
  await expect.poll(async () => (await answerLines(page)).some((l) => l.startsWith('tar-'))).toBe(false);

  await page.reload();
  await waitForAnswer(page);
  await expect(editor(page)).toContainText('<package name="chrony"/>');
  await expect(editor(page)).not.toContainText('<package name="tar"/>');
  await expect(page.getByRole('status').filter({ hasText: 'were restored' })).toHaveCount(0);
});
