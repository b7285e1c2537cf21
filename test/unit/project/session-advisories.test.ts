import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportImage, loadedReposFromSession } from '../../../src/lib/project/build/index.ts';
import { ResolverSession } from '../../../src/lib/project/repo-session.ts';
import { openRepoCache } from '../../../src/lib/repo/index.ts';
import { readProjectDir } from '../../../src/cli/read-project-dir.ts';
import { runImageCommand } from '../../../src/cli/commands/image.ts';
import { ROOT, createResolver } from '../../support/wasm.ts';
import { APP_BASE, BUNDLE_ID, buildFromFiles, newResolver, servePublic } from './build/demo-support.ts';

const FIXTURES_BASE = 'http://fixtures.test/advisories-cs9/';

/** public/ under the app's base URL, and the advisory fixture repository under FIXTURES_BASE. */
async function serve(url: string): Promise<Response> {
  if (!url.startsWith(FIXTURES_BASE)) return servePublic(url);
  try {
    return new Response(readFileSync(join(ROOT, 'test/fixtures/advisories-cs9', url.slice(FIXTURES_BASE.length))));
  } catch {
    return new Response('not found', { status: 404 });
  }
}

/** The demo with the advisory repository as a second image-build input of its distro. */
async function demoWithAdvisoryRepo(): Promise<Map<string, string>> {
  const files = await readProjectDir(join(ROOT, 'public/examples/demo'));
  const distro = 'distro/azurelinux.distro.toml';
  files.set(
    distro,
    `${(files.get(distro) as string).replace('image-build = [{ repo = "centos-stream-9-baseos" }]', 'image-build = [{ repo = "centos-stream-9-baseos" }, { repo = "cs9-advisories" }]')}\n[resources.rpm-repos.cs9-advisories]\nbase-uri = "${FIXTURES_BASE}"\ndisable-gpg-check = true\n`,
  );
  return files;
}

const newSession = async (cache: Awaited<ReturnType<typeof openRepoCache>>) => new ResolverSession(await createResolver('x86_64'), { fetch: serve, appBaseUrl: APP_BASE, cache });

describe('advisories of a repository in the browser session', () => {
  it('are read at a cold load, kept in the cache and given back on a warm start, without XML', async () => {
    const cache = await openRepoCache({ dbName: 'advisories-session-test' });
    const cold = await newSession(cache);
    const added = await cold.addRepo({ kind: 'url', url: FIXTURES_BASE }, { repoId: 'cs9-advisories' });
    expect(added.ok).toBe(true);
    const ids = cold.repoContent('cs9-advisories')?.advisories?.map((a) => a.id);
    expect(ids).toHaveLength(6);

    const warm = await newSession(cache);
    const again = await warm.addRepo({ kind: 'url', url: FIXTURES_BASE }, { repoId: 'cs9-advisories' });
    expect(again.ok && again.value.fromCache).toBe(true);
    expect(warm.stats().xmlParses).toBe(0);
    expect(warm.repoContent('cs9-advisories')?.advisories?.map((a) => a.id)).toEqual(ids);
  });

  it('reach the manifest of a warm-started build byte for byte as the CLI writes it', async () => {
    const files = await demoWithAdvisoryRepo();
    const cache = await openRepoCache({ dbName: 'advisories-build-test' });
    for (const round of ['cold', 'warm']) {
      const session = await newSession(cache);
      expect((await session.addRepo({ kind: 'bundle', id: BUNDLE_ID }, { repoId: 'centos-stream-9-baseos' })).ok).toBe(true);
      expect((await session.addRepo({ kind: 'url', url: FIXTURES_BASE }, { repoId: 'cs9-advisories' })).ok).toBe(true);
      const build = await buildFromFiles(await newResolver(), { files, image: 'vm-base', repos: loadedReposFromSession(session) });
      if (!build.ok) throw new Error(JSON.stringify(build.diagnostics));
      expect(build.manifest.advisories?.map((a) => a.id), round).toEqual(['AZLPG-BA-2022:0004', 'AZLPG-SA-2022:0001']);
      if (round === 'warm') {
        const dir = join(ROOT, 'test/fixtures/advisories-cs9');
        const { mkdtempSync, cpSync, writeFileSync } = await import('node:fs');
        const { tmpdir } = await import('node:os');
        const project = mkdtempSync(join(tmpdir(), 'azl-adv-'));
        cpSync(join(ROOT, 'public/examples/demo'), project, { recursive: true });
        writeFileSync(join(project, 'distro/azurelinux.distro.toml'), files.get('distro/azurelinux.distro.toml') as string);
        let stdout = '';
        const code = await runImageCommand(
          [project, '--image', 'vm-base', '--format', 'manifest', '--repo', `centos-stream-9-baseos=public/repos/${BUNDLE_ID}`, '--repo', `cs9-advisories=${dir}`],
          { stdout: (t) => (stdout += t), stderr: () => {}, cwd: ROOT },
        );
        expect(code).toBe(0);
        expect(exportImage(build, { format: 'manifest' })).toBe(stdout);
      }
    }
  });
});

describe('a cached repository written before advisories were kept', () => {
  it('builds without its advisories and says so at the repository\'s config line, asking for a refresh', async () => {
    const cache = await openRepoCache({ dbName: 'advisories-stale-test' });
    const first = await newSession(cache);
    expect((await first.addRepo({ kind: 'url', url: FIXTURES_BASE }, { repoId: 'cs9-advisories' })).ok).toBe(true);
    // What an older version of the playground stored: the same record without advisories.
    const record = await cache.getLatest(`url:${FIXTURES_BASE}`);
    if (!record) throw new Error('not cached');
    const { advisories: _dropped, ...old } = record;
    await cache.put(old);

    const session = await newSession(cache);
    expect((await session.addRepo({ kind: 'bundle', id: BUNDLE_ID }, { repoId: 'centos-stream-9-baseos' })).ok).toBe(true);
    const again = await session.addRepo({ kind: 'url', url: FIXTURES_BASE }, { repoId: 'cs9-advisories' });
    expect(again.ok && again.value.fromCache).toBe(true);
    const build = await buildFromFiles(await newResolver(), { files: await demoWithAdvisoryRepo(), image: 'vm-base', repos: loadedReposFromSession(session) });
    if (!build.ok) throw new Error(JSON.stringify(build.diagnostics));
    expect(build.manifest.advisories).toBeUndefined();
    const warning = build.diagnostics.find((d) => d.code === 'image/updateinfo');
    expect(warning).toMatchObject({ severity: 'warning', file: 'distro/azurelinux.distro.toml' });
    expect(warning?.message).toBe('repository cs9-advisories: its advisories are left out: the cached copy predates advisories; refresh the repository to read its updateinfo');
  });
});
