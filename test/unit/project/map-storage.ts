/** localStorage's contract over a Map, for the edit journal in Node (Chromium's real one is exercised in e2e). */
import type { JournalStorage } from '../../../src/lib/project/edit-store.ts';

/** A Web Storage area in memory; `full` makes every write throw QuotaExceededError, as a full localStorage does. */
export class MapStorage implements JournalStorage {
  readonly items = new Map<string, string>();
  full = false;
  get length(): number {
    return this.items.size;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
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

/** Makes every IndexedDB put start, then aborts its transaction (the write fails in the middle) while RUN runs. */
export async function withPutsAbortedMidWrite<T>(run: () => Promise<T>): Promise<T> {
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
