import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { EDIT_JOURNAL_PREFIX, openEditStore } from '../../../src/lib/project/edit-store.ts';
import { MapStorage, withPutsAbortedMidWrite } from './map-storage.ts';

const EDIT: [string, string][] = [['azldev.toml', '# my edit\n']];
const dbName = () => `edits-faults-${Math.random()}`;

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

  it("a project of the user's whose IndexedDB write fails in the middle is still listed and opened, with its name and base", async () => {
    const name = dbName();
    const journal = new MapStorage();
    const store = await openEditStore({ dbName: name, journal });
    const mine = { projectId: 'my:0badf00d', files: EDIT, savedAt: 10, baseline: '', name: 'mine', base: 'demo' };
    expect((await withPutsAbortedMidWrite(() => store!.save(mine))).ok).toBe(true);
    store!.close();
    const reopened = await openEditStore({ dbName: name, journal });
    expect(await reopened!.list()).toEqual([mine]);
    expect(await reopened!.load('my:0badf00d')).toEqual(mine);
    // deleting it removes it from both stores
    await reopened!.discard('my:0badf00d');
    expect(await reopened!.list()).toEqual([]);
    reopened!.close();
  });

  it('list takes the newer of the stored record and the journal entry for each project', async () => {
    const journal = new MapStorage();
    const store = await openEditStore({ dbName: dbName(), journal });
    await store!.save({ projectId: 'my:a', files: [['f', 'stored']], savedAt: 5, baseline: '', name: 'a' });
    await store!.save({ projectId: 'my:b', files: [['f', 'stored']], savedAt: 5, baseline: '', name: 'b' });
    journal.setItem(`${EDIT_JOURNAL_PREFIX}my:a`, JSON.stringify({ projectId: 'my:a', files: [['f', 'journal']], savedAt: 6, baseline: '', name: 'a2' }));
    journal.setItem(`${EDIT_JOURNAL_PREFIX}my:b`, JSON.stringify({ projectId: 'my:b', files: [['f', 'journal']], savedAt: 4, baseline: '', name: 'b' }));
    journal.setItem('someone-else:x', 'not ours');
    const listed = new Map((await store!.list()).map((r) => [r.projectId, r]));
    expect([...listed.keys()].sort()).toEqual(['my:a', 'my:b']);
    expect(listed.get('my:a')).toMatchObject({ name: 'a2', files: [['f', 'journal']] });
    expect(listed.get('my:b')?.files).toEqual([['f', 'stored']]);
    store!.close();
  });

  it('writeAhead keeps an edit synchronously (a page being closed), and a fresh store loads it', async () => {
    const name = dbName();
    const journal = new MapStorage();
    const store = await openEditStore({ dbName: name, journal });
    expect(store!.writeAhead({ projectId: 'my:c', files: EDIT, savedAt: 3, baseline: '', name: 'c', base: 'demo' })).toBe(true);
    // nothing awaited: the journal already has it
    expect(journal.items.has(`${EDIT_JOURNAL_PREFIX}my:c`)).toBe(true);
    store!.close();
    expect((await (await openEditStore({ dbName: name, journal }))!.load('my:c'))?.name).toBe('c');
    journal.full = true;
    expect(store!.writeAhead({ projectId: 'my:d', files: EDIT, savedAt: 3, baseline: '' })).toBe(false);
  });

  it('a save that finishes after a later save was journalled leaves the later one in the journal', async () => {
    const journal = new MapStorage();
    const store = await openEditStore({ dbName: dbName(), journal });
    const first = store!.save({ projectId: 'demo', files: [['a', 'first']], savedAt: 1, baseline: 'b' });
    // the page is hidden while the first save's IndexedDB write is still running
    store!.writeAhead({ projectId: 'demo', files: [['a', 'second']], savedAt: 2, baseline: 'b' });
    expect(await first).toEqual({ ok: true });
    expect((await store!.load('demo'))?.files).toEqual([['a', 'second']]);
    store!.close();
  });
});
