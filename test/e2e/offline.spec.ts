import { expect, test } from '@playwright/test';
import { FIXTURES_URL } from '../../playwright.config.ts';
import { answerLines, waitForAnswer } from './support.ts';

test('with the network off, a reload opens the playground, the demo resolves and a cached repository still works', async ({ page, context }) => {
  const repoUrl = `${FIXTURES_URL}fedora32-el8-closures-bazeldnf/bash-fc32/`;
  const requestQuery = `/?repo=${encodeURIComponent(`repo1=${repoUrl}`)}&spec=bash&best=0`;
  await page.goto('/');
  await waitForAnswer(page);
  const demo = await answerLines(page);
  expect(demo.length).toBeGreaterThan(100);
  // the service worker is installed once everything is precached
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.goto(requestQuery);
  await waitForAnswer(page);
  const online = await answerLines(page);
  expect(online.some((l) => l.startsWith('bash-'))).toBe(true);

  await context.setOffline(true);
  await page.reload();
  await waitForAnswer(page);
  expect(await answerLines(page)).toEqual(online);
  await expect(page.getByRole('list', { name: 'Loaded repositories' })).toContainText('from cache');
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  await page.goto('/');
  await waitForAnswer(page);
  await expect(page.locator('html')).toHaveAttribute('data-playground-state', 'ready');
  expect(await answerLines(page)).toEqual(demo);
  // the embed page works offline too
  await page.goto('/embed.html?project=demo&image=toolbox');
  await expect(page.locator('html')).toHaveAttribute('data-playground-state', 'ready');
  await expect(page.getByRole('list', { name: 'Packages' })).toContainText('rsync-');
  await context.setOffline(false);
});
