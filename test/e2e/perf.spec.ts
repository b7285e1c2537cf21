import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES_URL } from '../../playwright.config.ts';
import { REPODATA } from '../support/wasm.ts';
import { resolveInPage, waitForAnswer } from './support.ts';

// What the page feels like: nothing moves after the first paint, and the main thread stays free
// while the resolver works. (Speeds are measured by `npm run bench`; these are bounds the issue sets.)

for (const [w, h] of [
  [1440, 900],
  [390, 844],
] as const) {
  test(`first open shifts the layout by less than 0.05 (CLS), ${w}×${h}`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    await page.addInitScript(() => {
      const record = window as unknown as { __shifts: { value: number; sources: string[] }[] };
      record.__shifts = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean; sources?: { node?: Node }[] }[]) {
          if (!entry.hadRecentInput) record.__shifts.push({ value: entry.value, sources: (entry.sources ?? []).map((s) => (s.node instanceof Element ? s.node.outerHTML.slice(0, 80) : String(s.node?.nodeName))) });
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('data-playground-result', 'ok');
    // the editor and the answer views load after the first answer: wait for them too
    await expect(page.getByRole('textbox', { name: /^Editing/ })).toBeAttached();
    await page.waitForTimeout(1500);
    const shifts = await page.evaluate(() => (window as unknown as { __shifts: { value: number; sources: string[] }[] }).__shifts);
    const cls = shifts.reduce((n, s) => n + s.value, 0);
    test.info().annotations.push({ type: 'CLS', description: cls.toFixed(4) });
    expect(cls, JSON.stringify(shifts, null, 1)).toBeLessThan(0.05);
  });
}

test('no long task over 50 ms on the main thread while the 63k-package repository re-solves', async ({ page }) => {
  test.setTimeout(600_000);
  // Known gap, kept visible: a result of thousands of packages still costs the main thread one task of
  // 100–400 ms (its structured clone from the worker, the table's rows); when that is fixed this test
  // passes, Playwright reports the expected failure as an error, and this line goes.
  test.fail(true, 'main-thread long tasks of 100–400 ms remain while a 3500-package answer arrives');
  const repo = `${FIXTURES_URL}debian-bookworm-as-rpmmd/`;
  const specs = readFileSync(join(REPODATA, 'debian-bookworm-as-rpmmd/libsolv-expected/all-desktop-tasks.spec'), 'utf8').split('\n').filter(Boolean);
  await page.goto(`/?repo=deb=${encodeURIComponent(repo)}&spec=bash`);
  await waitForAnswer(page, 300_000);
  await expect(page.getByRole('list', { name: 'Loaded repositories' })).toContainText(/6\d{4} packages/);
  await page.evaluate(() => {
    const record = window as unknown as { __long: number[] };
    record.__long = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) record.__long.push(entry.duration);
    }).observe({ type: 'longtask' });
  });
  // three re-solves of a large request (thousands of packages come back), each with its table
  for (const job of [specs.slice(0, 10), specs.slice(10, 40), specs]) {
    await resolveInPage(page, { specs: job, weakDeps: true, best: false });
    await expect(page.locator('html')).toHaveAttribute('data-playground-result', 'ok');
  }
  const long = await page.evaluate(() => (window as unknown as { __long: number[] }).__long);
  expect(Math.max(0, ...long), `long tasks: ${long.map((d) => d.toFixed(0)).join(', ')} ms`).toBeLessThanOrEqual(50);
});
