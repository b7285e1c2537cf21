import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExampleProject } from '../../../src/lib/project/examples.ts';
import { AppStatus } from '../../../src/state/app-status.svelte.ts';
import { OverlaysState } from '../../../src/state/overlays.svelte.ts';
import { ProjectState } from '../../../src/state/project.svelte.ts';
import { RepositoriesState } from '../../../src/state/repositories.svelte.ts';
import { SavedEditsState } from '../../../src/state/saved-edits.svelte.ts';
import { ROOT } from '../../support/wasm.ts';
import { APP_BASE, servePublic } from '../project/build/demo-support.ts';
import { demoPlayground, inProcessLink } from './support.ts';

async function openDemo(db: string) {
  const playground = await demoPlayground(db);
  const calls: string[] = [];
  const link = inProcessLink(playground, calls);
  const status = new AppStatus();
  const renders: string[] = [];
  const overlays = new OverlaysState(status, () => ({
    view: async (files, wanted) => {
      renders.push(wanted);
      return { components: [], selected: wanted, outcome: undefined };
    },
  }));
  // each test keeps its edits in a database of its own: a debounced save of one test must not open the next one's project edited
  const project = new ProjectState(link, status, new RepositoriesState(link, status), overlays, new SavedEditsState(`${db}-edits`));
  const example = await loadExampleProject(servePublic, APP_BASE, 'demo');
  if (!example.ok) throw new Error(JSON.stringify(example.error));
  await project.open(example.value);
  return { playground, project, status, calls, renders };
}

describe('ProjectState', () => {
  it('opens the demo on vm-base and builds it, the status line saying what it holds', async () => {
    const { project, status } = await openDemo('state-project-open');
    expect(project.images.map((i) => i.name)).toContain('vm-base');
    expect(project.image).toBe('vm-base');
    await project.buildNow();
    expect(project.build?.result.ok).toBe(true);
    expect(status.phase).toBe('ready');
    expect(status.status).toMatch(/^vm-base: \d+ packages · solved in/);
  });

  it('one edit loads and resolves the project once in the resolver worker', async () => {
    const { playground, project } = await openDemo('state-project-one-load');
    await project.buildNow();
    const before = playground.projects.loads;
    project.edit('base/images/images.toml', `${project.files.get('base/images/images.toml')}\n# edited\n`);
    await project.flush();
    expect(project.build?.result.ok).toBe(true);
    expect(playground.projects.loads - before).toBe(1);
  });

  it('exports the bytes azl-playground image writes', async () => {
    const { project } = await openDemo('state-project-export');
    await project.buildNow();
    const exported = await project.exportText('manifest');
    if (exported.ok && process.env.DEBUG_STATE) (await import('node:fs')).writeFileSync('/tmp/state-manifest.json', exported.value);
    expect(exported).toEqual({ ok: true, value: readFileSync(join(ROOT, 'test/unit/project/build/golden/vm-base.manifest.json'), 'utf8') });
  });

  it('blames an export failure on the export, not on the resolver', async () => {
    const { project, status } = await openDemo('state-project-export-fails');
    const exported = await project.exportText('spdx');
    expect(exported.ok).toBe(false);
    expect(status.banner).toMatchObject({ source: 'export', message: 'The spdx export failed.' });
  });

  it('the Overlays view follows every describe with the current files', async () => {
    const { project, renders } = await openDemo('state-project-overlays');
    const n = renders.length;
    project.edit('README.md', 'changed');
    await project.flush();
    expect(renders.length).toBe(n + 1);
  });
});
