import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { openRepoCache, REPO_CACHE_DB_NAME, type RepoCacheRecord } from '../../../src/lib/repo/index.ts';

let n = 0;
const freshName = () => `${REPO_CACHE_DB_NAME}-faults-${++n}-${Math.random()}`;

function record(identity: string, checksum: string): RepoCacheRecord {
  return {
    facts: { identity, source: 'url', label: identity, revision: '1', repomdChecksum: checksum, fetchedAt: 1000, packageCount: 1, files: [] },
    solv: new Uint8Array(64).fill(7),
  };
}

describe('the repository cache under storage faults', () => {
  it('a row written by an older schema (no facts) is a cache miss, not a crash', async () => {
    const name = freshName();
    (await openRepoCache({ dbName: name })).close();
    const raw = await openDB(name);
    await raw.put('entries', { identity: 'url:old', repomdChecksum: 'c1', cachedAt: 1 });
    await raw.put('payloads', { identity: 'url:old', repomdChecksum: 'c1', solv: 'not bytes' });
    raw.close();
    const cache = await openRepoCache({ dbName: name });
    expect(await cache.get('url:old', 'c1')).toBeUndefined();
    expect(await cache.getLatest('url:old')).toBeUndefined();
    expect(await cache.list()).toEqual([]);
    expect((await cache.refreshNeeded('url:old')).needed).toBe(true);
    cache.close();
  });

  it('another tab upgrading the database: this tab lets go at once and keeps caching in memory, and says so', async () => {
    const name = freshName();
    const cache = await openRepoCache({ dbName: name });
    expect((await cache.put(record('url:a', 'c1'))).storedIn).toBe('indexeddb');
    const other = await Promise.race([openDB(name, 99), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('blocked by this tab')), 2000))]);
    other.close();
    expect(cache.backend).toBe('memory');
    const put = await cache.put(record('url:b', 'c2'));
    expect(put).toMatchObject({ storedIn: 'memory', note: 'Another tab is upgrading the repository cache, so repositories are kept in memory for this session only.' });
    expect((await cache.get('url:b', 'c2'))?.solv?.length).toBe(64);
  });

  it('an open queued behind an upgrade another tab blocks goes to memory after the timeout instead of waiting for ever', async () => {
    const name = freshName();
    const stubborn = await openDB(name, 1);
    indexedDB.open(name, 2); // blocked by the stubborn connection, which never closes
    const cache = await openRepoCache({ dbName: name, openTimeoutMs: 200 });
    expect(cache.backend).toBe('memory');
    expect(cache.note).toMatch(/Another tab holds the repository cache open/);
    expect((await cache.put(record('url:a', 'c1'))).storedIn).toBe('memory');
    stubborn.close();
  });

  it('a write that fails in the middle for a reason other than quota keeps the repository in memory with the reason', async () => {
    const cache = await openRepoCache({ dbName: freshName() });
    const proto = IDBObjectStore.prototype;
    const original = proto.put;
    proto.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      const request = original.apply(this, args);
      this.transaction.abort();
      return request;
    };
    try {
      const put = await cache.put(record('url:a', 'c1'));
      expect(put).toMatchObject({ storedIn: 'memory', quotaExceeded: false, note: expect.stringMatching(/^Browser storage refused this repository/) });
    } finally {
      proto.put = original;
    }
    expect((await cache.get('url:a', 'c1'))?.solv?.length).toBe(64);
    cache.close();
  });
});
