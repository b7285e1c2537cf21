import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { editorText, openAnswerTab, replaceEditorText, waitForAnswer } from './support.ts';

// A variant of the demo, made in the editor: container-base declares no runtime package management
// but lists yum-utils, which requires dnf. The Capabilities panel must name dnf, the chain from the
// KIWI line, and a fix; applying the fix must clear the check.
const IMAGES = 'base/images/images.toml';
const KIWI = 'base/images/container-base/container-base.kiwi';

// The editor draws only the lines in view, so the edit starts from the shipped file, not from the page.
async function editFile(page: Page, path: string, change: (text: string) => string): Promise<void> {
  await page.getByRole('list', { name: 'Project files' }).getByRole('button', { name: path }).click();
  await replaceEditorText(page, change(readFileSync(`public/examples/demo/${path}`, 'utf8')));
}

test('a container that pulls in dnf fails its runtime-package-management check, and the suggested fix clears it', async ({ page }) => {
  await page.goto('/');
  await waitForAnswer(page);
  await openAnswerTab(page, 'Checks');
  const panel = page.getByRole('region', { name: 'Capabilities' });
  // vm-base declares nothing.
  await expect(panel).toContainText('declares no capabilities');

  await editFile(page, IMAGES, (t) => t.replace('profile = "core" }\n', 'profile = "core" }\ncapabilities = { container = true, runtime-package-management = false, systemd = false }\n'));
  await editFile(page, KIWI, (t) => t.replace('<package name="rpm"/>', '<package name="rpm"/>\n    <package name="yum-utils"/>'));
  await page.getByRole('combobox', { name: 'Image' }).selectOption('container-base');
  await waitForAnswer(page);

  const checks = panel.getByRole('list', { name: 'Capability checks' });
  await expect(checks).toContainText('Fail runtime-package-management = false, but the image has a package manager: dnf-4.10.0-3.el9.noarch');
  await expect(checks).toContainText('Pass container = true: no kernel in the image');
  const finding = panel.getByRole('group', { name: 'Finding: dnf-4.10.0-3.el9.noarch' });
  await expect(finding.getByRole('list', { name: 'How it got in' })).toContainText('yum-utils-4.0.24-2.el9.noarch requires dnf >= 4.2.22');
  await expect(finding).toContainText(`Asked for as yum-utils in ${KIWI}, line 40`);
  await expect(finding).toContainText(`Fix: remove yum-utils (${KIWI}:40) — checked by solving again`);

  await finding.getByRole('button', { name: 'Apply fix' }).click();
  await waitForAnswer(page);
  await expect(checks).toContainText('Pass runtime-package-management = false: no package manager in the image');
  await expect(panel.getByRole('group', { name: /^Finding/ })).toHaveCount(0);
  // The fix is an ordinary edit: the KIWI file no longer lists yum-utils.
  await page.getByRole('list', { name: 'Project files' }).getByRole('button', { name: KIWI }).click();
  expect(await editorText(page)).not.toMatch(/yum-utils/);
});
