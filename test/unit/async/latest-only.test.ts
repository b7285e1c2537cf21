import { describe, expect, it } from 'vitest';
import { LatestOnly } from '../../../src/lib/async/latest-only.ts';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('LatestOnly', () => {
  it('runs one request at a time and only the newest waiting one', async () => {
    const started: number[] = [];
    const gates = new Map<number, ReturnType<typeof deferred<string>>>();
    const queue = new LatestOnly<number, string>((n) => {
      started.push(n);
      const d = deferred<string>();
      gates.set(n, d);
      return d.promise;
    });
    const first = queue.submit(1);
    const second = queue.submit(2);
    const third = queue.submit(3);
    expect(started).toEqual([1]);
    expect(await second).toEqual({ superseded: true });
    gates.get(1)!.resolve('one');
    // a newer request exists, so the running one's answer is dropped
    expect(await first).toEqual({ superseded: true });
    await Promise.resolve();
    expect(started).toEqual([1, 3]);
    gates.get(3)!.resolve('three');
    expect(await third).toBe('three');
  });

  it('answers a lone request and passes errors through', async () => {
    const queue = new LatestOnly<number, number>(async (n) => {
      if (n < 0) throw new Error('negative');
      return n * 2;
    });
    expect(await queue.submit(21)).toBe(42);
    await expect(queue.submit(-1)).rejects.toThrow('negative');
    expect(await queue.submit(1)).toBe(2);
  });
});
