import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { EDIT_JOURNAL_PREFIX, openEditStore, type JournalStorage } from '../../../src/lib/project/edit-store.ts';

/** localStorage's contract over a Map (Node has no localStorage; Chromium's real one is exercised in e2e). */
class MapStorage implements JournalStorage {
  readonly items = new Map<string, string>();
  full = false;
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (this.full) throw new DOMException('quota', 'QuotaExceededError');
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

const EDIT: [string, string][] = [['azldev.toml', '# my edit\n']];
const dbName = () => `edits-faults-${Math.random()}`;

/** Makes every IndexedDB put start, then aborts its transaction: the write fails in the middle. */
async function withPutsAbortedMidWrite<T>(run: () => Promise<T>): Promise<T> {
  const proto = IDBObjectStore.prototype;
  const original = proto.put;
  proto.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    const request = original.apply(this, args);
    this.transaction.abort();
    return request;
  };
  try {
    return await run();
  } finally {
    proto.put = original;
  }
}

describe('edits survive storage faults', () => {
  it('an IndexedDB write that fails in the middle loses nothing: the next load finds the edit in the journal', async () => {
    const name = dbName();
    const journal = new MapStorage();
    const store = await openEditStore({ dbName: name, journal });
    const outcome = await withPutsAbortedMidWrite(() => store!.save({ projectId: 'demo', files: EDIT, savedAt: 2000, baseline: 'b' }));
    expect(outcome.ok && outcome.journalOnly).toMatch(/could not be kept/);
    store!.close();
    // a reload: a fresh store over the same database and journal
    const reopened = await openEditStore({ dbName: name, journal });
    expect(await reopened!.load('demo')).toEqual({ projectId: 'demo', files: EDIT, savedAt: 2000, baseline: 'b' });
    // the next good save moves it to IndexedDB and clears the journal
    expect(await reopened!.save({ projectId: 'demo', files: EDIT, savedAt: 3000, baseline: 'b' })).toEqual({ ok: true });
    expect(journal.items.size).toBe(0);
    expect((await reopened!.load('demo'))?.savedAt).toBe(3000);
    reopened!.close();
  });

  it('a newer journal entry wins over an older IndexedDB record, an older one loses', async () => {
    const name = dbName();
    const journal = new MapStorage();
    const store = await openEditStore({ dbName: name, journal });
    await store!.save({ projectId: 'demo', files: [['a', 'stored']], savedAt: 5000, baseline: 'b' });
    journal.setItem(`${EDIT_JOURNAL_PREFIX}demo`, JSON.stringify({ projectId: 'demo', files: [['a', 'older']], savedAt: 4000, baseline: 'b' }));
    expect((await store!.load('demo'))?.files).toEqual([['a', 'stored']]);
    journal.setItem(`${EDIT_JOURNAL_PREFIX}demo`, JSON.stringify({ projectId: 'demo', files: [['a', 'newer']], savedAt: 6000, baseline: 'b' }));
    expect((await store!.load('demo'))?.files).toEqual([['a', 'newer']]);
    store!.close();
  });

  it('with IndexedDB unavailable (private mode) the journal alone keeps the edits across a reload', async () => {
    const saved = globalThis.indexedDB;
    const journal = new MapStorage();
    // @ts-expect-error: a browser without IndexedDB
    delete globalThis.indexedDB;
    try {
      const store = await openEditStore({ journal });
      expect(await store!.save({ projectId: 'demo', files: EDIT, savedAt: 1, baseline: 'b' })).toEqual({ ok: true, journalOnly: 'IndexedDB is unavailable in this browser' });
      expect((await (await openEditStore({ journal }))!.load('demo'))?.files).toEqual(EDIT);
      // and where there is no storage at all, there is no store (the page keeps edits in the tab and says so)
      expect(await openEditStore({ journal: null })).toBeUndefined();
    } finally {
      globalThis.indexedDB = saved;
    }
  });

  it('quota exceeded in both stores is reported, not thrown', async () => {
    const journal = new MapStorage();
    journal.full = true;
    const store = await openEditStore({ dbName: dbName(), journal });
    const outcome = await withPutsAbortedMidWrite(() => store!.save({ projectId: 'demo', files: EDIT, savedAt: 1, baseline: 'b' }));
    expect(outcome).toEqual({ ok: false, message: expect.stringContaining('could not be kept') });
    store!.close();
  });

  it('a record written by an older version (files as an object, no baseline) is read, a damaged one is ignored', async () => {
    const name = dbName();
    const raw = await openDB(name, 1, { upgrade: (db) => db.createObjectStore('edits', { keyPath: 'projectId' }) });
    await raw.put('edits', { projectId: 'old', files: { 'azldev.toml': '# old shape\n' }, savedAt: 7 });
    await raw.put('edits', { projectId: 'broken', files: 42 });
    raw.close();
    const store = await openEditStore({ dbName: name, journal: new MapStorage() });
    expect(await store!.load('old')).toEqual({ projectId: 'old', files: [['azldev.toml', '# old shape\n']], savedAt: 7, baseline: '' });
    expect(await store!.load('broken')).toBeUndefined();
    store!.close();
  });

  it('two tabs: a newer version upgrading in another tab is let through, and this tab keeps saving to the journal', async () => {
    const name = dbName();
    const journal = new MapStorage();
    const store = await openEditStore({ dbName: name, journal });
    // the other tab's newer page opens version 2; ours must close, or that open would wait forever
    const other = await Promise.race([openDB(name, 2), new Promise((_, reject) => setTimeout(() => reject(new Error('blocked by our tab')), 2000))]);
    (other as { close(): void }).close();
    const outcome = await store!.save({ projectId: 'demo', files: EDIT, savedAt: 9, baseline: 'b' });
    expect(outcome.ok).toBe(true);
    expect((await store!.load('demo'))?.files).toEqual(EDIT);
  });

  it('two tabs: an open queued behind an upgrade another tab blocks goes on with the journal after a short wait', async () => {
    const name = dbName();
    const stubborn = await openDB(name, 1, { upgrade: (db) => db.createObjectStore('edits', { keyPath: 'projectId' }) });
    stubborn.addEventListener('versionchange', () => undefined);
    // a third party asks for version 2, which the stubborn tab blocks; our open queues behind it
    const blocked = indexedDB.open(name, 2);
    blocked.onupgradeneeded = () => undefined;
    const journal = new MapStorage();
    const started = performance.now();
    const store = await openEditStore({ dbName: name, journal, openTimeoutMs: 200 });
    expect(store).toBeDefined();
    expect(performance.now() - started).toBeLessThan(2000);
    expect(await store!.save({ projectId: 'demo', files: EDIT, savedAt: 1, baseline: 'b' })).toMatchObject({ ok: true });
    stubborn.close();
  });
});
