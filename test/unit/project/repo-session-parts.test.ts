import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ResolverSession } from '../../../src/lib/project/repo-session.ts';
import { openRepoCache, type LocalFile } from '../../../src/lib/repo/index.ts';
import { inThreadConverter, type OpenPartConverters } from '../../../src/lib/resolve/parts.ts';
import { RpmmdEngine } from '../../../src/lib/resolve/rpmmd-engine.ts';
import { createResolver, REPODATA, rpmmdModule } from '../../support/wasm.ts';
import { editRepomd, pipeThroughCommand, requireCommand, sha256Hex } from '../repo/support.ts';

const DEB = join(REPODATA, 'debian-bookworm-as-rpmmd');

function localFiles(dir: string, damage?: (name: string, data: Uint8Array) => Uint8Array): LocalFile[] {
  return readdirSync(join(dir, 'repodata')).map((name) => {
    const data = new Uint8Array(readFileSync(join(dir, 'repodata', name)));
    return { path: `repodata/${name}`, data: damage ? damage(name, data) : data };
  });
}

/** Two converters in this thread that count the parts they are given. */
async function countingConverters(): Promise<{ open: OpenPartConverters; parts: () => number }> {
  const module = await rpmmdModule();
  let parts = 0;
  const counted = () => {
    const inner = inThreadConverter(module);
    return { convert: (part: Uint8Array) => (parts++, inner.convert(part)) };
  };
  return { open: () => ({ converters: [counted(), counted()], close: () => undefined }), parts: () => parts };
}

describe('a session with parse workers', () => {
  it('loads the Debian fixture in parts, parsed while its primary.xml.gz is decompressed, into the same .solv as one parse', { timeout: 240_000 }, async () => {
    const { open, parts } = await countingConverters();
    // two cores: files already read are not split after they are decompressed, but a compressed
    // primary.xml is parsed while it is decompressed, as a download is while it arrives
    const split = new ResolverSession(await createResolver(), { fetch, cache: await openRepoCache({ dbName: 'parts-split' }), openPartConverters: open, parallelParse: 'download' });
    const whole = new ResolverSession(await createResolver(), { fetch, cache: await openRepoCache({ dbName: 'parts-whole' }) });
    const mergedAtTheEnd = vi.spyOn(RpmmdEngine.prototype, 'mergeSolvParts');
    const a = await split.addRepo({ kind: 'local', files: localFiles(DEB), label: 'deb' }, { repoId: 'deb' });
    expect(mergedAtTheEnd).not.toHaveBeenCalled();
    mergedAtTheEnd.mockRestore();
    const b = await whole.addRepo({ kind: 'local', files: localFiles(DEB), label: 'deb' }, { repoId: 'deb' });
    expect(a.ok && a.value.solvables).toBe(63440);
    expect(parts()).toBeGreaterThan(20);
    expect(b.ok && b.value.solvables).toBe(63440);
    expect(Buffer.from(split.repoContent('deb')!.solv).equals(Buffer.from(whole.repoContent('deb')!.solv))).toBe(true);
  });

  it("with parallelParse 'download' parses a primary.xml read already decompressed in one piece (two cores: the join would cost more)", async () => {
    const { open, parts } = await countingConverters();
    const dir = join(REPODATA, 'centos-stream-9-baseos-2022');
    const gzName = readdirSync(join(dir, 'repodata')).find((n) => n.endsWith('primary.xml.gz'))!;
    const plain = pipeThroughCommand('gzip', ['-dc'], new Uint8Array(readFileSync(join(dir, 'repodata', gzName))));
    const repomd = editRepomd(readFileSync(join(dir, 'repodata', 'repomd.xml'), 'utf8'), 'primary', (block) =>
      block
        .replace(/<checksum type="sha256">\w+<\/checksum>/, `<checksum type="sha256">${createHash('sha256').update(plain).digest('hex')}</checksum>`)
        .replace(/<location href="[^"]+"\/>/, '<location href="repodata/primary.xml"/>')
        .replace(/<size>\d+<\/size>/, `<size>${plain.length}</size>`),
    );
    const files = [
      { path: 'repodata/repomd.xml', data: new TextEncoder().encode(repomd) },
      { path: 'repodata/primary.xml', data: plain },
    ];
    const session = new ResolverSession(await createResolver(), { fetch, openPartConverters: open, parallelParse: 'download' });
    const added = await session.addRepo({ kind: 'local', files, label: 'baseos' }, { repoId: 'baseos' });
    expect(added.ok).toBe(true);
    expect(parts()).toBe(0);
  });

  it('still refuses a primary.xml.gz whose sha256 does not match, though its parts were being parsed, and keeps nothing', async () => {
    const { open, parts } = await countingConverters();
    const session = new ResolverSession(await createResolver(), { fetch, cache: await openRepoCache({ dbName: 'parts-mismatch' }), openPartConverters: open });
    const flipped = localFiles(DEB, (name, data) => {
      if (!name.endsWith('primary.xml.gz')) return data;
      const copy = data.slice();
      copy[7000] = copy[7000]! ^ 0xff;
      return copy;
    });
    const added = await session.addRepo({ kind: 'local', files: flipped, label: 'deb' }, { repoId: 'deb' });
    expect(added.ok).toBe(false);
    if (!added.ok) expect(added.error).toMatchObject({ code: 'repo/checksum-mismatch', message: expect.stringMatching(/primary\.xml\.gz: sha256 .* repomd\.xml says/) });
    expect(session.listRepos()).toEqual([]);
  });
});

const BASEOS = join(REPODATA, 'centos-stream-9-baseos-2022');
const REPO_URL = 'http://repo.test/baseos/';

/** Serves the BaseOS fixture under REPO_URL in 16 KB chunks, as a download arrives; DAMAGE may change a file, EXTRA adds or replaces files by name. */
function servedRepo(damage?: (name: string, data: Uint8Array) => Uint8Array, extra = new Map<string, Uint8Array>()): (url: string) => Promise<Response> {
  return async (url) => {
    if (!url.startsWith(REPO_URL)) return new Response('not found', { status: 404 });
    const name = url.slice(REPO_URL.length).replace(/^repodata\//, '');
    let data: Uint8Array;
    try {
      data = extra.get(name) ?? new Uint8Array(readFileSync(join(BASEOS, 'repodata', name)));
    } catch {
      return new Response('not found', { status: 404 });
    }
    if (damage) data = damage(name, data);
    let offset = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (offset >= data.length) return controller.close();
        controller.enqueue(data.slice(offset, offset + 16384));
        offset += 16384;
      },
    });
    return new Response(body, { headers: { 'content-length': String(data.length) } });
  };
}

describe('a session with parse workers and a downloaded primary.xml.gz', () => {
  /** Loads REPO_URL served by FETCH with parse workers, expecting parts converted during the download, and the .solv of one parse of the .gz fixture. */
  async function expectStreamedLikeWhole(fetch: (url: string) => Promise<Response>, dbName: string): Promise<void> {
    const module = await rpmmdModule();
    let parseStarted = false;
    let convertedBeforeParse = 0;
    const inner = inThreadConverter(module);
    const open: OpenPartConverters = () => ({
      converters: [{ convert: (part) => ((convertedBeforeParse += parseStarted ? 0 : 1), inner.convert(part)) }, inThreadConverter(module)],
      close: () => undefined,
    });
    const streamed = new ResolverSession(await createResolver(), { fetch, cache: await openRepoCache({ dbName }), openPartConverters: open });
    const mergedAtTheEnd = vi.spyOn(RpmmdEngine.prototype, 'mergeSolvParts');
    const added = await streamed.addRepo({ kind: 'url', url: REPO_URL }, { repoId: 'baseos' }, (p) => (parseStarted ||= p.phase === 'parse'));
    if (!added.ok) throw new Error(added.error.message);
    // parts were converted during the download, before the verified file reached the parse step,
    // and joined as they were: the load's end only wrote the .solv
    expect(convertedBeforeParse).toBeGreaterThan(0);
    expect(mergedAtTheEnd).not.toHaveBeenCalled();
    mergedAtTheEnd.mockRestore();
    const whole = new ResolverSession(await createResolver(), { fetch: servedRepo(), cache: await openRepoCache({ dbName: `${dbName}-whole` }) });
    expect((await whole.addRepo({ kind: 'url', url: REPO_URL }, { repoId: 'baseos' })).ok).toBe(true);
    expect(Buffer.from(streamed.repoContent('baseos')!.solv).equals(Buffer.from(whole.repoContent('baseos')!.solv))).toBe(true);
  }

  it('parses it while it arrives, into the same .solv as one parse', { timeout: 120_000 }, async () => {
    await expectStreamedLikeWhole(servedRepo(), 'parts-stream');
  });

  for (const [command, ext] of [
    ['zstd', 'zst'],
    ['xz', 'xz'],
  ] as const) {
    it(`parses a primary.xml.${ext} (made with the ${command} command) while it arrives too (only .gz was), into the same .solv as one parse`, { timeout: 120_000 }, async () => {
      requireCommand(command);
      const gzName = readdirSync(join(BASEOS, 'repodata')).find((n) => n.endsWith('primary.xml.gz'))!;
      const packed = pipeThroughCommand(command, ['-c'], pipeThroughCommand('gzip', ['-dc'], new Uint8Array(readFileSync(join(BASEOS, 'repodata', gzName)))));
      const name = `primary.xml.${ext}`;
      const sha = await sha256Hex(packed);
      const repomd = editRepomd(readFileSync(join(BASEOS, 'repodata', 'repomd.xml'), 'utf8'), 'primary', (block) =>
        block
          .replace(/<checksum type="sha256">\w+<\/checksum>/, `<checksum type="sha256">${sha}</checksum>`)
          .replace(/<location href="[^"]+"\/>/, `<location href="repodata/${name}"/>`)
          .replace(/<size>\d+<\/size>/, `<size>${packed.length}</size>`),
      );
      const files = new Map([
        ['repomd.xml', new TextEncoder().encode(repomd)],
        [name, packed],
      ]);
      await expectStreamedLikeWhole(servedRepo(undefined, files), `parts-stream-${ext}`);
    });
  }

  it('refuses a download whose sha256 does not match, although its parts were being parsed', async () => {
    const module = await rpmmdModule();
    const open: OpenPartConverters = () => ({ converters: [inThreadConverter(module)], close: () => undefined });
    const flip = (name: string, data: Uint8Array) => {
      if (!name.endsWith('primary.xml.gz')) return data;
      const copy = data.slice();
      copy[copy.length - 9] = copy[copy.length - 9]! ^ 0x01;
      return copy;
    };
    const session = new ResolverSession(await createResolver(), { fetch: servedRepo(flip), cache: await openRepoCache({ dbName: 'parts-stream-flip' }), openPartConverters: open });
    const added = await session.addRepo({ kind: 'url', url: REPO_URL }, { repoId: 'baseos' });
    expect(added.ok).toBe(false);
    if (!added.ok) expect(added.error).toMatchObject({ code: 'repo/checksum-mismatch', message: expect.stringMatching(/primary\.xml\.gz: sha256 .* repomd\.xml says/) });
    expect(session.listRepos()).toEqual([]);
  });
});
