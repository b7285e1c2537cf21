import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED_URL } from '../../playwright.config.ts';
import { REPODATA } from '../support/wasm.ts';
import { SERVED, writeRepo } from './generated-repos.ts';
import { answerLines, resolveInPage, waitForAnswer } from './support.ts';

const bashExpected = readFileSync(join(REPODATA, 'centos-stream-9-baseos-2022/libsolv-expected/bash.weak-on.txt'), 'utf8').split('\n').filter(Boolean);

test('bad input gets a clear message and the resolver worker keeps serving', async ({ page }) => {
  await page.goto('/?mode=request&spec=bash&best=0');
  await waitForAnswer(page);
  const answer = page.getByRole('region', { name: 'Answer' });
  const repoAlert = page.getByRole('region', { name: 'Repositories' }).getByRole('alert');
  const url = page.getByRole('textbox', { name: 'URL' });

  // malformed XML: libsolv's parser says where
  const malformed = writeRepo(
    'malformed-primary',
    '<?xml version="1.0"?>\n<metadata xmlns="http://linux.duke.edu/metadata/common" packages="1">\n<package type="rpm"><name>a</name>\n</metadata>\n',
  );
  await url.fill(`${GENERATED_URL}${malformed}`);
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(repoAlert).toContainText(/mismatched tag at line 4:2/);

  // a file repomd.xml names but the server does not have
  const missing = writeRepo('missing-primary', '<?xml version="1.0"?>\n<metadata xmlns="http://linux.duke.edu/metadata/common" packages="0"></metadata>\n');
  for (const f of readdirSync(join(SERVED, missing, 'repodata'))) if (f.endsWith('primary.xml.gz')) rmSync(join(SERVED, missing, 'repodata', f));
  await url.fill(`${GENERATED_URL}${missing}`);
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(repoAlert).toContainText(/primary\.xml\.gz/);
  await expect(repoAlert).toContainText(/404|not found/i);

  // an unknown group is named, the rest of the request still resolves
  await resolveInPage(page, { specs: ['bash'], groups: ['no-such-group'], weakDeps: true, best: false });
  await expect(page.getByRole('region', { name: 'Request', exact: true }).getByRole('alert')).toContainText('no-such-group');
  expect(await answerLines(page)).toEqual(bashExpected);

  // an empty request is not an error, it asks for input
  await resolveInPage(page, { specs: [], weakDeps: true, best: false });
  await expect(page.locator('footer')).toContainText('Type a package name');

  // a spec that matches nothing is its own answer
  await resolveInPage(page, { specs: ['no-such-package'], weakDeps: true, best: false });
  await expect(answer).toContainText('No match for argument: no-such-package');

  // and the worker still answers
  await resolveInPage(page, { specs: ['bash'], weakDeps: true, best: false });
  expect(await answerLines(page)).toEqual(bashExpected);
});

test('an unknown architecture is refused with the list of known ones', async ({ page }) => {
  await page.goto('/?mode=request&arch=z80&spec=bash');
  await expect(page.locator('html')).toHaveAttribute('data-playground-state', 'error');
  await expect(page.getByRole('alert').first()).toContainText("unknown architecture 'z80'");
});

test('an unsatisfiable request shows the problem, its candidates and the ways out', async ({ page }) => {
  await page.goto('/?mode=request&spec=bash&exclude=glibc*');
  await waitForAnswer(page);
  const problems = page.getByRole('region', { name: 'Answer' }).getByRole('region', { name: 'Problems', exact: true });
  await expect(problems).toContainText('package glibc-2.34-21.el9.x86_64 is disabled');
  await expect(problems).toContainText('(excluded)');
  await expect(problems).toContainText('do not ask to install bash');
});
