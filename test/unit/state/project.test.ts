import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadExampleProject } from '../../../src/lib/project/examples.ts';
import { AppStatus } from '../../../src/state/app-status.svelte.ts';
import { OverlaysState } from '../../../src/state/overlays.svelte.ts';
import { ProjectState } from '../../../src/state/project.svelte.ts';
import { RepositoriesState } from '../../../src/state/repositories.svelte.ts';
import { SavedEditsState } from '../../../src/state/saved-edits.svelte.ts';
import { ROOT } from '../../support/wasm.ts';
import { PlaygroundSession } from '../../../src/lib/project/playground-session.ts';
import { ResolverSession } from '../../../src/lib/project/repo-session.ts';
import { openRepoCache } from '../../../src/lib/repo/index.ts';
import { APP_BASE, newResolver, servePublic, stallingPrimary } from '../project/build/demo-support.ts';
import { demoPlayground, inProcessLink } from './support.ts';

// Edits are saved (debounced) into one IndexedDB store per project id: forget each test's, so the next test opens the demo as shipped.
const opened: ProjectState[] = [];
afterEach(async () => {
  for (const project of opened.splice(0)) await project.saved.discard();
});

async function openDemo(db: string) {
  const playground = await demoPlayground(db);
  const calls: string[] = [];
  const link = inProcessLink(playground, calls);
  const status = new AppStatus();
  const renders: string[] = [];
  const overlays = new OverlaysState(status, () => ({
    view: async (files, wanted) => {
      renders.push(wanted);
      return { components: [], selected: wanted, outcome: undefined, dist: '.azl4' };
    },
    config: async () => ({ components: [], selected: '' }),
  }));
  // each test keeps its edits in a database of its own: a debounced save of one test must not open the next one's project edited
  const project = new ProjectState(link, status, new RepositoriesState(link, status), overlays, new SavedEditsState(`${db}-edits`));
  const example = await loadExampleProject(servePublic, APP_BASE, 'demo');
  if (!example.ok) throw new Error(JSON.stringify(example.error));
  await project.open(example.value);
  opened.push(project);
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
    const before = (await playground.projectLoader()).loads;
    project.edit('base/images/images.toml', `${project.files.get('base/images/images.toml')}\n# edited\n`);
    await project.flush();
    expect(project.build?.result.ok).toBe(true);
    expect((await playground.projectLoader()).loads - before).toBe(1);
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

  it('an edit that changes the image list keeps the file being edited and the image (typing went into the wrong file)', async () => {
    const { project } = await openDemo('state-project-wrong-file');
    await project.buildNow();
    project.selectedFile = 'azldev.toml';
    const toml = project.files.get('azldev.toml') as string;
    // deleting the `]` of `includes = [...]` breaks the TOML: the images it defined are gone, only cloud-base.ks is left
    project.edit('azldev.toml', toml.replace('"base/project.toml"]', '"base/project.toml"'));
    await project.flush();
    expect(project.images.map((i) => i.name)).not.toContain('vm-base');
    expect(project.selectedFile).toBe('azldev.toml');
    expect(project.image).toBe('vm-base');
    expect(project.imageMissing).toBe(true);
    expect(project.lastGood?.result.ok).toBe(true);
    expect(project.firstError?.file).toBe('azldev.toml');
    // the fix brings the image back, still selected
    project.edit('azldev.toml', toml);
    await project.flush();
    expect(project.imageMissing).toBe(false);
    expect(project.build?.image).toBe('vm-base');
    expect(project.build?.result.ok).toBe(true);
  });

  it('every diagnostic is listed once, though the build repeats the project ones', async () => {
    const { project } = await openDemo('state-project-unique');
    project.edit('base/project.toml', `${project.files.get('base/project.toml')}
[bogus
`);
    await project.flush();
    const keys = project.allDiagnostics.map((d) => `${d.file}:${d.line}:${d.col}:${d.message}`);
    expect(keys.length).toBeGreaterThan(0);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('the Overlays view renders nothing until shown, then follows every describe with the current files', async () => {
    const { project, renders } = await openDemo('state-project-overlays');
    await project.buildNow();
    expect(renders).toEqual([]);
    // the build told the dist tag of the binaries; the view renders with it
    expect(project.overlays.dist).toBe('.el9');
    await project.overlays.show();
    const n = renders.length;
    expect(n).toBe(1);
    project.edit('README.md', 'changed');
    await project.flush();
    expect(renders.length).toBe(n + 1);
  });

  it('a build held up by a repository download offers Cancel in the status; cancelling ends the build with that said on the line that asked', async () => {
    let stalled = false;
    const repos = new ResolverSession(await newResolver(), { fetch: stallingPrimary(() => true, () => (stalled = true)), appBaseUrl: APP_BASE, cache: await openRepoCache({ dbName: 'state-project-cancel' }) });
    const link = inProcessLink(new PlaygroundSession(repos, newResolver, 'x86_64'));
    const status = new AppStatus();
    const overlays = new OverlaysState(status, () => ({ view: async (_files, wanted) => ({ components: [], selected: wanted, outcome: undefined, dist: '.azl4' }), config: async () => ({ components: [], selected: '' }) }));
    const project = new ProjectState(link, status, new RepositoriesState(link, status), overlays, new SavedEditsState('state-project-cancel-edits'));
    const example = await loadExampleProject(servePublic, APP_BASE, 'demo');
    if (!example.ok) throw new Error(JSON.stringify(example.error));
    await project.open(example.value);
    opened.push(project);
    const building = project.buildNow();
    await expect.poll(() => stalled && status.progress !== undefined).toBe(true);
    expect(status.progress?.phase).toBe('fetch');
    expect(status.cancel).toBeTypeOf('function');
    status.cancel?.();
    await building;
    expect(project.build?.result).toMatchObject({ ok: false, kind: 'invalid', message: expect.stringMatching(/cancelled while repository centos-stream-9-baseos/) });
    expect(status.cancel).toBeUndefined();
    expect(status.progress).toBeUndefined();
    expect(status.phase).not.toBe('resolving');
  });
});
