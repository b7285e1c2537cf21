import { expect, test } from '@playwright/test';
import { answerLines, waitForAnswer } from './support.ts';

/** Adds `tar` to the open KIWI description in the editor, as a user would. */
async function addTar(page: import('@playwright/test').Page): Promise<void> {
  const editor = page.getByRole('textbox', { name: /^Editing/ });
  const shipped = await editor.inputValue();
  await editor.fill(shipped.replace('<package name="chrony"/>', '<package name="chrony"/>\n    <package name="tar"/>'));
  await expect(page.getByRole('status').filter({ hasText: 'Your edits are kept in this browser.' })).toBeVisible();
  await expect.poll(async () => (await answerLines(page)).some((l) => l.startsWith('tar-'))).toBe(true);
}

async function expectTarRestored(page: import('@playwright/test').Page): Promise<void> {
  await waitForAnswer(page);
  await expect(page.getByRole('status').filter({ hasText: 'were restored' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: /^Editing/ })).toHaveValue(/<package name="tar"\/>/);
}

test('an IndexedDB write that fails in the middle loses no edit: the reload restores it from the journal', async ({ page }) => {
  // Until the test says otherwise, every put into the edits store starts and then has its transaction aborted.
  await page.addInitScript(() => {
    if (sessionStorage.getItem('azl-test-storage-healthy')) return;
    const original = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      const request = original.apply(this, args);
      if (this.name === 'edits') this.transaction.abort();
      return request;
    };
  });
  await page.goto('/');
  await waitForAnswer(page);
  await addTar(page);
  const journal = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('azl-playground-edits:')));
  expect(journal).toEqual(['azl-playground-edits:demo']);
  const stored = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('azl-playground-projects');
        open.onsuccess = () => {
          const count = open.result.transaction('edits').objectStore('edits').count();
          count.onsuccess = () => resolve(count.result);
        };
      }),
  );
  expect(stored).toBe(0);
  await page.evaluate(() => sessionStorage.setItem('azl-test-storage-healthy', '1'));
  await page.reload();
  await expectTarRestored(page);
});

// An init script reaches the page, not its workers, so here only the page (the edit store) lacks IndexedDB;
// the worker's repository cache without IndexedDB is covered in test/unit/repo/repo-cache.test.ts.
test('with IndexedDB unavailable to the page (private mode) it works and keeps edits across a reload', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
  });
  await page.goto('/');
  await waitForAnswer(page);
  await expect(page.locator('html')).toHaveAttribute('data-playground-state', 'ready');
  await addTar(page);
  expect(await page.evaluate(() => Object.keys(localStorage))).toContain('azl-playground-edits:demo');
  await page.reload();
  await expectTarRestored(page);
});

test('two tabs open at once share the databases, and both come up', async ({ context }) => {
  const [a, b] = [await context.newPage(), await context.newPage()];
  await Promise.all([a.goto('/'), b.goto('/')]);
  await Promise.all([waitForAnswer(a), waitForAnswer(b)]);
  await expect(a.locator('html')).toHaveAttribute('data-playground-state', 'ready');
  await expect(b.locator('html')).toHaveAttribute('data-playground-state', 'ready');
});
