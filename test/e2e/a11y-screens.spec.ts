import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/wasm.ts';

// axe-core on first open and after opening every tab and pane, in the light and the dark theme, at a
// desktop and a phone size; each state is also written as a screenshot for people to look at.
const SHOTS = join(ROOT, 'test/.cache/screenshots');
const ANSWER_TABS = ['Packages', 'Why', 'Problems', 'Diff', 'Charts', 'Overlays', 'Config', 'Checks', 'Deviations', 'Exports', 'Metadata'];

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
}

async function settle(page: Page): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('data-playground-state', /ready|error/);
  await page.waitForTimeout(300);
}

for (const scheme of ['light', 'dark'] as const) {
  for (const [w, h] of [
    [1440, 900],
    [390, 844],
  ] as const) {
    test(`no critical or serious axe violation on any pane, ${scheme}, ${w}×${h} (screenshots written)`, async ({ page }) => {
      test.setTimeout(420_000);
      mkdirSync(SHOTS, { recursive: true });
      await page.setViewportSize({ width: w, height: h });
      await page.emulateMedia({ colorScheme: scheme });
      const found: string[] = [];
      const check = async (state: string) => {
        await settle(page);
        await page.screenshot({ path: join(SHOTS, `${state}-${w}x${h}-${scheme}.png`) });
        for (const v of await seriousViolations(page)) found.push(`${state}: ${v}`);
      };
      await page.goto('/');
      await expect(page.locator('html')).toHaveAttribute('data-playground-result', 'ok');
      const compact = w < 900;
      const pane = async (name: string) => {
        if (compact) await page.getByRole('tablist', { name: 'Panes' }).getByRole('tab', { name }).click();
      };
      await check('first-open');
      if (compact) {
        await pane('Files');
        await check('pane-files');
        await pane('Editor');
        await check('pane-editor');
        await pane('Answers');
      }
      // a row opens Why with something in it
      await page.getByRole('region', { name: 'Answer' }).getByRole('searchbox', { name: 'Filter packages' }).fill('openssh-server');
      await page.getByRole('row', { name: /^openssh-server-/ }).click();
      for (const tab of ANSWER_TABS) {
        await page.getByRole('region', { name: 'Answer' }).getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
        await check(`tab-${tab.toLowerCase()}`);
      }
      // an unsatisfiable edit: Problems with its fixes, the last good answer marked out of date
      await pane('Files');
      await page.getByRole('list', { name: 'Project files' }).getByRole('button', { name: 'base/images/vm-base/vm-base.kiwi', exact: true }).click();
      const editor = page.getByRole('textbox', { name: /^Editing/ });
      const text = readFileSync(join(ROOT, 'public/examples/demo/base/images/vm-base/vm-base.kiwi'), 'utf8');
      await editor.fill(text.replace('<package name="sudo"/>', '<package name="sudo"/>\n    <package name="coreutils-single"/>'));
      await expect(page.locator('html')).toHaveAttribute('data-playground-result', 'problems');
      await check('editor-with-problem');
      await pane('Answers');
      await check('tab-problems-unsatisfiable');
      await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
      await check('help-dialog');
      await page.keyboard.press('Escape');
      await page.goto('/?mode=request&spec=bash');
      await expect(page.locator('html')).toHaveAttribute('data-playground-result', 'ok');
      await pane('Request');
      await check('quick-request');
      expect(found).toEqual([]);
    });
  }
}
