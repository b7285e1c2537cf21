import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPODATA } from '../support/wasm.ts';
import { answerLines, waitForAnswer } from './support.ts';

const bashExpected = readFileSync(join(REPODATA, 'centos-stream-9-baseos-2022/libsolv-expected/bash.weak-on.txt'), 'utf8').split('\n').filter(Boolean);

// debugTrap=solve is the test hook of wasm/src/faults.c: the worker's first solve traps inside libsolv.
test('a trap inside libsolv: the worker rebuilds the instance from the cached .solv, retries once and tells the user', async ({ page }) => {
  await page.goto('/?mode=request&spec=bash&best=0&debugTrap=solve');
  await waitForAnswer(page);
  const banner = page.getByRole('alert').filter({ hasText: 'The resolver crashed and was rebuilt from the cached repositories.' });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('The answer shown is from one retry');
  expect(await answerLines(page)).toEqual(bashExpected);
  // the next solve runs on the rebuilt instance, without a notice
  await page.getByRole('button', { name: 'Resolve now' }).click();
  await waitForAnswer(page);
  await expect(banner).toHaveCount(0);
  expect(await answerLines(page)).toEqual(bashExpected);
});

test('a trap while building an image: the build is retried once on the rebuilt instance and the user told', async ({ page }) => {
  await page.goto('/?debugTrap=solve');
  await waitForAnswer(page);
  await expect(page.locator('html')).toHaveAttribute('data-playground-state', 'ready');
  await expect(page.getByRole('alert').filter({ hasText: 'The resolver crashed and was rebuilt from the cached repositories.' })).toBeVisible();
  expect((await answerLines(page)).some((l) => l.startsWith('chrony-'))).toBe(true);
});

// resolverMemory=MiB caps the resolver's linear memory (wasm/src/faults.c): the bundled BaseOS pack's .solv needs more than 4 MiB.
test('out of memory in the wasm instance is reported as such, with what to do', async ({ page }) => {
  await page.goto('/?mode=request&spec=bash&best=0&resolverMemory=4');
  await expect(page.locator('html')).toHaveAttribute('data-playground-state', /ready|error/);
  const alert = page.getByRole('alert').filter({ hasText: 'ran out of memory' }).first();
  await expect(alert).toContainText('the resolver ran out of memory (its limit is 4 MiB)');
  await expect(alert).toContainText('Load fewer or smaller repositories');
});
