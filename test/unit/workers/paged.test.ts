import { describe, expect, it } from 'vitest';
import { PAGE_SIZE, PageStore, gatherPages } from '../../../src/workers/paged.ts';

describe('paged arrays across the worker boundary', () => {
  it('sends a short array whole, with no token', () => {
    const store = new PageStore();
    expect(store.split([1, 2, 3])).toEqual({ head: [1, 2, 3], total: 3 });
  });

  it('gathers a long array back in order, page by page', async () => {
    const store = new PageStore();
    const items = Array.from({ length: 2 * PAGE_SIZE + 1 }, (_, i) => i);
    const paged = store.split(items);
    expect(paged.head).toHaveLength(PAGE_SIZE);
    const sizes: number[] = [];
    const back = await gatherPages(structuredClone(paged), async (token) => {
      const page = store.take(token);
      sizes.push(page?.length ?? 0);
      return structuredClone(page);
    });
    expect(back).toEqual(items);
    expect(sizes).toEqual([PAGE_SIZE, 1]);
    // taken in full: the worker holds nothing more for it
    expect(store.take(paged.token!)).toBeUndefined();
  });

  it('asks for every further page at once, so no page waits for the round trip of the one before', async () => {
    const store = new PageStore();
    const items = Array.from({ length: 3 * PAGE_SIZE + 7 }, (_, i) => i);
    const paged = store.split(items);
    const asked: (() => void)[] = [];
    const gathered = gatherPages(structuredClone(paged), (token) => new Promise((answer) => asked.push(() => answer(structuredClone(store.take(token))))));
    // every request is out before the first answer comes back
    await new Promise((done) => setTimeout(done, 0));
    expect(asked).toHaveLength(3);
    for (const reply of asked) reply();
    expect(await gathered).toEqual(items);
  });

  it('says so when the rest is gone (a restarted worker, or an answer dropped for newer ones)', async () => {
    const store = new PageStore();
    const first = store.split(Array.from({ length: PAGE_SIZE + 1 }, (_, i) => i));
    for (let i = 0; i < 4; i++) store.split(Array.from({ length: PAGE_SIZE + 1 }, (_, j) => j));
    await expect(gatherPages(first, async (token) => store.take(token))).rejects.toThrow(`no longer holds the rest of an answer (${PAGE_SIZE} of ${PAGE_SIZE + 1}`);
  });
});
