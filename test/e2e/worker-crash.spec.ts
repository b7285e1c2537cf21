import { expect, test, type Page, type Worker } from '@playwright/test';
import { answerLines, editor, openAnswerTab, replaceEditorText, shippedText, waitForAnswer } from './support.ts';

// A worker that dies (an uncaught error, as out-of-memory ends one) is replaced; the page says so,
// keeps the user's edits and does the work again. The crash is a real uncaught exception inside
// the worker, raised through Playwright's handle on it.
async function workerNamed(page: Page, pattern: RegExp): Promise<Worker> {
  await expect.poll(() => page.workers().some((w) => pattern.test(w.url()))).toBe(true);
  return page.workers().find((w) => pattern.test(w.url())) as Worker;
}

async function crash(worker: Worker): Promise<void> {
  await worker.evaluate(() => {
    setTimeout(() => {
      throw new Error('simulated out-of-memory');
    });
  });
}

test('a resolver worker that dies is restarted: the edit stays and the image is built again', async ({ page }) => {
  await page.goto('/');
  await waitForAnswer(page);
  await expect(editor(page)).toHaveAccessibleName('Editing base/images/vm-base/vm-base.kiwi');
  await replaceEditorText(page, shippedText('base/images/vm-base/vm-base.kiwi').replace('<package name="chrony"/>', '<package name="chrony"/>\n    <package name="tar"/>'));
  await expect.poll(async () => (await answerLines(page)).some((l) => l.startsWith('tar-'))).toBe(true);

  const before = await workerNamed(page, /resolver\.worker/);
  await crash(before);
  await expect(page.getByRole('alert')).toContainText('The resolver stopped and was restarted.');
  await expect(page.getByRole('alert')).toContainText('simulated out-of-memory');
  await waitForAnswer(page);
  await expect(page.locator('html')).toHaveAttribute('data-playground-state', 'ready');
  expect((await answerLines(page)).some((l) => l.startsWith('tar-'))).toBe(true);
  await expect(editor(page)).toContainText('<package name="tar"/>');
});

test('an overlay worker that dies is restarted and the component is rendered again', async ({ page }) => {
  await page.goto('/');
  await waitForAnswer(page);
  await openAnswerTab(page, 'Overlays');
  const panel = page.getByRole('region', { name: 'Overlays', exact: true });
  await panel.getByRole('combobox', { name: 'Component' }).selectOption('openssh');
  await expect(panel.getByTestId('overlay-summary')).toHaveText('3 applied');
  await crash(await workerNamed(page, /overlay\.worker/));
  await expect(page.getByRole('alert')).toContainText('The overlay engine stopped and was restarted.');
  await page.getByRole('list', { name: 'Project files' }).getByRole('button', { name: 'base/comps/openssh/openssh.comp.toml' }).click();
  await replaceEditorText(page, shippedText('base/comps/openssh/openssh.comp.toml').replace('package = "server"', 'package = "serverx"'));
  await expect(panel.getByTestId('overlay-summary')).toHaveText('2 applied, 1 failed');
});
