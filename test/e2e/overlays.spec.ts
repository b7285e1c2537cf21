import { expect, test } from '@playwright/test';
import { applyPatch } from 'diff';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/wasm.ts';
import { editor, openAnswerTab, replaceEditorText, shippedText, waitForAnswer } from './support.ts';

// The Overlays view renders the demo's components in the overlay worker (a real module worker in
// Chromium) with the same library the CLI's `render` runs.
const DEMO = join(ROOT, 'public/examples/demo');

function cliRender(component: string): string {
  const out = mkdtempSync(join(tmpdir(), 'azl-render-'));
  try {
    execFileSync('node', [join(ROOT, 'bin/azl-playground.mjs'), 'render', DEMO, '--component', component, '--sources', join(DEMO, 'base/comps', component), '--out', out], { cwd: ROOT, stdio: 'pipe' });
  } catch (err) {
    throw new Error(`azl-playground render ${component} failed: ${String((err as { stderr?: Buffer }).stderr ?? err)}`);
  }
  return readFileSync(join(out, `${component}.spec`), 'utf8');
}

test('overlays render in their own worker, and the diff shown turns the spec into the one the CLI writes', async ({ page }) => {
  await page.goto('/');
  await waitForAnswer(page);
  await openAnswerTab(page, 'Overlays');
  const panel = page.getByRole('region', { name: 'Overlays', exact: true });
  await panel.getByRole('combobox', { name: 'Component' }).selectOption('openssh');
  await expect(panel).toHaveAttribute('aria-busy', 'false');
  await expect(panel.getByTestId('overlay-summary')).toHaveText('3 applied');
  expect(page.workers().some((w) => /overlay\.worker/.test(w.url()))).toBe(true);

  const results = panel.getByRole('list', { name: 'Overlay results in apply order' });
  await expect(results.getByRole('listitem')).toHaveCount(3);
  await expect(results.getByRole('listitem').nth(1)).toContainText('tag Requires already exists');

  // The diff the page shows, applied to the original spec, gives the spec the CLI writes.
  const original = readFileSync(join(DEMO, 'base/comps/openssh/openssh.spec'), 'utf8');
  const diff = (await panel.getByLabel('Diff of openssh.spec').textContent()) ?? '';
  expect(applyPatch(original, diff)).toBe(cliRender('openssh'));
  await expect(panel.getByRole('table', { name: 'Binary packages the overlays change' })).toContainText('+ Requires: audit');

  // Each overlay's lines, found in the rendered spec.
  await panel.getByRole('button', { name: 'show lines of overlay 2 in the rendered spec' }).click();
  const rendered = panel.getByLabel('Rendered openssh.spec');
  await expect(rendered).toBeVisible();
  const shown = await rendered.locator('.line').allTextContents();
  const written = cliRender('openssh').split('\n').slice(0, -1);
  expect(shown).toHaveLength(written.length);
  expect(shown.filter((line, i) => !line.endsWith(written[i] as string))).toEqual([]);
  await expect(rendered.locator('.focused')).toHaveText(/#2Requires: audit/);
  await expect(rendered.locator('.focused')).toHaveCount(1);
});

test('an overlay broken in the editor shows its error, and its location opens the file', async ({ page }) => {
  await page.goto('/');
  await waitForAnswer(page);
  await openAnswerTab(page, 'Overlays');
  const panel = page.getByRole('region', { name: 'Overlays', exact: true });
  await panel.getByRole('combobox', { name: 'Component' }).selectOption('openssh');
  await expect(panel.getByTestId('overlay-summary')).toHaveText('3 applied');

  await page.getByRole('list', { name: 'Project files' }).getByRole('button', { name: 'base/comps/openssh/openssh.comp.toml' }).click();
  await replaceEditorText(page, shippedText('base/comps/openssh/openssh.comp.toml').replace('package = "server"', 'package = "serverx"'));
  await expect(panel.getByTestId('overlay-summary')).toHaveText('2 applied, 1 failed');
  const failed = panel.getByRole('listitem').filter({ hasText: 'sshd reports logins to the audit daemon' });
  await expect(failed).toContainText('error');
  await expect(failed).toContainText('serverx');

  await page.getByRole('list', { name: 'Project files' }).getByRole('button', { name: 'base/comps/sudo/sudo.comp.toml' }).click();
  await failed.getByRole('button', { name: 'base/comps/openssh/openssh.comp.toml:12' }).click();
  await expect(editor(page)).toHaveAccessibleName('Editing base/comps/openssh/openssh.comp.toml');
});

test('a component whose spec is deleted says so, and uploading the spec renders it again', async ({ page }) => {
  await page.goto('/');
  await waitForAnswer(page);
  await openAnswerTab(page, 'Overlays');
  const panel = page.getByRole('region', { name: 'Overlays', exact: true });
  const files = page.getByRole('list', { name: 'Project files' });
  await panel.getByRole('combobox', { name: 'Component' }).selectOption('sudo');
  // Its overlay, the header and the release calculation (sudo is "auto").
  await expect(panel.getByTestId('overlay-summary')).toHaveText('3 applied');

  await files.getByRole('button', { name: 'base/comps/sudo/sudo.spec' }).click();
  await page.getByRole('button', { name: 'Delete sudo.spec' }).click();
  await expect(files.getByRole('button', { name: 'base/comps/sudo/sudo.spec' })).toHaveCount(0);
  await expect(panel).toContainText('its spec base/comps/sudo/sudo.spec is not in the project');
  await expect(panel.getByRole('button', { name: 'Create base/comps/sudo/sudo.spec' })).toBeVisible();

  await files.getByRole('button', { name: 'base/comps/sudo/sudo.comp.toml' }).click();
  const upload = page.getByLabel('Upload files into base/comps/sudo/');
  await upload.setInputFiles({ name: 'sources.tar.gz', mimeType: 'application/gzip', buffer: Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff, 0xfe, 0x00]) });
  await expect(page.getByRole('status').filter({ hasText: 'Not added' })).toContainText('sources.tar.gz (the project holds text files only)');
  await upload.setInputFiles(join(DEMO, 'base/comps/sudo/sudo.spec'));
  await expect(editor(page)).toHaveAccessibleName('Editing base/comps/sudo/sudo.spec');
  await expect(panel.getByTestId('overlay-summary')).toHaveText('3 applied');
});
