import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { answerLines, editor, editorText, replaceEditorText, shippedText, waitForAnswer } from './support.ts';

const KIWI_EDIT = (text: string) => text.replace('<package name="chrony"/>', '<package name="chrony"/>\n    <package name="tar"/>');

/** Adds `tar` to the demo's vm-base KIWI description in the editor, as a user would. */
async function addTar(page: Page): Promise<void> {
  await replaceEditorText(page, KIWI_EDIT(shippedText('base/images/vm-base/vm-base.kiwi')));
  await expect(page.getByRole('status').filter({ hasText: 'Your edits are kept in this browser.' })).toBeVisible();
  await expect.poll(async () => (await answerLines(page)).some((l) => l.startsWith('tar-'))).toBe(true);
}

async function expectTarRestored(page: Page): Promise<void> {
  await waitForAnswer(page);
  await expect(page.getByRole('status').filter({ hasText: 'were restored' })).toBeVisible();
  await expect(editor(page)).toContainText('<package name="tar"/>');
}

/** Every put into the edits store of CONTEXT's pages starts, then has its transaction aborted: each IndexedDB save fails half way. */
async function abortEditWrites(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const original = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      const request = original.apply(this, args);
      if (this.name === 'edits') this.transaction.abort();
      return request;
    };
  });
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

test("a project of the user's is kept through IndexedDB writes that all fail, and an edit typed just before the tab closes is there on reopening", async ({ page, context }) => {
  await abortEditWrites(context);
  await page.goto('/');
  await waitForAnswer(page);
  await page.getByRole('button', { name: 'Projects' }).click();
  const menu = page.getByRole('dialog', { name: 'Projects' });
  await menu.getByRole('button', { name: 'New project', exact: true }).click();
  await menu.getByRole('textbox', { name: 'Name of the new project' }).fill('kept in the journal');
  await menu.getByRole('button', { name: 'Create' }).click();
  await expect(page).toHaveURL(/\?project=my%3A[0-9a-f]{8}$/);
  await waitForAnswer(page);
  const url = page.url();
  await page.getByRole('combobox', { name: 'Image', exact: true }).selectOption('vm-base');
  await waitForAnswer(page);
  // typed, and the tab closed at once: only the pagehide flush can keep it (the debounced save never runs)
  await replaceEditorText(page, KIWI_EDIT(await editorText(page)));
  await page.close({ runBeforeUnload: false });

  const again = await context.newPage();
  await again.goto(url);
  await waitForAnswer(again);
  await expect(again.getByRole('heading', { name: /kept in the journal/ })).toBeVisible();
  await again.getByRole('combobox', { name: 'Image', exact: true }).selectOption('vm-base');
  await expect(editor(again)).toContainText('<package name="tar"/>');
  expect(await again.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('azl-playground-edits:my:')))).toHaveLength(1);
  await again.getByRole('button', { name: 'Projects' }).click();
  await expect(again.getByRole('dialog', { name: 'Projects' }).getByRole('list', { name: 'Your projects' })).toContainText('kept in the journal');
});

test("an example's edit typed just before the tab closes, while IndexedDB writes fail, is restored on reopening", async ({ page, context }) => {
  await abortEditWrites(context);
  await page.goto('/');
  await waitForAnswer(page);
  // the close comes before the debounced save; the flush on pagehide must reach the journal synchronously,
  // since an example's save first fingerprints the files (an asynchronous digest the closing page never finishes)
  await replaceEditorText(page, KIWI_EDIT(shippedText('base/images/vm-base/vm-base.kiwi')));
  await page.close({ runBeforeUnload: false });

  const again = await context.newPage();
  await again.goto('/');
  await expectTarRestored(again);
});
