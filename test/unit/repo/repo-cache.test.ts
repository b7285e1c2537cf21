import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  buildSearchIndex,
  DB_VERSION,
  openRepoCache,
  REPO_CACHE_DB_NAME,
  type RepoCacheRecord,
  type RepoFacts,
} from '../../../src/lib/repo/index.ts';

let dbCounter = 0;
const freshName = () => `${REPO_CACHE_DB_NAME}-test-${++dbCounter}`;
const HOUR = 3600_000;

function facts(identity: string, checksum: string, fetchedAt: number): RepoFacts {
  return { identity, source: 'url', label: identity.replace(/^url:/, ''), revision: '1644263915', repomdChecksum: checksum, fetchedAt, packageCount: 2, files: [{ type: 'primary', href: 'repodata/p.xml.gz', size: 10, openSize: 40, timestamp: 1 }] };
}

function record(identity: string, checksum: string, fetchedAt: number, solvSize = 1000): RepoCacheRecord {
  return {
    facts: facts(identity, checksum, fetchedAt),
    solv: new Uint8Array(solvSize).fill(7),
    comps: { groups: [{ id: 'core', name: { text: 'Core', translations: {} }, description: { text: '', translations: {} }, isDefault: false, userVisible: false, packages: [{ name: 'bash', type: 'mandatory' }] }], environments: [], categories: [] },
    searchIndex: buildSearchIndex([{ name: 'bash', evr: '5.1-1', arch: 'x86_64', repo: 'r', summary: 'The GNU Bourne Again shell', provides: ['/bin/sh'] }]),
  };
}

describe('openRepoCache (IndexedDB)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('creates one versioned database with its stores', async () => {
    const name = freshName();
    const cache = await openRepoCache({ dbName: name });
    expect(cache.backend).toBe('indexeddb');
    cache.close();
    const req = indexedDB.open(name);
    const db = await new Promise<IDBDatabase>((resolve) => (req.onsuccess = () => resolve(req.result)));
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['entries', 'payloads', 'search']);
    db.close();
  });

  it('drops the records of a version 1 database, whose .solv files lack the recorded file provides', async () => {
    const name = freshName();
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => {
      const entries = req.result.createObjectStore('entries', { keyPath: ['identity', 'repomdChecksum'] });
      entries.createIndex('by-identity', 'identity');
      req.result.createObjectStore('payloads', { keyPath: ['identity', 'repomdChecksum'] });
      const old = record('url:https://m/a/', 'c1', 9 * HOUR);
      entries.put({ ...old.facts });
      req.transaction?.objectStore('payloads').put({ identity: old.facts.identity, repomdChecksum: 'c1', solv: old.solv });
    };
    const v1 = await new Promise<IDBDatabase>((resolve) => (req.onsuccess = () => resolve(req.result)));
    const count = await new Promise<number>((resolve) => {
      const c = v1.transaction('entries').objectStore('entries').count();
      c.onsuccess = () => resolve(c.result);
    });
    expect(count).toBe(1);
    v1.close();
    const cache = await openRepoCache({ dbName: name, now: () => 10 * HOUR });
    expect(cache.backend).toBe('indexeddb');
    expect(await cache.list()).toEqual([]);
    expect(await cache.get('url:https://m/a/', 'c1')).toBeUndefined();
    cache.close();
  });

  it('round-trips a record: .solv bytes, comps model and search index', async () => {
    const cache = await openRepoCache({ dbName: freshName(), now: () => 10 * HOUR });
    const put = await cache.put(record('url:https://m/a/', 'c1', 9 * HOUR));
    expect(put).toEqual({ storedIn: 'indexeddb', quotaExceeded: false });
    const back = await cache.get('url:https://m/a/', 'c1');
    expect(back?.solv).toEqual(new Uint8Array(1000).fill(7));
    expect(back?.comps?.groups[0]?.packages[0]?.name).toBe('bash');
    // the index is read apart from the payload: a warm start loads the pool without it
    expect(back?.searchIndex).toBeUndefined();
    const index = await cache.getSearchIndex('url:https://m/a/', 'c1');
    expect(index?.names).toEqual(['bash']);
    expect(index?.nameStarts).toBeInstanceOf(Int32Array);
    expect(await cache.get('url:https://m/a/', 'other')).toBeUndefined();
    expect(await cache.getSearchIndex('url:https://m/a/', 'other')).toBeUndefined();
    cache.close();
  });

  it('keeps a search index built after the load with its repository version, and not for one that is not cached', async () => {
    const cache = await openRepoCache({ dbName: freshName(), now: () => 10 * HOUR });
    const { searchIndex, ...withoutIndex } = record('url:https://m/a/', 'c1', 9 * HOUR);
    await cache.put(withoutIndex);
    const sizeBefore = (await cache.list())[0]?.sizeBytes ?? 0;
    expect(await cache.getSearchIndex('url:https://m/a/', 'c1')).toBeUndefined();
    expect(await cache.putSearchIndex('url:https://m/a/', 'c1', searchIndex!)).toBe(true);
    expect((await cache.getSearchIndex('url:https://m/a/', 'c1'))?.names).toEqual(['bash']);
    expect((await cache.list())[0]?.sizeBytes).toBeGreaterThan(sizeBefore);
    expect(await cache.putSearchIndex('url:https://m/a/', 'not-cached', searchIndex!)).toBe(false);
    expect(await cache.delete('url:https://m/a/')).toBe(1);
    expect(await cache.getSearchIndex('url:https://m/a/', 'c1')).toBeUndefined();
    cache.close();
  });

  it('moves the search indexes of a version 2 database out of its payloads, keeping the .solv', async () => {
    const name = freshName();
    const old = record('url:https://m/a/', 'c1', 9 * HOUR);
    const req = indexedDB.open(name, 2);
    req.onupgradeneeded = () => {
      const entries = req.result.createObjectStore('entries', { keyPath: ['identity', 'repomdChecksum'] });
      entries.createIndex('by-identity', 'identity');
      req.result.createObjectStore('payloads', { keyPath: ['identity', 'repomdChecksum'] });
      entries.put({ identity: old.facts.identity, repomdChecksum: 'c1', facts: old.facts, sizeBytes: 1000, cachedAt: 9 * HOUR });
      req.transaction?.objectStore('payloads').put({ identity: old.facts.identity, repomdChecksum: 'c1', solv: old.solv, searchIndex: old.searchIndex });
    };
    (await new Promise<IDBDatabase>((resolve) => (req.onsuccess = () => resolve(req.result)))).close();
    const cache = await openRepoCache({ dbName: name, now: () => 10 * HOUR });
    expect((await cache.get('url:https://m/a/', 'c1'))?.solv).toEqual(old.solv);
    expect((await cache.getSearchIndex('url:https://m/a/', 'c1'))?.names).toEqual(['bash']);
    cache.close();
    const raw = indexedDB.open(name);
    const db = await new Promise<IDBDatabase>((resolve) => (raw.onsuccess = () => resolve(raw.result)));
    const payload = await new Promise<Record<string, unknown>>((resolve) => {
      const get = db.transaction('payloads').objectStore('payloads').get(['url:https://m/a/', 'c1']);
      get.onsuccess = () => resolve(get.result as Record<string, unknown>);
    });
    expect(Object.keys(payload).sort()).toEqual(['identity', 'repomdChecksum', 'solv']);
    db.close();
  });

  it('lists size and age, picks the latest version, and deletes one or all versions', async () => {
    const cache = await openRepoCache({ dbName: freshName(), now: () => 10 * HOUR });
    await cache.put(record('url:https://m/a/', 'old', 1 * HOUR, 500));
    await cache.put(record('url:https://m/a/', 'new', 8 * HOUR, 2000));
    await cache.put(record('bundle:cs9', 'x', 9 * HOUR));
    const list = await cache.list();
    expect(list.map((s) => [s.identity, s.repomdChecksum, s.ageMs])).toEqual([
      ['bundle:cs9', 'x', 1 * HOUR],
      ['url:https://m/a/', 'new', 2 * HOUR],
      ['url:https://m/a/', 'old', 9 * HOUR],
    ]);
    const newer = list.find((s) => s.repomdChecksum === 'new')!;
    const older = list.find((s) => s.repomdChecksum === 'old')!;
    expect(newer.sizeBytes - older.sizeBytes).toBe(1500);
    expect((await cache.getLatest('url:https://m/a/'))?.facts.repomdChecksum).toBe('new');
    expect(await cache.delete('url:https://m/a/', 'old')).toBe(1);
    expect(await cache.delete('url:https://m/a/')).toBe(1);
    expect((await cache.list()).map((s) => s.identity)).toEqual(['bundle:cs9']);
    expect(await cache.get('url:https://m/a/', 'new')).toBeUndefined();
    cache.close();
  });

  it('decides when a refresh is needed', async () => {
    const cache = await openRepoCache({ dbName: freshName(), now: () => 100 * HOUR });
    expect(await cache.refreshNeeded('url:x')).toEqual({ needed: true, reason: 'not-cached' });
    await cache.put(record('url:x', 'c1', 99 * HOUR));
    expect(await cache.refreshNeeded('url:x')).toEqual({ needed: false, reason: 'fresh', ageMs: HOUR, latestRepomdChecksum: 'c1' });
    expect((await cache.refreshNeeded('url:x', { currentRepomdChecksum: 'c2' })).reason).toBe('changed');
    expect((await cache.refreshNeeded('url:x', { maxAgeMs: HOUR / 2 })).reason).toBe('stale');
    await cache.put(record('url:y', 'c1', 1 * HOUR));
    expect((await cache.refreshNeeded('url:y')).reason).toBe('stale');
    cache.close();
  });

  it('asks for persistent storage once when a large repo is cached', async () => {
    const persist = vi.fn(async () => true);
    const cache = await openRepoCache({ dbName: freshName(), storage: { persist }, persistThresholdBytes: 5000 });
    expect((await cache.put(record('url:small', 'c', 1, 100))).persisted).toBeUndefined();
    expect(persist).not.toHaveBeenCalled();
    expect((await cache.put(record('url:big', 'c', 1, 10_000))).persisted).toBe(true);
    await cache.put(record('url:big2', 'c', 1, 10_000));
    expect(persist).toHaveBeenCalledTimes(1);
    cache.close();
  });

  it('falls back to memory on QuotaExceededError, says so, and leaves nothing half-written', async () => {
    const name = freshName();
    const cache = await openRepoCache({ dbName: name });
    await cache.put(record('url:kept', 'c', 1));
    const realPut = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      // The payload row goes in first; fail the entry row, as a full disk would, after the payload was accepted.
      if (this.name === 'entries') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return realPut.call(this, value, key);
    });
    const put = await cache.put(record('url:big', 'c', 2));
    expect(put.storedIn).toBe('memory');
    expect(put.quotaExceeded).toBe(true);
    expect(put.note).toMatch(/storage is full/);
    vi.restoreAllMocks();
    // Served from memory for this session...
    expect((await cache.get('url:big', 'c'))?.solv?.length).toBe(1000);
    expect((await cache.list()).find((s) => s.identity === 'url:big')?.storedIn).toBe('memory');
    // ...and nothing of it reached IndexedDB, not even the payload that was put before the failure.
    expect(await rawCount(name, 'payloads')).toBe(1);
    expect(await rawCount(name, 'entries')).toBe(1);
    cache.close();
  });

  it('writes nothing when a value cannot be stored (clone failure) and reports the bug by throwing', async () => {
    const name = freshName();
    const cache = await openRepoCache({ dbName: name });
    const bad = record('url:bad', 'c', 1) as RepoCacheRecord & { comps: unknown };
    (bad.comps as unknown as { fn: unknown }).fn = () => 1;
    await expect(cache.put(bad)).rejects.toThrow();
    expect(await cache.list()).toEqual([]);
    expect(await rawCount(name, 'payloads')).toBe(0);
    cache.close();
  });

  it('works in memory when IndexedDB is missing, and says so', async () => {
    vi.stubGlobal('indexedDB', undefined);
    try {
      const cache = await openRepoCache({ dbName: freshName() });
      expect(cache.backend).toBe('memory');
      expect(cache.note).toMatch(/no IndexedDB/);
      const put = await cache.put(record('url:m', 'c', 1));
      expect(put.storedIn).toBe('memory');
      expect((await cache.get('url:m', 'c'))?.facts.revision).toBe('1644263915');
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

async function rawCount(dbName: string, store: string): Promise<number> {
  const req = indexedDB.open(dbName);
  const db = await new Promise<IDBDatabase>((resolve) => (req.onsuccess = () => resolve(req.result)));
  const count = db.transaction(store).objectStore(store).count();
  const n = await new Promise<number>((resolve) => (count.onsuccess = () => resolve(count.result)));
  db.close();
  return n;
}

describe('the .solv in IndexedDB', () => {
  const rawPayload = async (name: string, identity: string, checksum: string): Promise<{ solv?: unknown }> => {
    const req = indexedDB.open(name);
    const db = await new Promise<IDBDatabase>((resolve) => (req.onsuccess = () => resolve(req.result)));
    const row = await new Promise<{ solv?: unknown }>((resolve) => {
      const get = db.transaction('payloads').objectStore('payloads').get([identity, checksum]);
      get.onsuccess = () => resolve(get.result as { solv?: unknown });
    });
    db.close();
    return row;
  };

  it('is stored as a Blob (read back in a fraction of a typed array\'s time) and comes back as the same bytes', async () => {
    const name = freshName();
    const cache = await openRepoCache({ dbName: name });
    const written = record('url:https://m/blob/', 'c1', 9 * HOUR, 4096);
    (written.solv as Uint8Array).set([1, 2, 3, 250], 100);
    expect((await cache.put(written)).storedIn).toBe('indexeddb');
    const back = await cache.get('url:https://m/blob/', 'c1');
    expect(back?.solv).toBeInstanceOf(Uint8Array);
    expect(back?.solv).toEqual(written.solv);
    cache.close();
    expect((await rawPayload(name, 'url:https://m/blob/', 'c1')).solv).toBeInstanceOf(Blob);
  });

  it('a row an earlier version wrote with the bytes themselves still reads', async () => {
    const name = freshName();
    const cache = await openRepoCache({ dbName: name });
    const written = record('url:https://m/old/', 'c1', 9 * HOUR);
    await cache.put(written);
    cache.close();
    const req = indexedDB.open(name);
    const db = await new Promise<IDBDatabase>((resolve) => (req.onsuccess = () => resolve(req.result)));
    await new Promise<void>((resolve) => {
      const tx = db.transaction('payloads', 'readwrite');
      tx.objectStore('payloads').put({ identity: 'url:https://m/old/', repomdChecksum: 'c1', solv: new Uint8Array(1000).fill(9) });
      tx.oncomplete = () => resolve();
    });
    db.close();
    expect((await rawPayload(name, 'url:https://m/old/', 'c1')).solv).toBeInstanceOf(Uint8Array);
    const reopened = await openRepoCache({ dbName: name });
    expect((await reopened.get('url:https://m/old/', 'c1'))?.solv).toEqual(new Uint8Array(1000).fill(9));
    reopened.close();
  });
});

describe('the search index in IndexedDB', () => {
  const index = buildSearchIndex([{ name: 'zsh', evr: '5.9-1', arch: 'x86_64', repo: 'r', summary: 'Shell, ünïcode', provides: ['/bin/zsh'] }]);

  it('is stored as a Blob and reads back equal, whether written with the record or later', async () => {
    const name = freshName();
    const cache = await openRepoCache({ dbName: name });
    await cache.put({ ...record('url:https://m/s/', 'c1', 9 * HOUR), searchIndex: index });
    expect(await cache.getSearchIndex('url:https://m/s/', 'c1')).toEqual(index);
    const { searchIndex: _none, ...withoutIndex } = record('url:https://m/later/', 'c1', 9 * HOUR);
    await cache.put(withoutIndex);
    expect(await cache.putSearchIndex('url:https://m/later/', 'c1', index)).toBe(true);
    expect(await cache.getSearchIndex('url:https://m/later/', 'c1')).toEqual(index);
    cache.close();
    const req = indexedDB.open(name);
    const db = await new Promise<IDBDatabase>((resolve) => (req.onsuccess = () => resolve(req.result)));
    const row = await new Promise<{ blob?: unknown; index?: unknown }>((resolve) => {
      const get = db.transaction('search').objectStore('search').get(['url:https://m/s/', 'c1']);
      get.onsuccess = () => resolve(get.result as { blob?: unknown; index?: unknown });
    });
    expect(row.blob).toBeInstanceOf(Blob);
    expect(row.index).toBeUndefined();
    // a row an earlier version wrote, with the index as it is, still reads
    await new Promise<void>((resolve) => {
      const tx = db.transaction('search', 'readwrite');
      tx.objectStore('search').put({ identity: 'url:https://m/s/', repomdChecksum: 'c1', index });
      tx.oncomplete = () => resolve();
    });
    db.close();
    const reopened = await openRepoCache({ dbName: name });
    expect(await reopened.getSearchIndex('url:https://m/s/', 'c1')).toEqual(index);
    reopened.close();
  });
});
