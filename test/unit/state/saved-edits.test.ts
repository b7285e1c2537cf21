import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { EDIT_JOURNAL_PREFIX, openEditStore } from '../../../src/lib/project/edit-store.ts';
import { SavedEditsState } from '../../../src/state/saved-edits.svelte.ts';
import { MapStorage, withPutsAbortedMidWrite } from '../project/map-storage.ts';

const dbName = () => `saved-edits-${Math.random()}`;

describe('SavedEditsState under storage faults', () => {
  it("the pagehide flush of a user project's edit reaches the journal before it returns, so a page gone before IndexedDB answers loses nothing", async () => {
    const name = dbName();
    const journal = new MapStorage();
    const saved = new SavedEditsState(name, journal);
    await saved.open();
    saved.useUserProject({ kind: 'user', id: 'my:feedf00d', name: 'mine', base: 'demo' });
    await withPutsAbortedMidWrite(async () => {
      saved.changed(new Map([['azldev.toml', '# typed just before closing\n']]));
      saved.flushNow();
      // no await: this is all a closing page gets
      expect(journal.items.has(`${EDIT_JOURNAL_PREFIX}my:feedf00d`)).toBe(true);
      await new Promise((r) => setTimeout(r, 50));
    });
    const reloaded = await openEditStore({ dbName: name, journal });
    expect(await reloaded!.load('my:feedf00d')).toMatchObject({ name: 'mine', base: 'demo', files: [['azldev.toml', '# typed just before closing\n']] });
    expect((await reloaded!.list()).map((r) => r.projectId)).toEqual(['my:feedf00d']);
    reloaded!.close();
  });

  it("an example's edits survive an IndexedDB write that fails in the middle, and the page says the save worked, in localStorage only", async () => {
    const name = dbName();
    const journal = new MapStorage();
    const shipped = new Map([['azldev.toml', '# shipped\n']]);
    const saved = new SavedEditsState(name, journal);
    await saved.filesFor('demo', shipped);
    await withPutsAbortedMidWrite(async () => {
      saved.changed(new Map([['azldev.toml', '# edited\n']]));
      await new Promise((r) => setTimeout(r, 600));
    });
    expect(saved.problem).toBeUndefined();
    expect(saved.savedAt).toBeDefined();
    expect(saved.journalOnly).toMatch(/\S/);
    const reloaded = new SavedEditsState(name, journal);
    expect((await reloaded.filesFor('demo', shipped)).get('azldev.toml')).toBe('# edited\n');
    expect(reloaded.restored).toBeDefined();
  });

  it('with neither IndexedDB nor a journal the edit stays in the tab and the page says why', async () => {
    const saved = globalThis.indexedDB;
    // @ts-expect-error: a browser without IndexedDB
    delete globalThis.indexedDB;
    try {
      const state = new SavedEditsState(undefined, null);
      await state.filesFor('demo', new Map([['a', '1']]));
      state.changed(new Map([['a', '2']]));
      state.flushNow();
      await new Promise((r) => setTimeout(r, 50));
      expect(state.problem).toMatch(/neither IndexedDB nor localStorage/);
    } finally {
      globalThis.indexedDB = saved;
    }
  });
});
