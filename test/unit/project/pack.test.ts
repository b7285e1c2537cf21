import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRepoArgument } from '../../../src/cli/repo-source.ts';
import { makePack } from '../../../src/lib/project/pack.ts';
import { ResolverSession } from '../../../src/lib/project/repo-session.ts';
import { expandGroup, openRepoCache, PACK_FILES, SOLV_FORMAT_VERSION, solvFormatVersion, type CompsModel } from '../../../src/lib/repo/index.ts';
import { fixtureJobs } from '../../support/fixture-jobs.ts';
import { REPODATA, ROOT } from '../../support/wasm.ts';
import { FakeServer, requireCommand } from '../repo/support.ts';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { PlaygroundSession } from '../../../src/lib/project/playground-session.ts';
import { BUNDLE_ID, demoFiles, newResolver } from './build/demo-support.ts';

const CS9 = join(REPODATA, 'centos-stream-9-baseos-2022');
const PACKS = 'https://docs.test/packs/';

/** The pack of fixture repository DIR, made as `azl-playground pack` makes it. */
async function packOf(dir: string, id: string, withFilelists = true): Promise<Map<string, Uint8Array>> {
  const files = await loadRepoArgument(dir, '/');
  if (!files.ok) throw new Error(files.error.message);
  const entry = files.value.info.repomd.data['filelists'];
  const filelists = withFilelists && entry ? { entry, bytes: new Uint8Array(readFileSync(join(dir, entry.href))) } : undefined;
  const made = await makePack(await newResolver(), { id, source: dir, files: files.value, rebuild: `npm run cli -- pack --repo ${id}=${dir} --out packs`, ...(filelists ? { filelists } : {}) });
  if (!made.ok) throw new Error(made.error);
  return made.value;
}

async function sessionWith(server: FakeServer, db: string) {
  return new ResolverSession(await newResolver(), { fetch: server.fetch, cache: await openRepoCache({ dbName: db }) });
}

describe('metadata packs', () => {
  it('a pack resolves every oracle job of its repository like native libsolv, with no XML parsed', async () => {
    const pack = await packOf(CS9, 'cs9');
    const server = new FakeServer().mountFiles(`${PACKS}cs9/`, pack);
    const session = await sessionWith(server, 'pack-oracle');
    const added = await session.addRepo({ kind: 'pack', url: `${PACKS}cs9/` }, { repoId: 'repo1' });
    if (!added.ok) throw new Error(added.error.message);
    expect(added.value).toMatchObject({ fromPack: true, fromCache: false, solvables: 1125, identity: `pack:${PACKS}cs9/` });
    const comps = session.compsModels() as CompsModel[];
    const jobs = fixtureJobs().filter((j) => j.repoDirs.length === 1 && j.repoDirs[0] === CS9);
    expect(jobs.length).toBeGreaterThanOrEqual(4);
    for (const job of jobs) {
      const groupPackages = job.groups.flatMap((g) => {
        const expanded = expandGroup(comps, g, { arch: 'x86_64', kind: 'group' });
        if (!expanded.ok) throw new Error(expanded.error.message);
        return expanded.value.jobs;
      });
      const result = await session.solve({ specs: job.specs, groupPackages, weakDeps: job.weakDeps, best: false, excludes: job.excludes });
      if (job.unsolvable) expect(session.resolver.resultText().split('\n').filter((l) => l.startsWith('problem ')), job.label).toEqual(job.expected);
      else expect(result.ok && result.packages.map((p) => p.nevra), job.label).toEqual(job.expected);
    }
    expect(session.stats()).toMatchObject({ xmlParses: 0, xmlBytesParsed: 0 });
    expect((await session.search('openssh-ser', 5))[0]?.name).toBe('openssh-server');
    expect(server.requested.some((u) => u.endsWith('.xml') || u.includes('primary'))).toBe(false);
  });

  it('reads the filelists kept in the pack only when a requested path needs them', async () => {
    const pack = await packOf(CS9, 'cs9');
    const server = new FakeServer().mountFiles(`${PACKS}cs9/`, pack);
    const session = await sessionWith(server, 'pack-filelists');
    expect((await session.addRepo({ kind: 'pack', url: `${PACKS}cs9/pack.json` })).ok).toBe(true);
    expect(server.requested.some((u) => u.includes('filelists'))).toBe(false);
    const result = await session.solve({ specs: ['/usr/lib64/libssl.so.3'], weakDeps: false, best: false });
    expect(result.ok && result.packages.some((p) => p.name === 'openssl-libs')).toBe(true);
    expect(server.requested.some((u) => u.includes('filelists'))).toBe(true);
  });

  it('a second start comes from the cache without fetching the pack again', async () => {
    const server = new FakeServer().mountFiles(`${PACKS}cs9/`, await packOf(CS9, 'cs9', false));
    const cache = await openRepoCache({ dbName: 'pack-cache' });
    const first = new ResolverSession(await newResolver(), { fetch: server.fetch, cache });
    expect((await first.addRepo({ kind: 'pack', url: `${PACKS}cs9/` })).ok).toBe(true);
    const fetched = server.requested.length;
    const second = new ResolverSession(await newResolver(), { fetch: server.fetch, cache });
    const again = await second.addRepo({ kind: 'pack', url: `${PACKS}cs9/` });
    expect(again.ok && again.value.fromCache).toBe(true);
    expect(server.requested.length).toBe(fetched);
  });

  it('accepts .gz files a server sent with Content-Encoding: gzip (unpacked by the browser), checked against their unpacked sha256', async () => {
    const { gunzipSync } = await import('fflate');
    const pack = await packOf(CS9, 'cs9', false);
    const unpacked = new Map([...pack].map(([name, bytes]) => [name, name.endsWith('.gz') ? gunzipSync(bytes) : bytes]));
    const session = await sessionWith(new FakeServer().mountFiles(`${PACKS}cs9/`, unpacked), 'pack-transport');
    const added = await session.addRepo({ kind: 'pack', url: `${PACKS}cs9/` });
    expect(added.ok && added.value.solvables).toBe(1125);
    const tampered = new Map(unpacked).set(PACK_FILES.comps, new TextEncoder().encode(new TextDecoder().decode(unpacked.get(PACK_FILES.comps)).replace('bash', 'bosh')));
    const refused = await (await sessionWith(new FakeServer().mountFiles(`${PACKS}cs9/`, tampered), 'pack-transport-bad')).addRepo({ kind: 'pack', url: `${PACKS}cs9/` });
    expect(!refused.ok && refused.error.message).toContain('comps.json: sha256 is');
  });

  it('fetches the search index only on the first search, and keeps it in the cache for the next start', async () => {
    const server = new FakeServer().mountFiles(`${PACKS}cs9/`, await packOf(CS9, 'cs9', false));
    const cache = await openRepoCache({ dbName: 'pack-search-later' });
    const first = new ResolverSession(await newResolver(), { fetch: server.fetch, cache });
    expect((await first.addRepo({ kind: 'pack', url: `${PACKS}cs9/` })).ok).toBe(true);
    expect(server.requested.some((u) => u.endsWith(PACK_FILES.search))).toBe(false);
    expect(server.requested.some((u) => u.endsWith(PACK_FILES.provenance))).toBe(false);
    expect((await first.search('openssh-ser', 5))[0]?.name).toBe('openssh-server');
    expect(server.requested.filter((u) => u.endsWith(PACK_FILES.search))).toHaveLength(1);
    // a second search, and a warm start's first, fetch nothing
    await first.search('bash', 5);
    const warm = new ResolverSession(await newResolver(), { fetch: server.fetch, cache });
    expect((await warm.addRepo({ kind: 'pack', url: `${PACKS}cs9/` })).ok && (await warm.search('openssh-ser', 5))[0]?.name).toBe('openssh-server');
    expect(server.requested.filter((u) => u.endsWith(PACK_FILES.search))).toHaveLength(1);
  });

  it('a damaged search index in a pack is refused on the first search, said in the repository notes, and search still answers', async () => {
    const pack = await packOf(CS9, 'cs9', false);
    const tampered = new Map(pack).set(PACK_FILES.search, pack.get(PACK_FILES.search)!.slice(0, -1));
    const session = await sessionWith(new FakeServer().mountFiles(`${PACKS}cs9/`, tampered), 'pack-search-bad');
    expect((await session.addRepo({ kind: 'pack', url: `${PACKS}cs9/` })).ok).toBe(true);
    expect((await session.search('openssh-ser', 5))[0]?.name).toBe('openssh-server');
    expect(session.listRepos()[0]?.notes.join(' ')).toMatch(/search\.json\.gz: got \d+ bytes, but pack\.json says \d+; the pack was refused\. Search uses an index built from the pool instead\./);
  });

  it('a bundled repository is read from the pack the build made for it: no XML, the same facts as its XML', async () => {
    const pack = await packOf(join(ROOT, 'public/repos', BUNDLE_ID), BUNDLE_ID);
    const app = 'https://app.test/';
    const withPack = new FakeServer()
      .mountFiles(`${app}packs/${BUNDLE_ID}/`, pack)
      .mountFiles(app, new Map([['packs/index.json', new TextEncoder().encode(JSON.stringify({ packs: [{ id: BUNDLE_ID, label: BUNDLE_ID, path: `${BUNDLE_ID}/` }] }))]]))
      .mount(`${app}repos/`, join(ROOT, 'public/repos'));
    const session = new ResolverSession(await newResolver(), { fetch: withPack.fetch, appBaseUrl: app });
    const added = await session.addRepo({ kind: 'bundle', id: BUNDLE_ID });
    if (!added.ok) throw new Error(added.error.message);
    expect(added.value).toMatchObject({ fromPack: true, identity: `bundle:${BUNDLE_ID}`, label: 'CentOS Stream 9 BaseOS (Feb 2022)', solvables: 1125 });
    expect(session.stats().xmlParses).toBe(0);
    expect(withPack.requested.some((u) => u.includes('/repodata/'))).toBe(false);

    // without a pack (a dev server before npm run build:packs) the XML is read
    const xmlOnly = new FakeServer().mount(`${app}repos/`, join(ROOT, 'public/repos'));
    const fallback = new ResolverSession(await newResolver(), { fetch: xmlOnly.fetch, appBaseUrl: app });
    const read = await fallback.addRepo({ kind: 'bundle', id: BUNDLE_ID });
    expect(read.ok && read.value.fromPack).toBeFalsy();
    expect(fallback.stats().xmlParses).toBe(1);
    expect(session.repoContent(BUNDLE_ID)?.facts).toMatchObject({ ...fallback.repoContent(BUNDLE_ID)?.facts, fetchedAt: expect.any(Number) });
  });

  it("carries the repository's advisories (its updateinfo), as a load of its XML reads them", async () => {
    const dir = join(ROOT, 'test/fixtures/advisories-cs9');
    const pack = await packOf(dir, 'adv');
    expect(pack.has(PACK_FILES.advisories)).toBe(true);
    const session = await sessionWith(new FakeServer().mountFiles(`${PACKS}adv/`, pack), 'pack-advisories');
    const added = await session.addRepo({ kind: 'pack', url: `${PACKS}adv/` });
    if (!added.ok) throw new Error(added.error.message);
    const xml = new ResolverSession(await newResolver(), { fetch: new FakeServer().mount('https://mirror.test/adv/', dir).fetch });
    expect((await xml.addRepo({ kind: 'url', url: 'https://mirror.test/adv/' }, { repoId: 'adv' })).ok).toBe(true);
    const advisories = session.repoContent('adv')?.advisories;
    expect(advisories?.length).toBeGreaterThan(0);
    expect(advisories).toEqual(xml.repoContent('adv')?.advisories);
  });

  it('refuses a pack whose file does not match its sha256, naming the file', async () => {
    const pack = await packOf(CS9, 'cs9', false);
    const comps = pack.get(PACK_FILES.comps) as Uint8Array;
    const tampered = new Map(pack).set(PACK_FILES.comps, new TextEncoder().encode(new TextDecoder().decode(comps).replace('"core"', '"c0re"')));
    const session = await sessionWith(new FakeServer().mountFiles(`${PACKS}cs9/`, tampered), 'pack-tampered');
    const added = await session.addRepo({ kind: 'pack', url: `${PACKS}cs9/` });
    expect(added.ok).toBe(false);
    if (!added.ok) expect(added.error).toMatchObject({ code: 'repo/checksum-mismatch', message: expect.stringContaining('comps.json: sha256 is') });
    expect(session.listRepos()).toEqual([]);
  });

  it('refuses a pack made by another resolver ABI, giving the command that rebuilds it', async () => {
    const pack = await packOf(CS9, 'cs9', false);
    const index = JSON.parse(new TextDecoder().decode(pack.get(PACK_FILES.index)));
    expect(index.solv.abiVersion).toBe((await newResolver()).version.abiVersion);
    index.solv.abiVersion = 2;
    const older = new Map(pack).set(PACK_FILES.index, new TextEncoder().encode(JSON.stringify(index)));
    const added = await (await sessionWith(new FakeServer().mountFiles(`${PACKS}cs9/`, older), 'pack-abi')).addRepo({ kind: 'pack', url: `${PACKS}cs9/` });
    expect(!added.ok && added.error.code).toBe('repo/pack-version');
    expect(!added.ok && added.error.hint).toContain(`npm run cli -- pack --repo cs9=${CS9} --out packs`);
  });

  it('reads a pack made at resolver ABI 3 (ABI 4 moved XML into rpmmd.wasm; a pack holds the same .solv), which ABI 4 refused', async () => {
    const pack = await packOf(CS9, 'cs9', false);
    const index = JSON.parse(new TextDecoder().decode(pack.get(PACK_FILES.index)));
    index.solv.abiVersion = 3;
    const made = new Map(pack).set(PACK_FILES.index, new TextEncoder().encode(JSON.stringify(index)));
    const added = await (await sessionWith(new FakeServer().mountFiles(`${PACKS}cs9/`, made), 'pack-abi-3')).addRepo({ kind: 'pack', url: `${PACKS}cs9/` });
    expect(added.ok && added.value.solvables).toBeGreaterThan(1000);
  });

  it('refuses a pack made with another .solv format, giving the command that rebuilds it', async () => {
    const pack = await packOf(CS9, 'cs9', false);
    const index = JSON.parse(new TextDecoder().decode(pack.get(PACK_FILES.index)));
    index.solv.formatVersion = 7;
    const older = new Map(pack).set(PACK_FILES.index, new TextEncoder().encode(JSON.stringify(index)));
    const session = await sessionWith(new FakeServer().mountFiles(`${PACKS}cs9/`, older), 'pack-older');
    const added = await session.addRepo({ kind: 'pack', url: `${PACKS}cs9/` });
    expect(added.ok).toBe(false);
    if (!added.ok) {
      expect(added.error.code).toBe('repo/pack-version');
      expect(added.error.message).toContain('.solv format v7');
      expect(added.error.hint).toContain(`npm run cli -- pack --repo cs9=${CS9} --out packs`);
    }
  });

  it('refuses a folder that is not a pack', async () => {
    const session = await sessionWith(new FakeServer().mountFiles(`${PACKS}x/`, new Map([['pack.json', new TextEncoder().encode('{"format":"something-else"}')]])), 'pack-not');
    const added = await session.addRepo({ kind: 'pack', url: `${PACKS}x/` });
    expect(!added.ok && added.error).toMatchObject({ code: 'repo/bad-pack', message: expect.stringContaining('not "azl-playground-pack"') });
  });

  it("keeps libsolv's file provides in the .solv, recorded as rpmmd2solv records them (native dumpsolv reads it)", async () => {
    requireCommand('dumpsolv');
    const { gunzipSync } = await import('fflate');
    const pack = await packOf(join(REPODATA, 'fedora32-el8-closures-bazeldnf/bash-fc32'), 'bash');
    const dir = mkdtempSync(join(tmpdir(), 'pack-solv-'));
    writeFileSync(join(dir, 'repo.solv'), gunzipSync(pack.get(PACK_FILES.solv) as Uint8Array));
    const dumped = execFileSync('dumpsolv', [join(dir, 'repo.solv')], { encoding: 'utf8' });
    expect(dumped).toContain('repository:addedfileprovides');
    expect(dumped).toMatch(/^repo size: \d+/m);
  });

  it('writes the same bytes for the same repository, and the .solv format this resolver reads', async () => {
    const a = await packOf(join(REPODATA, 'fedora32-el8-closures-bazeldnf/bash-fc32'), 'bash');
    const b = await packOf(join(REPODATA, 'fedora32-el8-closures-bazeldnf/bash-fc32'), 'bash');
    expect(a).toEqual(b);
    const { gunzipSync } = await import('fflate');
    expect(solvFormatVersion(gunzipSync(a.get(PACK_FILES.solv) as Uint8Array))).toBe(SOLV_FORMAT_VERSION);
    expect(JSON.parse(new TextDecoder().decode(a.get(PACK_FILES.index))).files).toHaveProperty([PACK_FILES.provenance]);
  });

  it("a project whose repository base-uri is a pack: URL builds its image from the pack, as from the bundled XML", async () => {
    const files = await demoFiles();
    const distro = 'distro/azurelinux.distro.toml';
    const server = new FakeServer().mountFiles(`${PACKS}cs9/`, await packOf(join(ROOT, 'public/repos', BUNDLE_ID), 'cs9'));
    const packed = new Map(files).set(distro, (files.get(distro) as string).replace(`base-uri = "bundle:${BUNDLE_ID}"`, `base-uri = "pack:${PACKS}cs9"`));
    const session = new PlaygroundSession(new ResolverSession(await newResolver(), { fetch: server.fetch, cache: await openRepoCache({ dbName: 'pack-project' }) }), () => newResolver(), 'x86_64');
    const fromPack = await session.buildImage({ files: packed, image: 'vm-base' });
    if (!fromPack.result.ok) throw new Error(JSON.stringify(fromPack.diagnostics));
    expect(fromPack.repos).toEqual([{ id: 'centos-stream-9-baseos', url: `pack:${PACKS}cs9`, repomdSha256: '0cbe8e69f4c634b7e7ec43a8e165ec92d43767a28f8d16a046026a679d3f8442' }]);
    expect(session.repos.stats().xmlParses).toBe(0);
    const cli = await import('node:child_process');
    const expected = cli.execFileSync(process.execPath, ['bin/azl-playground.mjs', 'image', 'public/examples/demo', '--image', 'vm-base', '--format', 'nevra'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    expect(fromPack.result.packages.map((p) => p.nevra).sort()).toEqual(expected.split('\n').filter(Boolean));
  });
});
