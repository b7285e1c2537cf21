import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { answerLines } from './support.ts';

const EXPECTED = join(import.meta.dirname, '../../../shared/fixtures/repodata/centos-stream-9-baseos-2022/libsolv-expected');

test('first open resolves the default request from the bundled repository in a worker', async ({ page }) => {
  const states: string[] = [];
  await page.exposeFunction('recordState', (s: string) => states.push(s));
  await page.addInitScript(() => {
    // observe the document: the init script may run before <html> exists
    new MutationObserver(() => (window as unknown as { recordState: (s: string) => void }).recordState(document.documentElement.dataset.playgroundState ?? '')).observe(document, {
      attributes: true,
      subtree: true,
      attributeFilter: ['data-playground-state'],
    });
  });
  await page.goto('/?spec=bash&best=0');
  await expect(page.locator('html')).toHaveAttribute('data-playground-state', 'ready');
  await expect(page.getByRole('list', { name: 'Loaded repositories' })).toContainText('CentOS Stream 9 BaseOS');
  expect(await answerLines(page)).toEqual(readFileSync(join(EXPECTED, 'bash.weak-on.txt'), 'utf8').split('\n').filter(Boolean));
  expect(states).toContain('resolving');
  expect(states.at(-1)).toBe('ready');
  // solving happened in a worker: the page has one, and the main thread never fetched the XML itself
  expect(page.workers().length).toBeGreaterThanOrEqual(1);
});

test('clicking a package explains why it is there', async ({ page }) => {
  await page.goto('/?spec=bash');
  await expect(page.locator('html')).toHaveAttribute('data-playground-state', 'ready');
  await page.getByRole('row', { name: /^glibc-2\.34/ }).first().click();
  const why = page.getByRole('region', { name: /^Why glibc-2\.34/ });
  await expect(why).toContainText('job install bash');
});
