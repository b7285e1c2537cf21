/** Shared steps of the browser tests: wait for the playground, fill the request, read the answer. */
import { expect, type Page } from '@playwright/test';

/** Waits until the page has settled on an answer for the current request. */
export async function waitForAnswer(page: Page): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('data-playground-state', /ready|error/);
  await expect(page.getByRole('region', { name: 'Answer' })).toHaveAttribute('aria-busy', 'false');
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
  const problems = answer.getByLabel('Problems');
  if (await problems.count()) {
    const text = await problems.locator('pre').textContent();
    return (text ?? '').split('\n').filter((l) => l.startsWith('problem '));
  }
  const tab = answer.getByRole('tab', { name: 'NEVRA list' });
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
  const list = await answer.getByRole('textbox', { name: 'NEVRA list' }).inputValue();
  return list.split('\n').filter(Boolean);
}
