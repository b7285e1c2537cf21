import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { fetchRepo, parseComps, type RepoLoadProgress } from '../../../src/lib/repo/index.ts';
import { CS9, FakeServer, readBytes, readTree, sha256Hex } from './support.ts';

const MIRROR = 'https://mirror.example/centos/9-stream/BaseOS/x86_64/os/';
const APP = 'https://playground.example';

function cs9Server(prefix = MIRROR): FakeServer {
  return new FakeServer().mount(prefix, CS9);
}

describe('fetchRepo from a baseurl', () => {
  it('loads CS9 BaseOS: primary verified and decompressed, comps parsed, filelists lazy, notes on missing files', async () => {
    const server = cs9Server();
    const progress: RepoLoadProgress[] = [];
    const loaded = await fetchRepo({ url: MIRROR }, { fetch: server.fetch, appOrigin: APP, onProgress: (p) => progress.push(p), now: () => 1_700_000_000_000 });
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    const { info, primary, comps, filelists, notes } = loaded.value;
    expect(info.identity).toBe(`url:${MIRROR}`);
    expect(info.revision).toBe('1644263915');
    expect(info.packageCount).toBe(1125);
    expect(info.repomdChecksum).toBe(await sha256Hex(readBytes(join(CS9, 'repodata/repomd.xml'))));
    expect(info.fetchedAt).toBe(1_700_000_000_000);
    expect(primary).toBeInstanceOf(Uint8Array);
    expect(primary.length).toBe(8471009);
    expect(await sha256Hex(primary)).toBe('4fd621cd9253a7d7013af758bbf4b200142f29515ad0fb99d544864a5ad7e4a7');
    expect(comps?.groups.some((g) => g.id === 'core')).toBe(true);
    // filelists is not fetched until asked for
    expect(server.requested.some((u) => u.includes('filelists'))).toBe(false);
    expect(filelists?.size).toBe(612567);
    const files = await filelists?.load();
    expect(files?.ok && files.value.length).toBe(5894169);
    // group_gz was used; plain `group` was never needed
    expect(server.requested.some((u) => u.endsWith('comps-BaseOS.x86_64.xml'))).toBe(false);
    expect(notes).toEqual([]);
    const file = '130494033cb9bffa40828ebc814d016920d9ce5d60041467af283ffcf38adef0-primary.xml.gz';
    // the download in steps, then its checksum and its decompression
    expect(progress.filter((p) => p.type === 'primary' && p.step).map((p) => p.step)).toEqual(['verify', 'decompress']);
    expect(progress.filter((p) => p.type === 'primary').at(-1)).toEqual({ type: 'primary', file, loaded: 1063488, total: 1063488, step: 'decompress' });
    const primaryProgress = progress.filter((p) => p.type === 'primary' && !p.step);
    expect(primaryProgress.length).toBeGreaterThan(10);
    expect(primaryProgress.at(-1)).toEqual({ type: 'primary', file, loaded: 1063488, total: 1063488 });
    for (let i = 1; i < primaryProgress.length; i++) expect(primaryProgress[i]!.loaded).toBeGreaterThan(primaryProgress[i - 1]!.loaded);
  });

  it('expands $releasever and $basearch and accepts a URL that ends in repodata/repomd.xml', async () => {
    const server = cs9Server('https://mirror.example/centos/9-stream/BaseOS/x86_64/os/');
    const loaded = await fetchRepo(
      { url: 'https://mirror.example/centos/${releasever}-stream/BaseOS/$basearch/os/repodata/repomd.xml', vars: { releasever: '9', basearch: 'x86_64' } },
      { fetch: server.fetch, appOrigin: APP },
    );
    expect(loaded.ok && loaded.value.info.baseUrl).toBe(MIRROR);
  });

  it('refuses a URL with a variable that has no value', async () => {
    const loaded = await fetchRepo({ url: 'https://m.example/$releasever/os/' }, { fetch: new FakeServer().fetch });
    expect(!loaded.ok && loaded.error.code).toBe('repo/unexpanded-variable');
  });

  it('cancels through an AbortSignal mid-download', async () => {
    const server = cs9Server();
    const controller = new AbortController();
    const loaded = await fetchRepo(
      { url: MIRROR },
      {
        fetch: server.fetch,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.type === 'primary' && p.loaded > 200_000) controller.abort();
        },
      },
    );
    expect(!loaded.ok && loaded.error.code).toBe('repo/cancelled');
  });

  it('retries a lazy filelists load after a failure, and memoises success', async () => {
    const server = cs9Server();
    const loaded = await fetchRepo({ url: MIRROR }, { fetch: server.fetch });
    if (!loaded.ok) throw new Error(loaded.error.message);
    const href = `${MIRROR}${loaded.value.info.repomd.data.filelists!.href}`;
    server.routes.set(href, { status: 503 });
    const first = await loaded.value.filelists!.load();
    expect(!first.ok && first.error.code).toBe('repo/http-error');
    server.routes.delete(href);
    const second = await loaded.value.filelists!.load();
    expect(second.ok).toBe(true);
    const count = server.requested.filter((u) => u === href).length;
    await loaded.value.filelists!.load();
    expect(server.requested.filter((u) => u === href).length).toBe(count);
  });
});

describe('fetchRepo from a metalink or mirrorlist', () => {
  const repomd = readBytes(join(CS9, 'repodata/repomd.xml'));

  function metalink(hash: string, urls: string[]): string {
    return `<?xml version="1.0" encoding="utf-8"?>
<metalink version="3.0" xmlns="http://www.metalinker.org/" type="dynamic" xmlns:mm0="http://fedorahosted.org/mirrormanager">
 <files>
  <file name="repomd.xml">
   <mm0:timestamp>1644263915</mm0:timestamp>
   <size>${repomd.length}</size>
   <verification>
    <hash type="md5">00000000000000000000000000000000</hash>
    <hash type="sha256">${hash}</hash>
   </verification>
   <resources maxconnections="1">
${urls.map((u, i) => `    <url protocol="${u.split(':')[0]}" type="${u.split(':')[0]}" location="US" preference="${100 - i}">${u}</url>`).join('\n')}
   </resources>
  </file>
 </files>
</metalink>`;
  }

  it('picks the first https mirror, verifies repomd.xml against the metalink hash, and skips a dead mirror', async () => {
    const good = 'https://good.example/cs9/';
    const server = new FakeServer().mount(good, CS9);
    const ml = 'https://mirrors.example/metalink?repo=baseos-9-stream&arch=x86_64';
    server.routes.set(ml, new TextEncoder().encode(metalink(await sha256Hex(repomd), ['http://plain.example/cs9/repodata/repomd.xml', 'https://dead.example/cs9/repodata/repomd.xml', `${good}repodata/repomd.xml`])));
    const loaded = await fetchRepo({ url: ml }, { fetch: server.fetch, appOrigin: APP });
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.value.info.baseUrl).toBe(good);
    expect(loaded.value.info.identity).toBe(`url:${ml}`);
    expect(loaded.value.notes).toContain(`Mirror used: ${good}`);
    // https mirrors come before http ones
    expect(server.requested.indexOf('https://dead.example/cs9/repodata/repomd.xml')).toBeGreaterThan(0);
    expect(server.requested).not.toContain('http://plain.example/cs9/repodata/repomd.xml');
  });

  it('refuses a repomd.xml that matches none of the metalink hashes', async () => {
    const good = 'https://good.example/cs9/';
    const server = new FakeServer().mount(good, CS9);
    const ml = 'https://mirrors.example/metalink?repo=x';
    server.routes.set(ml, new TextEncoder().encode(metalink('ab'.repeat(32), [`${good}repodata/repomd.xml`])));
    const loaded = await fetchRepo({ url: ml }, { fetch: server.fetch });
    expect(!loaded.ok && loaded.error.code).toBe('repo/metalink-mismatch');
  });

  it('reads a mirrorlist and uses its first mirror', async () => {
    const server = new FakeServer().mount('https://one.example/cs9/', CS9);
    const list = 'https://mirrors.example/mirrorlist?release=9-stream&arch=x86_64&repo=BaseOS';
    server.routes.set(list, new TextEncoder().encode('# mirrors\nhttps://one.example/cs9/\nhttps://two.example/cs9/\n'));
    const loaded = await fetchRepo({ url: list }, { fetch: server.fetch });
    expect(loaded.ok && loaded.value.info.baseUrl).toBe('https://one.example/cs9/');
    expect(server.requested.some((u) => u.startsWith('https://two.example'))).toBe(false);
  });
});

describe('comps variants', () => {
  it('skips a listed-but-missing variant with a note and uses the next one', async () => {
    const gzHref = 'repodata/2ac4e27794f840034a13bb60800aba194e89fcd2175c87f57cfbd649139feff3-comps-BaseOS.x86_64.xml.gz';
    const plain = new Uint8Array(gunzipSync(readBytes(join(CS9, gzHref))));
    // repomd.xml lists group_gz (whose file we remove) and a plain `group` we serve.
    const repomdText = readFileSync(join(CS9, 'repodata/repomd.xml'), 'utf8').replace(
      /<data type="group">[\s\S]*?<\/data>/,
      `<data type="group"><checksum type="sha256">${await sha256Hex(plain)}</checksum><location href="repodata/comps.xml"/><size>${plain.length}</size></data>`,
    );
    const files = new Map(readTree(CS9));
    files.set('repodata/repomd.xml', new TextEncoder().encode(repomdText));
    files.set('repodata/comps.xml', plain);
    files.delete(gzHref);
    const loaded = await fetchRepo({ url: MIRROR }, { fetch: new FakeServer().mountFiles(MIRROR, files).fetch });
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.value.notes).toEqual([`group_gz (${gzHref.slice('repodata/'.length)}) is listed in repomd.xml but not present; skipped.`]);
    const direct = parseComps(new TextDecoder().decode(plain));
    expect(direct.ok && loaded.value.comps).toEqual(direct.ok && direct.value);
  });
});

describe('a server that sends .gz files with Content-Encoding: gzip (regression: vite preview)', () => {
  const primaryHref = 'repodata/130494033cb9bffa40828ebc814d016920d9ce5d60041467af283ffcf38adef0-primary.xml.gz';

  it('accepts the already-decompressed bytes when they match the open-checksum', async () => {
    const server = cs9Server();
    server.routes.set(MIRROR + primaryHref, gunzipSync(readBytes(join(CS9, primaryHref))));
    const loaded = await fetchRepo({ url: MIRROR }, { fetch: server.fetch, appOrigin: APP });
    expect(loaded.ok && loaded.value.primary.length).toBe(8471009);
  });

  it('still refuses decompressed bytes that do not match', async () => {
    const server = cs9Server();
    const bytes = gunzipSync(readBytes(join(CS9, primaryHref)));
    bytes[5000] = (bytes[5000] ?? 0) ^ 0xff;
    server.routes.set(MIRROR + primaryHref, bytes);
    const loaded = await fetchRepo({ url: MIRROR }, { fetch: server.fetch, appOrigin: APP });
    expect(loaded.ok).toBe(false);
  });
});

describe('fetchRepo reads the optional files beside primary.xml', () => {
  it('comps is requested while primary.xml is still downloading, and none of its progress shows before primary is in (no flicker between files)', async () => {
    const server = cs9Server();
    let compsRequested!: () => void;
    const compsAsked = new Promise<boolean>((resolve) => (compsRequested = () => resolve(true)));
    let compsBeforePrimaryAnswered = false;
    // primary.xml's answer waits for the comps request (2 s at most, so a loader that asks for comps only after primary fails rather than hangs)
    const gated: typeof server.fetch = async (url, init) => {
      if (url.includes('comps')) compsRequested();
      if (url.includes('primary')) compsBeforePrimaryAnswered = await Promise.race([compsAsked, new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2000))]);
      return server.fetch(url, init);
    };
    const order: string[] = [];
    const loaded = await fetchRepo({ url: MIRROR }, { fetch: gated, appOrigin: APP, onProgress: (p) => order.push(p.type) });
    expect(compsBeforePrimaryAnswered).toBe(true);
    expect(loaded.ok && loaded.value.comps?.groups.some((g) => g.id === 'core')).toBe(true);
    const lastPrimary = order.lastIndexOf('primary');
    expect(lastPrimary).toBeGreaterThan(0);
    expect(order.slice(0, lastPrimary).filter((type) => type !== 'primary' && type !== 'repomd')).toEqual([]);
  });
});
