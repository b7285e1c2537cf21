import { describe, expect, it } from 'vitest';
import { PRESENCE_CHANNEL, TabPresenceState, type PresenceChannel } from '../../../src/state/tab-presence.svelte.ts';

const settle = () => new Promise((r) => setTimeout(r, 30));
const tab = () => new TabPresenceState(new BroadcastChannel(`${PRESENCE_CHANNEL}-${name}`) as unknown as PresenceChannel);
let name = '';

describe('TabPresenceState (BroadcastChannel between tabs)', () => {
  it('two tabs on one project see each other; a save in one is announced in the other; closing or switching ends it', async () => {
    name = 'two-tabs';
    const a = tab();
    const b = tab();
    a.watch('my:1');
    await settle();
    expect(a.others).toBe(0);
    b.watch('my:1');
    await settle();
    expect([a.others, b.others]).toEqual([1, 1]);
    b.saved(1234);
    await settle();
    expect(a.savedElsewhere).toEqual({ savedAt: 1234 });
    expect(b.savedElsewhere).toBeUndefined();
    a.resolved();
    expect(a.savedElsewhere).toBeUndefined();
    b.watch('demo');
    await settle();
    expect([a.others, b.others]).toEqual([0, 0]);
    b.watch('my:1');
    await settle();
    expect(a.others).toBe(1);
    b.leave();
    await settle();
    expect(a.others).toBe(0);
  });

  it('a tab showing something unsaved (a share link) takes part in nothing', async () => {
    name = 'unsaved';
    const a = tab();
    const b = tab();
    a.watch('demo');
    b.watch(undefined);
    await settle();
    expect([a.others, b.others]).toEqual([0, 0]);
  });
});
