import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openEditStore } from '../../../src/lib/project/edit-store.ts';
import { loadExampleProject } from '../../../src/lib/project/examples.ts';
import { unzipProject } from '../../../src/lib/project/zip.ts';
import { decodeShareHash, encodeShareHash, MAX_SHARE_URL_CHARS } from '../../../src/lib/share/link.ts';
import { AppStatus } from '../../../src/state/app-status.svelte.ts';
import { OverlaysState } from '../../../src/state/overlays.svelte.ts';
import { ProjectState } from '../../../src/state/project.svelte.ts';
import { QuickRequestState } from '../../../src/state/quick-request.svelte.ts';
import { RepositoriesState } from '../../../src/state/repositories.svelte.ts';
import { SavedEditsState } from '../../../src/state/saved-edits.svelte.ts';
import { ShareState } from '../../../src/state/share.svelte.ts';
import { UserProjectsState } from '../../../src/state/user-projects.svelte.ts';
import { ROOT } from '../../support/wasm.ts';
import { APP_BASE, servePublic } from '../project/build/demo-support.ts';
import { demoPlayground, inProcessLink } from './support.ts';

const KIWI = 'base/images/vm-base/vm-base.kiwi';
const fixtures = JSON.parse(readFileSync(join(ROOT, 'test/unit/share/fixtures/links-v1.json'), 'utf8')) as { links: { name: string; hash: string }[] };

/** A page's worth of state over the demo metadata (its own cache database), as a fresh browser context would have. */
async function page(db: string) {
  const link = inProcessLink(await demoPlayground(db));
  const status = new AppStatus();
  const overlays = new OverlaysState(status, () => ({ view: async (_files, wanted) => ({ components: [], selected: wanted, outcome: undefined, dist: '' }), config: async () => ({ components: [], selected: '' }) }));
  const repositories = new RepositoriesState(link, status);
  const project = new ProjectState(link, status, repositories, overlays, new SavedEditsState());
  const urls: string[] = [];
  const env = { fetch: servePublic, appBaseUrl: APP_BASE, replaceUrl: (url: string) => urls.push(url) };
  const share = new ShareState(project, new QuickRequestState(link, status, repositories), repositories, status, env);
  return { project, share, status, urls, userProjects: new UserProjectsState(project, status, env) };
}

async function openDemo(p: Awaited<ReturnType<typeof page>>) {
  const example = await loadExampleProject(servePublic, APP_BASE, 'demo');
  if (!example.ok) throw new Error('no demo');
  await p.project.open(example.value);
  await p.project.buildNow();
}

const nevras = (p: Awaited<ReturnType<typeof page>>) => (p.project.build?.result.ok ? p.project.build.result.packages.map((x) => x.nevra) : []);

describe('ShareState', () => {
  it('a link made on one page opens the same project, image and packages on a fresh one', async () => {
    const a = await page('share-a');
    await openDemo(a);
    a.project.edit(KIWI, (a.project.files.get(KIWI) ?? '').replace('<package name="chrony"/>', '<package name="chrony"/>\n    <package name="tar"/>'));
    a.project.selectImage('vm-base');
    await a.project.flush();
    const offer = await a.share.make('project');
    expect(offer.url.startsWith(`${APP_BASE}#v1/`)).toBe(true);
    expect(offer.tooLong).toBe(false);
    const decoded = await decodeShareHash(new URL(offer.url).hash);
    expect(decoded.ok && Object.keys(decoded.value.files)).toEqual([KIWI]);
    expect(decoded.ok && decoded.value.metadata).toEqual({ 'centos-stream-9-baseos': '0cbe8e69f4c634b7e7ec43a8e165ec92d43767a28f8d16a046026a679d3f8442' });

    const b = await page('share-b');
    expect(await b.share.openHash(new URL(offer.url).hash)).toBe(true);
    expect(b.project.files).toEqual(a.project.files);
    expect(b.project.image).toBe('vm-base');
    expect(nevras(b)).toEqual(nevras(a));
    expect(nevras(b).some((n) => n.startsWith('tar-'))).toBe(true);
    expect(b.share.metadataDifferences).toEqual([]);
    expect((await b.share.make('project')).url).toBe(offer.url);
    // page A's edit of the demo is saved (debounced); let it land and drop it, so the next test starts clean
    await vi.waitFor(() => expect(a.project.saved.savedAt).toBeDefined());
    await a.project.saved.discard();
  });

  it('opening a link leaves the saved edits of its example alone until the user keeps it as a new project', async () => {
    const store = await openEditStore();
    await store?.save({ projectId: 'demo', files: [['azldev.toml', '# mine\n']], savedAt: 1234, baseline: 'x' });
    const p = await page('share-keep');
    const fixture = fixtures.links.find((l) => l.name === 'v1-vm-base-adds-tar')!;
    expect(await p.share.openHash(fixture.hash)).toBe(true);
    expect(p.share.opened?.baseEditsSavedAt).toBe(1234);
    p.project.edit('azldev.toml', '# edited in the shared view\n');
    await new Promise((r) => setTimeout(r, 600));
    expect((await store?.load('demo'))?.files).toEqual([['azldev.toml', '# mine\n']]);

    expect(await p.share.keepAsNewProject('tar on vm-base')).toBe(true);
    expect(p.share.opened).toBeUndefined();
    expect(p.urls.at(-1)).toMatch(/\?project=my%3A[0-9a-f]{8}$/);
    await p.userProjects.refresh();
    const kept = p.userProjects.list.find((x) => x.name === 'tar on vm-base');
    expect(kept).toMatchObject({ base: 'demo' });
    expect((await store?.load('demo'))?.files).toEqual([['azldev.toml', '# mine\n']]);
    const record = await store?.load(kept!.id);
    expect(new Map(record?.files).get('azldev.toml')).toBe('# edited in the shared view\n');
    await store?.discard('demo');
  });

  it('says when the metadata differs from what the link was made with', async () => {
    const p = await page('share-metadata');
    expect(await p.share.openHash(fixtures.links.find((l) => l.name === 'v1-container-debug-older-metadata')!.hash)).toBe(true);
    expect(p.project.image).toBe('container-debug');
    expect(p.project.profile).toBe('debug');
    expect(p.share.metadataDifferences).toEqual([
      { repoId: 'centos-stream-9-baseos', linked: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', current: '0cbe8e69f4c634b7e7ec43a8e165ec92d43767a28f8d16a046026a679d3f8442' },
    ]);
  });

  it("a link's settings set the weak-dependency switch over what the image says", async () => {
    const p = await page('share-settings');
    const images = readFileSync(join(ROOT, 'public/examples/demo/base/images/images.toml'), 'utf8');
    // every demo image turns weak dependencies off itself; this one leaves dnf5's default
    const files = { 'base/images/images.toml': `${images}\n[images.quick]\ndescription = "weak deps as dnf5 defaults"\n[images.quick.playground]\npackages = ["openssh-server"]\n` };
    const link = (weakDeps: boolean) => encodeShareHash({ base: 'demo', files, image: 'quick', profile: null, settings: { arch: 'x86_64', weakDeps, best: true }, metadata: {} });
    expect(await p.share.openHash(await link(true))).toBe(true);
    const withWeak = nevras(p);
    expect(await p.share.openHash(await link(false))).toBe(true);
    expect(nevras(p).length).toBeGreaterThan(0);
    expect(nevras(p).length).toBeLessThan(withWeak.length);
    expect(p.share.sharedProject().settings).toEqual({ arch: 'x86_64', weakDeps: false, best: true });
  });

  it('a damaged link opens nothing and says why in the banner', async () => {
    const p = await page('share-corrupt');
    expect(await p.share.openHash('#v1/H4sIAAAAAAAAA5VVXW_bNhT9K')).toBe(false);
    expect(p.status.banner).toMatchObject({ source: 'share link', message: expect.stringContaining('damaged') });
    expect(await p.share.openHash('#v9/AAAA')).toBe(false);
    expect(p.status.banner?.message).toContain('format v9');
  });

  it('offers the project as a .zip when the link is too long to send', async () => {
    const p = await page('share-long');
    await openDemo(p);
    // text that does not compress: a link past the limit
    const noise = Array.from({ length: 9000 }, (_, i) => ((i * 2654435761) >>> 0).toString(36)).join('\n');
    p.project.edit('notes/noise.txt', noise);
    const offer = await p.share.make('project');
    expect(offer.url.length).toBeGreaterThan(MAX_SHARE_URL_CHARS);
    expect(offer.tooLong).toBe(true);
    const zip = await p.share.projectZip();
    expect(zip.name).toMatch(/\.zip$/);
    const read = await unzipProject(zip.bytes);
    expect(read.ok && read.value.files).toEqual(p.project.files);
  });

  it('a checkout opened in place gets no link (no other browser has it), only the .zip', async () => {
    const p = await page('share-checkout');
    const example = await loadExampleProject(servePublic, APP_BASE, 'demo');
    if (!example.ok) throw new Error('no demo');
    await p.project.openCheckout('azurelinux', example.value.files);
    const offer = await p.share.make('project');
    expect(offer.url).toBe('');
    expect(offer.unlinkable).toContain('azurelinux is a checkout opened from this computer');
    const read = await unzipProject((await p.share.projectZip()).bytes);
    expect(read.ok && read.value.files).toEqual(p.project.files);
    // opening an example afterwards makes links again
    await openDemo(p);
    expect((await p.share.make('project')).url.startsWith(`${APP_BASE}#v1/`)).toBe(true);
  });

  it('links a quick request in its query form', async () => {
    const p = await page('share-request');
    await p.project.saved.open();
    const offer = await p.share.make('request');
    expect(offer.url).toBe(`${APP_BASE}?mode=request&spec=bash&spec=openssh-server`);
  });
});
