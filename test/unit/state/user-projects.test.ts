import { describe, expect, it } from 'vitest';
import { isUserProjectId, openEditStore } from '../../../src/lib/project/edit-store.ts';
import { loadExampleProject } from '../../../src/lib/project/examples.ts';
import { listZip, zipProject, type ListedFile } from '../../../src/lib/project/zip.ts';
import { AppStatus } from '../../../src/state/app-status.svelte.ts';
import { OverlaysState } from '../../../src/state/overlays.svelte.ts';
import { ProjectState } from '../../../src/state/project.svelte.ts';
import { RepositoriesState } from '../../../src/state/repositories.svelte.ts';
import { SavedEditsState } from '../../../src/state/saved-edits.svelte.ts';
import { UserProjectsState } from '../../../src/state/user-projects.svelte.ts';
import { APP_BASE, servePublic } from '../project/build/demo-support.ts';
import { demoPlayground, inProcessLink } from './support.ts';

async function page(db: string) {
  const link = inProcessLink(await demoPlayground(db));
  const status = new AppStatus();
  const overlays = new OverlaysState(status, () => ({ view: async (_f, wanted) => ({ components: [], selected: wanted, outcome: undefined, dist: '' }), config: async () => ({ components: [], selected: '' }) }));
  const project = new ProjectState(link, status, new RepositoriesState(link, status), overlays, new SavedEditsState());
  const projects = new UserProjectsState(project, status, { fetch: servePublic, appBaseUrl: APP_BASE });
  const demo = await loadExampleProject(servePublic, APP_BASE, 'demo');
  if (!demo.ok) throw new Error('no demo');
  return { project, projects, status, demo: demo.value };
}

describe('UserProjectsState', () => {
  it('creates, opens, saves as you type, duplicates, renames and deletes projects', async () => {
    const { project, projects, demo } = await page('projects-lifecycle');
    const created = await projects.create('mine', 'demo', demo.files);
    if (!created.ok) throw new Error(created.error);
    expect(isUserProjectId(created.value)).toBe(true);
    expect(await projects.open(created.value)).toBe(true);
    expect(project.name).toBe('mine');
    project.edit('azldev.toml', '# typed\n');
    await new Promise((r) => setTimeout(r, 600));
    expect(project.saved.savedAt).toBeDefined();

    // a fresh page (a reload, or a tab that crashed) opens what was typed
    const again = await page('projects-lifecycle-2');
    expect(await again.projects.open(created.value)).toBe(true);
    expect(again.project.files.get('azldev.toml')).toBe('# typed\n');

    const copy = await projects.duplicate();
    expect(copy.ok).toBe(true);
    await projects.refresh();
    expect(projects.list.map((p) => p.name).sort()).toEqual(['mine', 'mine (copy)']);
    expect(await projects.rename('renamed')).toEqual({ ok: true, value: true });
    expect(project.name).toBe('renamed');
    expect(projects.list.map((p) => p.name).sort()).toEqual(['mine (copy)', 'renamed']);
    await projects.remove(created.value);
    expect(projects.list.map((p) => p.name)).toEqual(['mine (copy)']);
    expect(await projects.open(created.value)).toBe(false);
  });

  it('examples cannot be renamed, only duplicated', async () => {
    const { project, projects, demo } = await page('projects-example');
    await project.open(demo);
    const renamed = await projects.rename('x');
    expect(renamed.ok).toBe(false);
  });

  it('makes new projects of a listed .zip and a listed folder, leaving out what is not text', async () => {
    const { project, projects, demo } = await page('projects-import');
    const listed = await listZip(new Blob([await zipProject(demo.files, 'demo')]));
    if (!listed.ok) throw new Error(listed.error);
    const zipped = await projects.importListed('from-zip', listed.value);
    if (!zipped.ok) throw new Error(zipped.error);
    expect(await projects.open(zipped.value.id)).toBe(true);
    expect(project.name).toBe('from-zip');
    expect(project.files).toEqual(demo.files);

    const entries = [...demo.files].map(([p, t]) => [`checkout/${p}`, new TextEncoder().encode(t)] as const);
    const asListed = (path: string, bytes: Uint8Array): ListedFile => ({ path, size: bytes.length, bytes: async () => bytes });
    const folder = await projects.importListed('checkout', [...entries, ['checkout/logo.png', new Uint8Array([0x89, 0xff, 0xfe])] as const].map(([p, b]) => asListed(p, b)));
    if (!folder.ok) throw new Error(folder.error);
    expect(folder.value.skipped).toEqual([{ path: 'checkout/logo.png', reason: 'not a UTF-8 text file' }]);
    expect(await projects.open(folder.value.id)).toBe(true);
    expect(project.files).toEqual(demo.files);

    const unreadable = asListed('notes/a.toml', new Uint8Array());
    const bad = await projects.importListed('notes', [{ ...unreadable, bytes: () => Promise.reject(new Error('the file was moved')) }]);
    expect(!bad.ok && bad.error).toBe('notes: it could not be read (the file was moved)');
    const names = (await (await openEditStore())!.list()).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['from-zip', 'checkout']));
    expect(names).not.toContain('notes');
  });
});
