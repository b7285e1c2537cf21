import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES_URL } from '../../playwright.config.ts';
import { ROOT } from '../support/wasm.ts';
import { answerLines, editor, editorText, openAnswerTab, replaceEditorText, shippedText, waitForAnswer } from './support.ts';

// The main flow of each pane of the playground, driven the way a person would: role and label
// locators, the keyboard where the pane is meant to be used with it.
const DEMO = join(ROOT, 'public/examples/demo');
const KIWI = 'base/images/vm-base/vm-base.kiwi';
const result = (page: Page) => page.locator('html');

async function openFile(page: Page, path: string): Promise<void> {
  await page.getByRole('list', { name: 'Project files' }).getByRole('button', { name: new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(, \\d+ problems)?$`) }).click();
  await expect(editor(page)).toHaveAccessibleName(`Editing ${path}`);
}

test('typing never lands in another file: an edit that drops the image keeps the file and says the image is gone', async ({ page }) => {
  await page.goto('/');
  await waitForAnswer(page);
  await openFile(page, 'azldev.toml');
  // delete the `]` closing `includes = [...]`: the TOML breaks, and with it every image it defined
  // (the click goes to the last string of the line: the line wraps in a narrow editor, and End ends the visual row)
  await editor(page).getByText('"base/project.toml"').click();
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await expect(result(page)).toHaveAttribute('data-playground-result', 'invalid');
  await expect(result(page)).toHaveAttribute('data-playground-state', 'ready');
  // the next keystrokes still go into azldev.toml
  await page.keyboard.type('x');
  await expect(editor(page)).toHaveAccessibleName('Editing azldev.toml');
  await expect.poll(() => editorText(page)).toContain('"base/project.toml"x');
  await expect(page.getByRole('combobox', { name: 'Image' })).toHaveValue('vm-base');
  const answer = page.getByRole('region', { name: 'Answer' });
  await expect(answer.getByRole('status').filter({ hasText: 'out of date' })).toContainText('the project no longer defines the image vm-base; fix the error in azldev.toml:');
  // the last good answer stays on screen meanwhile
  await openAnswerTab(page, 'Packages');
  await expect(answer.getByRole('grid', { name: 'Resolved packages' })).toBeVisible();
  // no other file changed
  await openFile(page, 'base/images/kickstart/cloud-base.ks');
  await expect.poll(() => editorText(page)).toBe(readFileSync(join(DEMO, 'base/images/kickstart/cloud-base.ks'), 'utf8'));
  // the fix brings the same image back
  await openFile(page, 'azldev.toml');
  await replaceEditorText(page, readFileSync(join(DEMO, 'azldev.toml'), 'utf8'));
  await expect(result(page)).toHaveAttribute('data-playground-result', 'ok');
  await waitForAnswer(page);
  await expect(answer.getByRole('status').filter({ hasText: 'out of date' })).toHaveCount(0);
});

test('a half-typed entry keeps the last good answer, dimmed and pointing at the line to fix', async ({ page }) => {
  await page.goto('/');
  await waitForAnswer(page);
  await expect(result(page)).toHaveAttribute('data-playground-result', 'ok');
  const before = await answerLines(page);
  const shipped = shippedText(KIWI);
  await replaceEditorText(page, shipped.replace('<package name="sudo"/>', '<package name="sudo"/>\n    <package name="tm'));
  await expect(result(page)).toHaveAttribute('data-playground-result', 'invalid');
  const answer = page.getByRole('region', { name: 'Answer' });
  const marker = answer.getByRole('status').filter({ hasText: 'out of date' });
  await expect(marker).toContainText(`out of date: fix the error in ${KIWI}:`);
  expect(await answerLines(page)).toEqual(before);
  // the marker's link goes to the line
  await marker.getByRole('button', { name: /^go to/ }).click();
  await expect(editor(page)).toBeFocused();
  // an unmatched package names its line too, and Problems opens by itself
  await replaceEditorText(page, shipped.replace('<package name="sudo"/>', '<package name="sudo"/>\n    <package name="no-such-tool"/>'));
  await expect(result(page)).toHaveAttribute('data-playground-result', 'no-match');
  await expect(answer.getByRole('region', { name: 'Problems', exact: true })).toContainText('No match for argument: no-such-tool');
  await expect(page.getByRole('list', { name: 'Problems in this file' })).toContainText(`${KIWI}:38`);
  await replaceEditorText(page, shipped);
  await expect(result(page)).toHaveAttribute('data-playground-result', 'ok');
});

test('the package table: case-insensitive filter over provides too, sorting, grouping with totals, one tab stop and the arrow keys', async ({ page }) => {
  await page.goto('/');
  await waitForAnswer(page);
  const answer = page.getByRole('region', { name: 'Answer' });
  const grid = answer.getByRole('grid', { name: 'Resolved packages' });
  const filter = answer.getByRole('searchbox', { name: 'Filter packages' });
  await filter.fill('OPENSSH-SERVER');
  await expect(grid.getByRole('row', { name: /^openssh-server-/ })).toBeVisible();
  // a provide: libc.so.6 is glibc's
  await filter.fill('libc.so.6');
  await expect(grid.getByRole('row', { name: /^glibc-2\.34/ })).toBeVisible();
  await filter.fill('');
  // sort by installed size: the largest first
  await grid.getByRole('columnheader', { name: /^Installed/ }).getByRole('button').click();
  await expect(grid.getByRole('columnheader', { name: /^Installed/ })).toHaveAttribute('aria-sort', 'descending');
  const sizes = await grid.getByRole('row').evaluateAll((rows) => rows.slice(1, 6).map((r) => r.children[5]?.textContent ?? ''));
  const bytes = sizes.map((s) => parseFloat(s) * ({ B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3 }[s.split(' ')[1] as 'B'] ?? 1));
  expect([...bytes].sort((a, b) => b - a)).toEqual(bytes);
  // grouped by source package, with totals
  await answer.getByRole('combobox', { name: 'Group by' }).selectOption('source');
  await filter.fill('glibc');
  await expect(grid.getByRole('row').filter({ hasText: /^glibc\s*\d+ packages · .* download · .* installed/ })).toHaveCount(1);
  await answer.getByRole('combobox', { name: 'Group by' }).selectOption('none');
  await filter.fill('');
  // one tab stop: Tab from the filter's neighbours reaches the grid once; arrows move; Enter opens Why
  await grid.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const active = await grid.getAttribute('aria-activedescendant');
  const nevra = await page.locator(`#${active}`).getAttribute('aria-label');
  const tabStops = await grid.evaluate((el) => [...el.querySelectorAll('*')].filter((e) => (e as HTMLElement).tabIndex >= 0).length);
  expect(tabStops).toBe(0);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: `Why ${nevra}` })).toBeVisible();
});

test('Why: the shortest chain with clickable hops, and what excluding a package would do', async ({ page }) => {
  await page.goto('/?mode=request&spec=bash');
  await waitForAnswer(page);
  const answer = page.getByRole('region', { name: 'Answer' });
  await answer.getByRole('searchbox', { name: 'Filter packages' }).fill('glibc-common');
  await answer.getByRole('row', { name: /^glibc-common-/ }).click();
  const why = page.getByRole('region', { name: /^Why glibc-common-/ });
  const chain = why.getByRole('list', { name: 'Shortest chain' });
  await expect(chain.getByRole('listitem')).toHaveCount(4);
  await expect(chain).toContainText('needs glibc-common');
  // a hop opens Why for that package
  await chain.getByRole('button', { name: /^glibc-2\.34/ }).click();
  await expect(page.getByRole('region', { name: /^Why glibc-2\.34/ })).toBeVisible();
  // glibc-gconv-extra is a weak dependency: excluding it takes it out, with its size
  await answer.getByRole('tab', { name: 'Packages' }).click();
  await answer.getByRole('searchbox', { name: 'Filter packages' }).fill('gconv');
  await answer.getByRole('row', { name: /^glibc-gconv-extra-/ }).click();
  await page.getByRole('button', { name: 'What if glibc-gconv-extra were excluded?' }).click();
  await expect(page.getByRole('region', { name: /^Why glibc-gconv-extra/ }).getByRole('status')).toContainText('Excluding glibc-gconv-extra takes 1 package out of the answer (7.9 MiB less installed)');
  // excluding what the request asks for leaves nothing for it
  await answer.getByRole('tab', { name: 'Packages' }).click();
  await answer.getByRole('searchbox', { name: 'Filter packages' }).fill('bash');
  await answer.getByRole('row', { name: /^bash-5/ }).click();
  await page.getByRole('button', { name: 'What if bash were excluded?' }).click();
  await expect(page.getByRole('region', { name: /^Why bash-5/ }).getByRole('status')).toContainText('leaves nothing for bash');
});

test('Problems: libsolv explains, the line is named, and a fix button edits the config', async ({ page }) => {
  await page.goto('/');
  await waitForAnswer(page);
  const shipped = shippedText(KIWI);
  await replaceEditorText(page, shipped.replace('<package name="sudo"/>', '<package name="sudo"/>\n    <package name="coreutils-single"/>'));
  await expect(result(page)).toHaveAttribute('data-playground-result', 'problems');
  const problems = page.getByRole('region', { name: 'Answer' }).getByRole('region', { name: 'Problems', exact: true });
  await expect(problems).toContainText('package coreutils-8.32-31.el9.x86_64 conflicts with coreutils-single provided by coreutils-single-8.32-31.el9.x86_64');
  await expect(problems.getByRole('list', { name: 'Requirement chain' }).first()).toBeVisible();
  // the conflict is blamed on the line that asked for coreutils-single (or the group that brought coreutils)
  await expect(page.getByRole('list', { name: 'Problems in this file' })).toContainText(`${KIWI}:38`);
  await problems.getByRole('button', { name: `Stop asking for coreutils-single (${KIWI}:38)` }).click();
  await expect(result(page)).toHaveAttribute('data-playground-result', 'ok');
  await expect(editor(page)).not.toContainText('coreutils-single');
  await expect(editor(page)).toContainText('<package name="sudo"/>');
});

test('deleting a file and discarding edits can be undone', async ({ page }) => {
  await page.goto('/');
  await waitForAnswer(page);
  await openFile(page, 'base/comps/sudo/sudo.spec');
  await page.getByRole('button', { name: 'Delete sudo.spec' }).click();
  const files = page.getByRole('list', { name: 'Project files' });
  await expect(files.getByRole('button', { name: 'base/comps/sudo/sudo.spec' })).toHaveCount(0);
  await page.getByRole('status').filter({ hasText: 'Deleted base/comps/sudo/sudo.spec.' }).getByRole('button', { name: 'Undo' }).click();
  await expect(files.getByRole('button', { name: 'base/comps/sudo/sudo.spec' })).toHaveCount(1);

  await openFile(page, KIWI);
  const shipped = shippedText(KIWI);
  await replaceEditorText(page, shipped.replace('<package name="chrony"/>', '<package name="chrony"/>\n    <package name="tar"/>'));
  await expect(page.getByRole('button', { name: 'Discard my edits' })).toBeVisible();
  await page.getByRole('button', { name: 'Discard my edits' }).click();
  await expect(editor(page)).not.toContainText('<package name="tar"/>');
  await page.getByRole('status').filter({ hasText: 'Your edits were discarded' }).getByRole('button', { name: 'Undo' }).click();
  await expect(editor(page)).toContainText('<package name="tar"/>');
});

test('the editor completes package names from the loaded metadata and overlay types from the schema, and hovers show a package', async ({ page }) => {
  await page.goto('/');
  await waitForAnswer(page);
  await editor(page).getByText('<package name="nvme-cli"/>').click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('<package name="rsyn');
  await expect(page.getByRole('listbox').getByRole('option', { name: /^rsync/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await openFile(page, 'base/comps/chrony/overlays/0001-azure-ptp-clock.overlay.toml');
  await editor(page).getByText(/^type = /).first().click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('description = "x"');
  await page.keyboard.press('Enter');
  await page.keyboard.type('type = "spec-re');
  await page.keyboard.press('Control+Space');
  await expect(page.getByRole('listbox').getByRole('option', { name: /^spec-remove-tag/ })).toBeVisible();
  await page.keyboard.press('Escape');
  // hover a package name in the KIWI description
  await openFile(page, KIWI);
  // the editor may still be measuring the file it just opened (lines re-wrap): hover again until the tooltip is the package's
  await expect(async () => {
    await page.mouse.move(0, 0);
    await editor(page).getByText('"openssh-server"', { exact: true }).hover();
    await expect(page.locator('.cm-package-hover')).toContainText('openssh-server-8.7p1-7.el9.x86_64', { timeout: 3000 });
  }).toPass();
});

test('quick request takes @group among the specs, as dnf does', async ({ page }) => {
  await page.goto('/?mode=request&spec=@core');
  await waitForAnswer(page);
  await expect(result(page)).toHaveAttribute('data-playground-result', 'ok');
  const lines = await answerLines(page);
  expect(lines.some((l) => l.startsWith('coreutils-8'))).toBe(true);
});

test('metadata: provenance is plain, and a refused connection and a blocked port are told apart from CORS', async ({ page }) => {
  await page.goto('/?mode=request&spec=bash');
  await waitForAnswer(page);
  const repos = page.getByRole('region', { name: 'Repositories', exact: true });
  await expect(repos).toContainText('CentOS Stream 9 BaseOS');
  await expect(repos).toContainText('Fedora 43');
  const url = page.getByRole('textbox', { name: 'URL' });
  const alert = repos.getByRole('alert');
  const closed = Number(new URL(FIXTURES_URL).port) + 7;
  await url.fill(`http://127.0.0.1:${closed}/repo/`);
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(alert).toContainText(`Could not connect to 127.0.0.1 port ${closed}`);
  await expect(alert).not.toContainText('CORS');
  await url.fill('http://127.0.0.1:6000/repo/');
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(alert).toContainText('Browsers refuse to connect to port 6000');
  await url.fill(`${FIXTURES_URL}nocors/centos-stream-9-baseos-2022/`);
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(alert).toContainText('answers, but does not send a CORS header');
});

test('themes follow the system and can be switched; ? lists the shortcuts; skip links reach the editor and the answers', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  await waitForAnswer(page);
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(await bg()).toBe('rgb(18, 20, 23)');
  await page.getByRole('button', { name: /^Theme: follows the system/ }).click();
  expect(await bg()).toBe('rgb(246, 247, 248)');
  await page.reload();
  await waitForAnswer(page);
  expect(await bg()).toBe('rgb(246, 247, 248)');
  await page.locator('body').press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toHaveCount(0);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to the editor' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.locator('#answers')).toBeFocused();
  // answer tabs move with the arrow keys
  await page.getByRole('tab', { name: 'Packages' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Why' })).toHaveAttribute('aria-selected', 'true');
});

test('on a phone the panes become tabs and nothing scrolls sideways', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  await expect(result(page)).toHaveAttribute('data-playground-result', 'ok');
  const panes = page.getByRole('tablist', { name: 'Panes' });
  for (const name of ['Files', 'Editor', 'Answers']) {
    await panes.getByRole('tab', { name }).click();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  }
  await panes.getByRole('tab', { name: 'Files' }).click();
  await page.getByRole('list', { name: 'Project files' }).getByRole('button', { name: 'azldev.toml', exact: true }).click();
  await expect(panes.getByRole('tab', { name: 'Editor' })).toHaveAttribute('aria-selected', 'true');
  await expect(editor(page)).toHaveAccessibleName('Editing azldev.toml');
  // every control a finger reaches is at least 24 px
  // (a checkbox or file input is reached through its label)
  const small = await page.evaluate(() =>
    [...document.querySelectorAll('button, select, input, [role="tab"], a')]
      .filter((e) => (e as HTMLElement).offsetParent !== null)
      .map((e) => ((e as HTMLInputElement).type === 'checkbox' || (e as HTMLInputElement).type === 'file' ? (e.closest('label') ?? e) : e).getBoundingClientRect())
      .filter((r) => r.width > 0 && (r.width < 24 || r.height < 24)).length,
  );
  expect(small).toBe(0);
});

test('Diff: pin an answer, switch a setting, and see what changed with the size it moves and why', async ({ page }) => {
  await page.goto('/');
  await waitForAnswer(page);
  await openAnswerTab(page, 'Diff');
  const diff = page.getByRole('region', { name: 'Diff', exact: true });
  await diff.getByRole('button', { name: 'Pin this answer' }).click();
  await expect(diff).toContainText('Comparing with vm-base x86_64');
  await expect(diff.getByRole('status')).toContainText('No difference');
  // weak dependencies on: vm-base (patternType onlyRequired) grows
  await page.getByRole('checkbox', { name: 'Weak dependencies' }).check();
  await waitForAnswer(page);
  await expect(diff.getByRole('status')).toContainText(/\d+ changes · installed \+/);
  const changes = diff.getByRole('table', { name: 'Changes against the pinned answer' });
  await expect(changes.getByRole('row').filter({ hasText: /^added/ }).first()).toContainText(/recommends|supplements|requires|group/);
  await diff.getByRole('button', { name: 'Unpin' }).click();
  await expect(diff.getByRole('button', { name: 'Pin this answer' })).toBeVisible();
});

test('Charts: installed size by source package and by licence, filtered with the table', async ({ page }) => {
  await page.goto('/');
  await waitForAnswer(page);
  await openAnswerTab(page, 'Charts');
  const charts = page.getByRole('region', { name: 'Charts', exact: true });
  await expect(charts.getByRole('img', { name: 'Installed size by source package' })).toBeVisible();
  const tiles = charts.locator('svg rect');
  expect(await tiles.count()).toBeGreaterThan(50);
  await tiles.first().hover();
  await expect(charts.getByRole('status').or(charts.locator('[aria-live]'))).toContainText(/: [\d.]+ (KiB|MiB) in \d+ package/);
  await expect(charts.getByRole('list', { name: 'Licences' }).getByRole('listitem').first()).toContainText('%');
  await charts.getByRole('searchbox', { name: 'Filter the charts and the table' }).fill('openssh');
  await expect(tiles).toHaveCount(1);
  await openAnswerTab(page, 'Packages');
  await expect(page.getByRole('searchbox', { name: 'Filter packages' })).toHaveValue('openssh');
});

test('Config: a component resolved with the file:line of every value, each opening its line in the editor', async ({ page }) => {
  await page.goto('/');
  await waitForAnswer(page);
  await openAnswerTab(page, 'Config');
  const pane = page.getByRole('region', { name: 'Answer' }).getByRole('region', { name: 'Resolved config' });
  await pane.getByRole('combobox', { name: 'Component' }).selectOption('sudo');
  const table = pane.getByRole('table', { name: 'Resolved configuration of sudo' });
  const tag = table.getByRole('row', { name: /overlays\[0\]\.tag/ });
  await expect(tag).toContainText('"Requires"');
  await tag.getByRole('button', { name: 'base/comps/sudo/sudo.comp.toml:9' }).click();
  await expect(editor(page)).toHaveAccessibleName('Editing base/comps/sudo/sudo.comp.toml');
  await expect(editor(page).locator('.cm-activeLine')).toHaveText('tag = "Requires"');
  // an edit moves the value, and the pane follows it to its new line
  await replaceEditorText(page, `# visudo needs an editor\n${shippedText('base/comps/sudo/sudo.comp.toml')}`);
  await expect(tag.getByRole('button', { name: 'base/comps/sudo/sudo.comp.toml:10' })).toBeVisible();
  // a component that sets nothing says so and what to do
  await pane.getByRole('combobox', { name: 'Component' }).selectOption('bash');
  await expect(pane).toContainText('bash sets nothing and inherits nothing');
  await expect(pane).toContainText('bash from azurelinux 4.0-demo');
});
