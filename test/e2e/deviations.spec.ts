import { expect, test } from '@playwright/test';
import { editorText, openAnswerTab, waitForAnswer } from './support.ts';

test('the Deviations pane lists the demo overlays with their metadata, filters and sorts them, and shows the lint findings', async ({ page }) => {
  await page.goto('/');
  await waitForAnswer(page);
  await openAnswerTab(page, 'Deviations');
  const pane = page.getByRole('region', { name: 'Deviations from upstream' });
  const table = pane.getByRole('table', { name: 'Overlays' });
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(5);
  await expect(pane).toContainText('3 component(s) deviate: 5 overlay(s), 3 local spec(s)');
  await expect(pane.getByRole('list', { name: 'Lint findings' })).toContainText('openssh overlay 1 (spec-update-tag) has no metadata');

  await pane.getByRole('searchbox', { name: 'Filter overlays' }).fill('chrony');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText('azl-platform-adaptation');
  await pane.getByRole('searchbox', { name: 'Filter overlays' }).fill('');

  await table.getByRole('button', { name: 'Type' }).click();
  await expect(table.getByRole('columnheader', { name: 'Type' })).toHaveAttribute('aria-sort', 'ascending');
  await expect(rows.first()).toContainText('spec-add-tag');
  await table.getByRole('button', { name: 'Type' }).click();
  await expect(rows.first()).toContainText('spec-update-tag');

  // A click on an overlay's place opens its TOML file in the editor.
  await rows.filter({ hasText: 'visudo needs vi' }).getByRole('button', { name: 'line 6' }).click();
  await expect.poll(() => editorText(page)).toMatch(/visudo needs vi: require vim-minimal/);
});
