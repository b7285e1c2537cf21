import 'fake-indexeddb/auto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRepoArgument } from '../../../src/cli/repo-source.ts';
import { ImageSession } from '../../../src/lib/project/image-session.ts';
import { ProjectLoader } from '../../../src/lib/project/load.ts';
import { makePack } from '../../../src/lib/project/pack.ts';
import { ResolverSession } from '../../../src/lib/project/repo-session.ts';
import { openRepoCache } from '../../../src/lib/repo/index.ts';
import { createResolver, ROOT, rpmmdModule } from '../../support/wasm.ts';
import { FakeServer } from '../repo/support.ts';
import { BUNDLE_ID, demoFiles } from './build/demo-support.ts';

const APP = 'https://app.test/';
const BUNDLE_DIR = join(ROOT, 'public/repos', BUNDLE_ID);

/** An XML module provider that counts its calls, failing the first FAILURES of them as an offline fetch would. */
function countingXmlModule(failures = 0): { provide: () => Promise<WebAssembly.Module>; calls: () => number } {
  let calls = 0;
  return {
    provide: async () => {
      calls++;
      if (calls <= failures) throw new Error('could not load the XML reader (rpmmd.wasm): HTTP 404');
      return rpmmdModule();
    },
    calls: () => calls,
  };
}

/** The app as deployed: the bundled repository's pack (made as the build makes it) and its XML. */
async function appServer(): Promise<FakeServer> {
  const files = await loadRepoArgument(BUNDLE_DIR, '/');
  if (!files.ok) throw new Error(files.error.message);
  const made = await makePack(await createResolver(), { id: BUNDLE_ID, source: BUNDLE_DIR, files: files.value, rebuild: 'npm run build:packs' });
  if (!made.ok) throw new Error(made.error);
  return new FakeServer()
    .mountFiles(`${APP}packs/${BUNDLE_ID}/`, made.value)
    .mountFiles(APP, new Map([['packs/index.json', new TextEncoder().encode(JSON.stringify({ packs: [{ id: BUNDLE_ID, label: BUNDLE_ID, path: `${BUNDLE_ID}/` }] }))]]))
    .mount(`${APP}repos/`, join(ROOT, 'public/repos'));
}

/** A session and image session as the resolver worker makes them, both resolvers taking rpmmd.wasm from XML. */
async function workerLike(server: FakeServer, xml: () => Promise<WebAssembly.Module>, dbName: string) {
  const session = new ResolverSession(await createResolver('x86_64', { xmlModule: xml }), { fetch: server.fetch, appBaseUrl: APP, cache: await openRepoCache({ dbName }) });
  return { session, images: new ImageSession(session, await createResolver('x86_64', { xmlModule: xml }), new ProjectLoader()) };
}

describe('rpmmd.wasm is loaded only when XML is parsed', () => {
  it('the demo from its bundled pack, overlays included, and a warm start from the cache never load it', async () => {
    const server = await appServer();
    const first = countingXmlModule();
    const cold = await workerLike(server, first.provide, 'xml-module-pack');
    // vm-base overlays openssh: its shadow repository is XML the app writes, read by resolver.wasm itself
    const built = await cold.images.build({ files: await demoFiles(), image: 'vm-base', arch: 'x86_64' });
    expect(built.result.ok && built.result.packages.some((p) => p.repo === 'overlays')).toBe(true);
    expect(cold.session.listRepos()[0]).toMatchObject({ fromPack: true });
    expect(first.calls()).toBe(0);

    const second = countingXmlModule();
    const warm = await workerLike(server, second.provide, 'xml-module-pack');
    const again = await warm.images.build({ files: await demoFiles(), image: 'vm-base', arch: 'x86_64' });
    expect(warm.session.listRepos()[0]).toMatchObject({ fromCache: true });
    expect(again.result.ok && again.result.packages).toEqual(built.result.ok && built.result.packages);
    expect(second.calls()).toBe(0);
  });

  it('a repository read from XML loads it once, for that parse', async () => {
    const xml = countingXmlModule();
    const { session } = await workerLike(new FakeServer().mount(`${APP}repos/`, join(ROOT, 'public/repos')), xml.provide, 'xml-module-xml');
    const added = await session.addRepo({ kind: 'bundle', id: BUNDLE_ID });
    expect(added.ok && added.value.fromPack).toBeFalsy();
    expect(session.stats().xmlParses).toBe(1);
    expect(xml.calls()).toBe(1);
  });

  it('when it cannot be loaded, an XML load says so and what to do, packs keep working, and the next load tries again', async () => {
    const server = await appServer();
    const xml = countingXmlModule(1);
    const { session } = await workerLike(server, xml.provide, 'xml-module-offline');
    expect((await session.addRepo({ kind: 'bundle', id: BUNDLE_ID })).ok).toBe(true);
    const local = { kind: 'url', url: `${APP}repos/${BUNDLE_ID}/` } as const;

    const refused = await session.addRepo(local, { repoId: 'from-xml' });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'repo/xml-reader-unavailable',
        message: expect.stringMatching(/XML metadata can't be parsed: .*rpmmd\.wasm.* did not load \(could not load the XML reader \(rpmmd\.wasm\): HTTP 404\)$/),
        hint: expect.stringMatching(/^Check the connection and load the repository again; bundled repositories and those already in the browser cache load without it\.$/),
      },
    });
    expect(session.listRepos().map((r) => r.repoId)).toEqual([BUNDLE_ID]);
    const solved = await session.solve({ specs: ['bash'] });
    expect(solved.ok && solved.packages.length).toBeGreaterThan(10);

    const retried = await session.addRepo(local, { repoId: 'from-xml' });
    expect(retried.ok).toBe(true);
    expect(xml.calls()).toBe(2);
  });
});
