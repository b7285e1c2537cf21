import { describe, expect, it } from 'vitest';
import { oncePerKeyUnlessFailed, onceUnlessFailed } from '../../../src/lib/async/once.ts';

describe('onceUnlessFailed', () => {
  it('runs the work once and gives every caller, during and after it, the same promise', async () => {
    let runs = 0;
    const load = onceUnlessFailed(async () => ++runs);
    const during = [load(), load()];
    expect(during[0]).toBe(during[1]);
    expect(await Promise.all(during)).toEqual([1, 1]);
    expect(await load()).toBe(1);
    expect(runs).toBe(1);
  });

  it('forgets a failure, so the next call runs the work again (offline, then online)', async () => {
    let online = false;
    let runs = 0;
    const load = onceUnlessFailed(async () => {
      runs++;
      if (!online) throw new Error('offline');
      return 'module';
    });
    await expect(load()).rejects.toThrow('offline');
    await expect(load()).rejects.toThrow('offline');
    online = true;
    expect(await load()).toBe('module');
    expect(await load()).toBe('module');
    expect(runs).toBe(3);
  });

  it('a failure that settles after a retry started does not drop the retry', async () => {
    const gates: { reject: (e: Error) => void; resolve: (v: string) => void }[] = [];
    const load = onceUnlessFailed(() => new Promise<string>((resolve, reject) => gates.push({ resolve, reject })));
    const first = load();
    gates[0]?.reject(new Error('offline'));
    await expect(first).rejects.toThrow('offline');
    const second = load();
    expect(gates).toHaveLength(2);
    gates[1]?.resolve('module');
    expect(await second).toBe('module');
    expect(load()).toBe(second);
  });
});

describe('oncePerKeyUnlessFailed', () => {
  it('runs the work once per key and retries only the key that failed', async () => {
    const runs: string[] = [];
    const compile = oncePerKeyUnlessFailed(async (url: string) => {
      runs.push(url);
      if (url === 'missing.wasm' && runs.filter((u) => u === url).length === 1) throw new Error('HTTP 404');
      return `module of ${url}`;
    });
    expect(await compile('resolver.wasm')).toBe('module of resolver.wasm');
    await expect(compile('missing.wasm')).rejects.toThrow('HTTP 404');
    expect(await compile('resolver.wasm')).toBe('module of resolver.wasm');
    expect(await compile('missing.wasm')).toBe('module of missing.wasm');
    expect(runs).toEqual(['resolver.wasm', 'missing.wasm', 'missing.wasm']);
  });
});
