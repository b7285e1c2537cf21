import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openEditStore, projectFingerprint } from '../../../src/lib/project/edit-store.ts';

describe('the edit store', () => {
  it('keeps a project’s files across openings until they are discarded', async () => {
    const dbName = `edits-${Math.random()}`;
    const first = await openEditStore({ dbName });
    if (!first) throw new Error('no store');
    const files: [string, string][] = [['azldev.toml', 'includes = []\n'], ['base/x.spec', 'Name: x\n']];
    expect(await first.save({ projectId: 'demo', files, savedAt: 1000, baseline: 'b1' })).toEqual({ ok: true });
    first.close();
    const second = await openEditStore({ dbName });
    expect(await second?.load('demo')).toEqual({ projectId: 'demo', files, savedAt: 1000, baseline: 'b1' });
    expect(await second?.load('other')).toBeUndefined();
    await second?.discard('demo');
    expect(await second?.load('demo')).toBeUndefined();
    second?.close();
  });

  it('fingerprints file sets independently of order, and tells contents apart', async () => {
    const a = await projectFingerprint(new Map([['a', '1'], ['b', '2']]));
    expect(await projectFingerprint(new Map([['b', '2'], ['a', '1']]))).toBe(a);
    expect(await projectFingerprint(new Map([['a', '1'], ['b', '3']]))).not.toBe(a);
    // Path and text boundaries count: moving a character between them is a different project.
    expect(await projectFingerprint(new Map([['a', '12']]))).not.toBe(await projectFingerprint(new Map([['a1', '2']])));
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });
});
