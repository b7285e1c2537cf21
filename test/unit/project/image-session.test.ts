import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeProject } from '../../../src/lib/project/describe.ts';
import { ImageSession } from '../../../src/lib/project/image-session.ts';
import { loadResolvedProject, ProjectLoader } from '../../../src/lib/project/load.ts';
import { openRepoCache } from '../../../src/lib/repo/index.ts';
import { ResolverSession } from '../../../src/lib/project/repo-session.ts';
import { APP_BASE, demoFiles, newResolver, servePublic } from './build/demo-support.ts';
import { ROOT, createResolver } from '../../support/wasm.ts';

const GOLDEN = join(ROOT, 'test/unit/project/build/golden');

async function browserLikeSession(dbName: string): Promise<{ session: ResolverSession; images: ImageSession }> {
  const cache = await openRepoCache({ dbName });
  const session = new ResolverSession(await newResolver(), { fetch: servePublic, appBaseUrl: APP_BASE, cache });
  return { session, images: new ImageSession(session, await newResolver(), new ProjectLoader()) };
}

describe('describeProject', () => {
  it('lists the demo images with their profiles and no errors', async () => {
    const described = describeProject(loadResolvedProject(await demoFiles()));
    expect(described.images.map((i) => i.name).sort()).toEqual(['cloud-base', 'container-base', 'container-debug', 'toolbox', 'vm-base']);
    expect(described.images.find((i) => i.name === 'container-base')?.profiles).toEqual(['core', 'debug']);
    expect(described.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('ImageSession (what the browser worker runs)', () => {
  it('loads the repositories an image asks for into the session, builds it and exports the CLI bytes', async () => {
    const { session, images } = await browserLikeSession('image-session-cold');
    const view = await images.build({ files: await demoFiles(), image: 'vm-base', arch: 'x86_64' });
    expect(view.result.ok).toBe(true);
    expect(session.listRepos().map((r) => r.identity)).toEqual(['bundle:centos-stream-9-baseos-2022']);
    const manifest = await images.export('manifest');
    expect(manifest).toEqual({ ok: true, value: readFileSync(join(GOLDEN, 'vm-base.manifest.json'), 'utf8') });
    expect(images.explain('openssh-server-8.7p1-7.el9.x86_64')).toMatchObject({ ok: true });
  });

  it('builds the same bytes on a warm start from the cache, with no XML parsed', async () => {
    const first = await browserLikeSession('image-session-warm');
    await first.images.build({ files: await demoFiles(), image: 'vm-base', arch: 'x86_64' });
    const warm = await browserLikeSession('image-session-warm');
    await warm.images.build({ files: await demoFiles(), image: 'vm-base', arch: 'x86_64' });
    expect(warm.session.stats().xmlParses).toBe(0);
    expect(await warm.images.export('spdx')).toEqual({ ok: true, value: readFileSync(join(GOLDEN, 'vm-base.spdx.json'), 'utf8') });
  });

  it('re-reads a warm repository for its file lists when the image asks for a path outside /usr/bin, /usr/sbin, /etc', async () => {
    const first = await browserLikeSession('image-session-files');
    await first.images.build({ files: await demoFiles(), image: 'toolbox', arch: 'x86_64' });
    const warm = await browserLikeSession('image-session-files');
    const files = await demoFiles();
    files.set('base/images/images.toml', files.get('base/images/images.toml')!.replace('packages = ["tar", "rsync", "less", "which"]', 'packages = ["tar", "/usr/lib64/libssl.so.3"]'));
    const view = await warm.images.build({ files, image: 'toolbox', arch: 'x86_64' });
    if (!view.result.ok) throw new Error(JSON.stringify(view.result).slice(0, 500));
    expect(view.result.packages.map((p) => p.name)).toContain('openssl-libs');
  });

  it('has nothing to export before a successful build', async () => {
    const { images } = await browserLikeSession('image-session-none');
    expect(await images.export('nevra')).toMatchObject({ ok: false });
  });
});

describe('ImageSession after a trap inside libsolv', () => {
  it('rebuilds the image resolver from its kept .solv, builds once more, says so, and the image is the same bytes', async () => {
    const cache = await openRepoCache({ dbName: 'image-session-trap' });
    const session = new ResolverSession(await newResolver(), { fetch: servePublic, appBaseUrl: APP_BASE, cache });
    const trapping = await createResolver('x86_64', { trapNextSolve: true });
    const images = new ImageSession(session, trapping, new ProjectLoader());
    const view = await images.build({ files: await demoFiles(), image: 'vm-base', arch: 'x86_64' });
    expect(view.result.ok).toBe(true);
    expect(view.result.notice).toMatch(/^the resolver crashed \(.*unreachable.*\); it was restarted with the same repositories; this image is from one retry\.$/);
    expect(await images.export('manifest')).toEqual({ ok: true, value: readFileSync(join(GOLDEN, 'vm-base.manifest.json'), 'utf8') });
    // the next build has nothing to report
    expect((await images.build({ files: await demoFiles(), image: 'vm-base', arch: 'x86_64' })).result.notice).toBeUndefined();
  });
});
