import 'fake-indexeddb/auto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildSearchIndex,
  fail,
  fetchRepo,
  loadAndCacheRepo,
  ok,
  openRepoCache,
  OTHER_WAYS_HINT,
  type RepoCache,
  type RepoError,
} from '../../../src/lib/repo/index.ts';
import { BASH_FC32, editRepomd, FakeServer, flipByte, requireCommand, pipeThroughCommand, readBytes, readTree, sha256Hex } from './support.ts';

const BASE = 'https://mirror.example/fedora/32/x86_64/';
const APP = 'https://playground.example';
const PRIMARY = 'repodata/primary.xml.gz';
const tree = readTree(BASH_FC32);
const repomdText = new TextDecoder().decode(tree.get('repodata/repomd.xml'));
const gz = tree.get(PRIMARY) as Uint8Array;

let dbCounter = 0;

/** Serves the bash-fc32 repo with some files replaced. */
function serverWith(replace: Record<string, Uint8Array | undefined>): FakeServer {
  const files = new Map(tree);
  for (const [path, bytes] of Object.entries(replace)) {
    if (bytes) files.set(path, bytes);
    else files.delete(path);
  }
  return new FakeServer().mountFiles(BASE, files);
}

/** repomd.xml whose primary entry describes `bytes` at `href` honestly, so only decompression can fail. */
async function honestRepomd(href: string, bytes: Uint8Array): Promise<Uint8Array> {
  const sha = await sha256Hex(bytes);
  const text = editRepomd(repomdText, 'primary', (block) =>
    block
      .replace(/<checksum type="sha256">\w+<\/checksum>/, `<checksum type="sha256">${sha}</checksum>`)
      .replace(/<location href="[^"]+"\/>/, `<location href="${href}"/>`)
      .replace(/<size>\d+<\/size>/, `<size>${bytes.length}</size>`),
  );
  return new TextEncoder().encode(text);
}

async function loadIntoCache(server: FakeServer): Promise<{ error?: RepoError; cache: RepoCache }> {
  const cache = await openRepoCache({ dbName: `corrupt-${++dbCounter}` });
  const result = await loadAndCacheRepo(() => fetchRepo({ url: BASE }, { fetch: server.fetch, appOrigin: APP }), cache, async () =>
    ok({ solv: new Uint8Array([1, 2, 3]), searchIndex: buildSearchIndex([]) }),
  );
  return result.ok ? { cache } : { error: result.error, cache };
}

const seen: { code: string; message: string }[] = [];

async function expectRefused(server: FakeServer, code: string, message: RegExp): Promise<RepoError> {
  const { error, cache } = await loadIntoCache(server);
  expect(error?.code).toBe(code);
  expect(error?.message).toMatch(message);
  expect(error?.hint.length).toBeGreaterThan(10);
  // nothing half-written: the cache holds no entry at all
  expect(await cache.list()).toEqual([]);
  cache.close();
  seen.push({ code, message: (error as RepoError).message });
  return error as RepoError;
}

describe('corrupt input: each gets its own clear message and leaves the cache empty', () => {
  it('control: the intact repo is cached', async () => {
    const { error, cache } = await loadIntoCache(serverWith({}));
    expect(error).toBeUndefined();
    const list = await cache.list();
    expect(list.map((s) => [s.identity, s.revision, s.packageCount])).toEqual([[`url:${BASE}`, 'bazeldnf-testdata', 79]]);
    cache.close();
  });

  it('truncated gzip (consistent repomd) → corrupt-compressed naming file and format', async () => {
    const cut = gz.subarray(0, gz.length - 500);
    await expectRefused(serverWith({ 'repodata/repomd.xml': await honestRepomd(PRIMARY, cut), [PRIMARY]: cut }), 'repo/corrupt-compressed', /^primary\.xml\.gz: the gzip data is truncated or corrupt/);
  });

  for (const [cmd, ext, format] of [
    ['zstd', 'zst', 'zstd'],
    ['xz', 'xz', 'xz'],
  ] as const) {
    it(`truncated ${format} (made with the ${cmd} command) → corrupt-compressed`, async () => {
      requireCommand(cmd);
      const xml = pipeThroughCommand('gzip', ['-dc'], gz);
      const packed = pipeThroughCommand(cmd, ['-c'], xml);
      const cut = packed.subarray(0, Math.floor(packed.length * 0.6));
      const href = `repodata/primary.xml.${ext}`;
      const { error, cache } = await loadIntoCache(serverWith({ 'repodata/repomd.xml': await honestRepomd(href, cut), [href]: cut }));
      expect(error?.code).toBe('repo/corrupt-compressed');
      expect(error?.message).toContain(`primary.xml.${ext}: the ${format} data is truncated or corrupt`);
      expect(await cache.list()).toEqual([]);
      cache.close();
    });
  }

  it('a download cut short → size-mismatch', async () => {
    await expectRefused(serverWith({ [PRIMARY]: gz.subarray(0, 1000) }), 'repo/size-mismatch', /^primary\.xml\.gz: got 1000 bytes, but repomd\.xml says 14685; the file is incomplete/);
  });

  it('a flipped byte → checksum-mismatch', async () => {
    await expectRefused(serverWith({ [PRIMARY]: flipByte(gz, 7000) }), 'repo/checksum-mismatch', /^primary\.xml\.gz: sha256 as downloaded is [0-9a-f]{64}, but repomd\.xml says df6b05c1/);
  });

  it('a wrong checksum in repomd.xml → checksum-mismatch', async () => {
    const wrong = repomdText.replace('df6b05c1f0cb69631dd92a88ac523fea56e0cc8db9aac0e5ed886fbd2fb3b502', 'ab'.repeat(32));
    const error = await expectRefused(serverWith({ 'repodata/repomd.xml': new TextEncoder().encode(wrong) }), 'repo/checksum-mismatch', /repomd\.xml says abab/);
    expect(error.message).toContain('The file was refused');
  });

  it('a wrong open-checksum → open-checksum-mismatch', async () => {
    const wrong = repomdText.replace('c688aa3b67e5244a7ba8b80a9eb7048ae5e813d9989183374cbda39f39117430', 'cd'.repeat(32));
    await expectRefused(serverWith({ 'repodata/repomd.xml': new TextEncoder().encode(wrong) }), 'repo/open-checksum-mismatch', /after decompression \(open-checksum\)/);
  });

  it('repomd.xml without primary → missing-primary', async () => {
    const none = repomdText.replace(/<data type="primary">[\s\S]*?<\/data>/, '');
    await expectRefused(serverWith({ 'repodata/repomd.xml': new TextEncoder().encode(none) }), 'repo/missing-primary', /lists no primary metadata/);
  });

  it('an HTML page served as repomd.xml → html-not-xml', async () => {
    const html = new TextEncoder().encode('<!DOCTYPE html><html><body>Welcome to nginx!</body></html>');
    await expectRefused(serverWith({ 'repodata/repomd.xml': html }), 'repo/html-not-xml', /is an HTML page, not repository metadata/);
  });

  it('an HTML error page served under primary.xml.gz → html-not-xml naming the file', async () => {
    const html = new TextEncoder().encode('<!DOCTYPE html><html><body><h1>503 Service Unavailable</h1></body></html>');
    await expectRefused(serverWith({ [PRIMARY]: html }), 'repo/html-not-xml', /^primary\.xml\.gz: the server sent an HTML page instead of this file\.$/);
  });

  it('malformed repomd.xml → malformed-xml with line:col', async () => {
    const broken = new TextEncoder().encode(repomdText.replace('<size>14685</size>', '<size>14685</sise>'));
    const error = await expectRefused(serverWith({ 'repodata/repomd.xml': broken }), 'repo/malformed-xml', /^repomd\.xml:9:\d+: malformed XML/);
    expect(error.diagnostic).toMatchObject({ file: 'repomd.xml', line: 9, severity: 'error' });
  });

  it('404 → http-not-found', async () => {
    await expectRefused(serverWith({ [PRIMARY]: undefined }), 'repo/http-not-found', /primary\.xml\.gz was not found \(HTTP 404 Not Found\)/);
  });

  it('other HTTP errors → http-error with the status', async () => {
    const server = serverWith({});
    server.routes.set(`${BASE}repodata/repomd.xml`, { status: 503 });
    await expectRefused(server, 'repo/http-error', /\(HTTP 503\)/);
  });

  it('CORS: fetch throws TypeError for a cross-origin URL the server answers without CORS → says CORS and offers the other two ways', async () => {
    const server = serverWith({});
    // as a browser does: the CORS request fails, a no-cors request gets an (opaque) answer
    server.routes.set(`${BASE}repodata/repomd.xml`, (_url, init) => {
      if (init?.mode === 'no-cors') return new Response(null);
      throw new TypeError('Failed to fetch');
    });
    const error = await expectRefused(server, 'repo/cors', /does not send a CORS header \(Access-Control-Allow-Origin\)/);
    expect(error.message).toContain('https://mirror.example');
    expect(error.hint).toContain(OTHER_WAYS_HINT);
  });

  it('a cross-origin server that does not answer at all is not blamed on CORS', async () => {
    const cache = await openRepoCache({ dbName: `corrupt-${++dbCounter}` });
    const server = new FakeServer();
    server.routes.set(`${BASE}repodata/repomd.xml`, () => {
      throw new TypeError('Failed to fetch');
    });
    const result = await loadAndCacheRepo(() => fetchRepo({ url: BASE }, { fetch: server.fetch, appOrigin: APP }), cache);
    expect(!result.ok && [result.error.code, result.error.message]).toEqual(['repo/network', expect.stringContaining('the host does not exist, or nothing answers on port 443; the browser does not say which')]);
    cache.close();
  });

  it('the same TypeError on the page’s own origin is a network error, not CORS', async () => {
    const cache = await openRepoCache({ dbName: `corrupt-${++dbCounter}` });
    const server = new FakeServer();
    server.routes.set(`${APP}/repo/repodata/repomd.xml`, () => {
      throw new TypeError('Failed to fetch');
    });
    const result = await loadAndCacheRepo(() => fetchRepo({ url: `${APP}/repo/` }, { fetch: server.fetch, appOrigin: APP }), cache);
    expect(!result.ok && result.error.code).toBe('repo/network');
    expect(await cache.list()).toEqual([]);
    cache.close();
  });

  it('a failing prepare step (resolver) writes nothing either', async () => {
    const cache = await openRepoCache({ dbName: `corrupt-${++dbCounter}` });
    const result = await loadAndCacheRepo(() => fetchRepo({ url: BASE }, { fetch: serverWith({}).fetch }), cache, async () => fail('repo/size-mismatch', 'resolver failed', 'retry'));
    expect(result.ok).toBe(false);
    expect(await cache.list()).toEqual([]);
    cache.close();
  });

  it('every failure above has its own code and message', () => {
    expect([...new Set(seen.map((s) => s.code))].sort()).toEqual([
      'repo/checksum-mismatch',
      'repo/corrupt-compressed',
      'repo/cors',
      'repo/html-not-xml',
      'repo/http-error',
      'repo/http-not-found',
      'repo/malformed-xml',
      'repo/missing-primary',
      'repo/open-checksum-mismatch',
      'repo/size-mismatch',
    ]);
    expect(new Set(seen.map((s) => s.message)).size).toBe(seen.length);
  });
});
