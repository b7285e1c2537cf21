/** Shared steps of the browser tests: wait for the playground, fill the request, read the answer. */
import { expect, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/wasm.ts';

/** Waits until the page has settled on an answer for the current request. */
export async function waitForAnswer(page: Page, timeout?: number): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('data-playground-state', /ready|error/, timeout ? { timeout } : {});
  await expect(page.getByRole('region', { name: 'Answer' })).toHaveAttribute('aria-busy', 'false', timeout ? { timeout } : {});
}

/** Fills the request form and resolves it at once. */
export async function resolveInPage(
  page: Page,
  job: { specs: string[]; groups?: string[]; excludes?: string[]; weakDeps: boolean; best: boolean },
): Promise<void> {
  await page.getByRole('textbox', { name: /^Packages/ }).fill(job.specs.join('\n'));
  await page.getByRole('textbox', { name: /^Groups/ }).fill((job.groups ?? []).join('\n'));
  await page.getByRole('textbox', { name: /^Excludes/ }).fill((job.excludes ?? []).join('\n'));
  await page.getByRole('checkbox', { name: 'Weak dependencies' }).setChecked(job.weakDeps);
  await page.getByRole('checkbox', { name: /^Best/ }).setChecked(job.best);
  await page.getByRole('button', { name: 'Resolve now' }).click();
  await waitForAnswer(page);
}

/** The answer as text lines: sorted NEVRAs when solved, libsolv's `problem …` lines when not. */
export async function answerLines(page: Page): Promise<string[]> {
  const answer = page.getByRole('region', { name: 'Answer' });
  if ((await page.locator('html').getAttribute('data-playground-result')) === 'problems') {
    await answer.getByRole('tab', { name: /^Problems/ }).click();
    const text = await answer.getByRole('region', { name: 'Problems', exact: true }).locator('pre').textContent();
    return (text ?? '').split('\n').filter((l) => l.startsWith('problem '));
  }
  await openAnswerTab(page, 'Packages');
  const view = answer.getByRole('button', { name: 'NEVRA list' });
  if ((await view.getAttribute('aria-pressed')) !== 'true') await view.click();
  const list = await answer.getByRole('textbox', { name: 'NEVRA list' }).inputValue();
  return list.split('\n').filter(Boolean);
}

/** Opens tab NAME of the answers column (Packages, Why, Problems, Overlays, Exports, Metadata). */
export async function openAnswerTab(page: Page, name: string): Promise<void> {
  const tab = page.getByRole('region', { name: 'Answer' }).getByRole('tab', { name: new RegExp(`^${name}`) });
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
}

/** The project editor (CodeMirror's content element, a multi-line textbox named after the open file). */
export function editor(page: Page): Locator {
  return page.getByRole('textbox', { name: /^Editing/ });
}

/** The demo project's shipped text of PATH (what the editor holds before any edit). */
export function shippedText(path: string): string {
  return readFileSync(join(ROOT, 'public/examples/demo', path), 'utf8');
}

/**
 * The text of the file open in the editor, from its drawn lines: right after the editor appears
 * not every line may be drawn yet, so compare with `expect.poll`, or use `shippedText`.
 */
export async function editorText(page: Page): Promise<string> {
  return editor(page).evaluate((el) => [...el.querySelectorAll('.cm-line')].map((l) => l.textContent ?? '').join('\n'));
}

/** Replaces the open file's text, as typing it would. */
export async function replaceEditorText(page: Page, text: string): Promise<void> {
  // CodeMirror's own select-all covers the whole document; a DOM selection (what fill() makes) covers
  // only the lines drawn, so a long file kept its undrawn tail after the new text.
  await editor(page).focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(text);
}
