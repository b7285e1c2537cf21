/** The metadata cache: one versioned IndexedDB database (idb) with an in-memory fallback when storage fails or is full. */
import { openDB, type IDBPDatabase } from 'idb';
import { estimateSearchIndexSize, isEntryRow, isQuotaError, joinRecord, MemoryStore, newest, readPayload, searchIndexOfRow, splitRecord, storedPayload, storedSearchRow, summarise, upgradeRepoCache, type CacheKey, type EntryRow, type RepoCacheSchema } from './repo-cache-rows.ts';
import type { CompsModel } from './comps.ts';
import type { Advisory } from './updateinfo.ts';
import type { SearchIndexData } from './search-index.ts';
import type { RepoFactsCore } from './types.ts';

/** Name of the one database this layer owns. */
export const REPO_CACHE_DB_NAME = 'azl-playground-repo-cache';
/** Schema version; bump it and extend `upgradeRepoCache` when the stored shape changes. */
export const DB_VERSION = 3;
/** dnf's default metadata_expire (48 hours): older network repos are offered a refresh. */
export const DEFAULT_MAX_AGE_MS = 48 * 60 * 60 * 1000;
/** Above this many bytes a cached repo is "large" and persistent storage is requested. */
export const PERSIST_THRESHOLD_BYTES = 16 * 1024 * 1024;

/** Size facts of one repomd data entry. */
export interface RepoFileFacts {
  type: string;
  href: string;
  size?: number;
  openSize?: number;
  timestamp?: number;
}

/** What is known about a cached repository without loading its payload. */
export interface RepoFacts extends RepoFactsCore {
  files: RepoFileFacts[];
}

/** Everything cached for one repository version. */
export interface RepoCacheRecord {
  facts: RepoFacts;
  /** The pool libsolv wrote for this repository (`repo_write`), for a warm start without XML. */
  solv?: Uint8Array;
  comps?: CompsModel;
  /** Written with the record when known; read back only through `getSearchIndex`, so a warm start does not pay for it. */
  searchIndex?: SearchIndexData;
  /** Its updateinfo.xml read into advisories, when it has one (absent in records written before advisories were kept). */
  advisories?: Advisory[];
}

/** One line of the cache listing the UI shows. */
export interface RepoCacheSummary extends Omit<RepoFactsCore, 'baseUrl'> {
  sizeBytes: number;
  cachedAt: number;
  ageMs: number;
  /** `memory` when storage refused it and it lives only until the page closes. */
  storedIn: 'indexeddb' | 'memory';
}

/** How a `put` went: where the record lives now, and whether storage was full or made persistent. */
export interface RepoCachePutResult {
  storedIn: 'indexeddb' | 'memory';
  quotaExceeded: boolean;
  /** Result of `navigator.storage.persist()` when it was asked (large repos only). */
  persisted?: boolean;
  /** Sentence for the UI when the outcome is not the normal one. */
  note?: string;
}

/** Whether a cached repository should be fetched again, and why. */
export interface RefreshDecision {
  needed: boolean;
  reason: 'not-cached' | 'changed' | 'stale' | 'fresh';
  ageMs?: number;
  /** The newest cached version's repomd checksum (its record is `get(identity, this)`), when one is cached. */
  latestRepomdChecksum?: string;
}

/** The cache API: put/get/list/delete and the refresh decision. */
export interface RepoCache {
  readonly backend: 'indexeddb' | 'memory';
  /** Why the cache runs in memory, when it does. */
  readonly note?: string;
  put(record: RepoCacheRecord): Promise<RepoCachePutResult>;
  get(identity: string, repomdChecksum: string): Promise<RepoCacheRecord | undefined>;
  /** The most recently fetched version of a repository (for a warm start before repomd.xml is known). */
  getLatest(identity: string): Promise<RepoCacheRecord | undefined>;
  /** The search index kept for one repository version, read apart from its .solv (the first search needs it, a solve does not). */
  getSearchIndex(identity: string, repomdChecksum: string): Promise<SearchIndexData | undefined>;
  /** Keeps the search index of a cached repository version (built after the load, on the first search); false when that version is not cached. */
  putSearchIndex(identity: string, repomdChecksum: string, index: SearchIndexData): Promise<boolean>;
  list(): Promise<RepoCacheSummary[]>;
  /** Deletes one version, or every version of `identity`; returns how many were removed. */
  delete(identity: string, repomdChecksum?: string): Promise<number>;
  refreshNeeded(identity: string, options?: { maxAgeMs?: number; currentRepomdChecksum?: string }): Promise<RefreshDecision>;
  close(): void;
}

/** What `navigator.storage` offers that the cache uses; injected so tests need no browser. */
export interface StorageLike {
  persist?: () => Promise<boolean>;
  persisted?: () => Promise<boolean>;
}

/** Options of `openRepoCache`. */
export interface OpenRepoCacheOptions {
  /** Defaults to `navigator.storage` where it exists. */
  storage?: StorageLike;
  persistThresholdBytes?: number;
  now?: () => number;
  /** Database name; tests use their own to stay independent. */
  dbName?: string;
  /** How long opening may wait on other tabs before the cache goes to memory (default 5 s). */
  openTimeoutMs?: number;
}

/** See OpenRepoCacheOptions.openTimeoutMs. */
const OPEN_TIMEOUT_MS = 5000;

function defaultStorage(): StorageLike | undefined {
  return (globalThis as { navigator?: { storage?: StorageLike } }).navigator?.storage;
}


class RepoCacheImpl implements RepoCache {
  readonly memory = new MemoryStore();
  note?: string;
  #db: IDBPDatabase<RepoCacheSchema> | undefined;
  #options: OpenRepoCacheOptions;
  #askedPersist = false;

  constructor(db: IDBPDatabase<RepoCacheSchema> | undefined, options: OpenRepoCacheOptions, note?: string) {
    this.#db = db;
    this.#options = options;
    if (note) this.note = note;
  }

  get backend(): 'indexeddb' | 'memory' {
    return this.#db ? 'indexeddb' : 'memory';
  }

  /** Another tab is upgrading the database, or the browser closed it: let go, and go on in memory. */
  lose(reason: string): void {
    this.#db?.close();
    this.#db = undefined;
    this.note = `${reason}, so repositories are kept in memory for this session only.`;
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }

  async put(record: RepoCacheRecord): Promise<RepoCachePutResult> {
    const { entry, payload, search } = splitRecord(record, this.#now());
    const db = this.#db;
    if (!db) {
      this.memory.put(entry, payload, search);
      return { storedIn: 'memory', quotaExceeded: false, note: this.note ?? 'Kept in memory for this session only.' };
    }
    // the index is only a speed-up: if its codec cannot load, the record is cached without it
    const storedSearch = search ? await storedSearchRow(search).catch(() => undefined) : undefined;
    // relaxed: a cache record lost to a power cut is fetched again, so the commit need not wait for the disk flush
    const tx = db.transaction(['payloads', 'entries', 'search'], 'readwrite', { durability: 'relaxed' });
    // Each request promise rejects once the transaction aborts; observe them so no rejection goes unhandled.
    const observed = <T>(p: Promise<T>): Promise<T> => {
      p.catch(() => undefined);
      return p;
    };
    const done = observed(tx.done);
    try {
      // Both rows in one transaction: an abort (quota, clone failure, tab closed) leaves neither behind.
      const payloadWritten = observed(tx.objectStore('payloads').put(storedPayload(payload)));
      const entryWritten = observed(tx.objectStore('entries').put(entry));
      const searchWritten = storedSearch ? observed(tx.objectStore('search').put(storedSearch)) : undefined;
      await Promise.all([payloadWritten, entryWritten, searchWritten, done]);
    } catch (err) {
      try {
        tx.abort();
      } catch {
        // Already aborted or finished: nothing more to undo.
      }
      await done.catch(() => undefined);
      // A value that cannot be cloned is our bug, not the browser's storage: say so loudly.
      if ((err as { name?: unknown } | null)?.name === 'DataCloneError') throw err;
      this.memory.put(entry, payload, search);
      if (!isQuotaError(err) && !isQuotaError(tx.error)) {
        const reason = err instanceof Error ? err.message : String(err);
        return { storedIn: 'memory', quotaExceeded: false, note: `Browser storage refused this repository (${reason}), so it is kept in memory for this session only.` };
      }
      return { storedIn: 'memory', quotaExceeded: true, note: 'Browser storage is full, so this repository is kept in memory for this session only. Delete cached repositories to make room.' };
    }
    this.memory.delete(entry.identity, entry.repomdChecksum);
    const result: RepoCachePutResult = { storedIn: 'indexeddb', quotaExceeded: false };
    const persisted = await this.#maybePersist(entry.sizeBytes);
    if (persisted !== undefined) result.persisted = persisted;
    return result;
  }

  async #maybePersist(sizeBytes: number): Promise<boolean | undefined> {
    const storage = this.#options.storage ?? defaultStorage();
    if (this.#askedPersist || !storage?.persist || sizeBytes < (this.#options.persistThresholdBytes ?? PERSIST_THRESHOLD_BYTES)) return undefined;
    this.#askedPersist = true;
    try {
      if (storage.persisted && (await storage.persisted())) return true;
      return await storage.persist();
    } catch {
      return false;
    }
  }

  async get(identity: string, repomdChecksum: string): Promise<RepoCacheRecord | undefined> {
    const inMemory = this.memory.get(identity, repomdChecksum);
    if (inMemory || !this.#db) return inMemory;
    try {
      const tx = this.#db.transaction(['entries', 'payloads'], 'readonly');
      const [entry, payload] = await Promise.all([tx.objectStore('entries').get([identity, repomdChecksum]), tx.objectStore('payloads').get([identity, repomdChecksum])]);
      return isEntryRow(entry) ? joinRecord(entry, await readPayload(payload)) : undefined;
    } catch {
      // a read that fails (database closed by another tab's upgrade) is a miss: the repository is fetched again
      return undefined;
    }
  }

  async #entries(identity?: string): Promise<{ row: EntryRow; storedIn: 'indexeddb' | 'memory' }[]> {
    const rows: { row: EntryRow; storedIn: 'indexeddb' | 'memory' }[] = this.memory.entries(identity).map((row) => ({ row, storedIn: 'memory' }));
    if (this.#db) {
      const stored = await (identity === undefined ? this.#db.getAll('entries') : this.#db.getAllFromIndex('entries', 'by-identity', identity)).catch(() => []);
      rows.push(...stored.filter(isEntryRow).map((row) => ({ row, storedIn: 'indexeddb' as const })));
    }
    return rows;
  }

  async getLatest(identity: string): Promise<RepoCacheRecord | undefined> {
    const latest = newest((await this.#entries(identity)).map((r) => r.row));
    return latest ? this.get(latest.identity, latest.repomdChecksum) : undefined;
  }

  async getSearchIndex(identity: string, repomdChecksum: string): Promise<SearchIndexData | undefined> {
    const inMemory = this.memory.rows.get(MemoryStore.key(identity, repomdChecksum));
    if (inMemory || !this.#db) return inMemory?.search;
    try {
      const row = await this.#db.get('search', [identity, repomdChecksum]);
      return await searchIndexOfRow(row);
    } catch {
      // an unreadable index is built again from the pool
      return undefined;
    }
  }

  async putSearchIndex(identity: string, repomdChecksum: string, index: SearchIndexData): Promise<boolean> {
    const inMemory = this.memory.rows.get(MemoryStore.key(identity, repomdChecksum));
    if (inMemory) {
      inMemory.search = index;
      return true;
    }
    if (!this.#db) return false;
    try {
      const stored = await storedSearchRow({ identity, repomdChecksum, index });
      const tx = this.#db.transaction(['entries', 'search'], 'readwrite', { durability: 'relaxed' });
      const entry = await tx.objectStore('entries').get([identity, repomdChecksum]);
      // an index without its repository (deleted meanwhile) would never be read
      if (!isEntryRow(entry)) {
        await tx.done;
        return false;
      }
      await Promise.all([tx.objectStore('search').put(stored), tx.objectStore('entries').put({ ...entry, sizeBytes: entry.sizeBytes + estimateSearchIndexSize(index) }), tx.done]);
      return true;
    } catch {
      // the index is only a speed-up: a refused write is built again next time
      return false;
    }
  }

  async list(): Promise<RepoCacheSummary[]> {
    const now = this.#now();
    return (await this.#entries()).map(({ row, storedIn }) => summarise(row, now, storedIn)).sort((a, b) => a.label.localeCompare(b.label) || b.fetchedAt - a.fetchedAt);
  }

  async delete(identity: string, repomdChecksum?: string): Promise<number> {
    let removed = this.memory.delete(identity, repomdChecksum);
    if (!this.#db) return removed;
    const tx = this.#db.transaction(['entries', 'payloads', 'search'], 'readwrite');
    const rows = await tx.objectStore('entries').index('by-identity').getAll(identity);
    for (const row of rows) {
      if (repomdChecksum !== undefined && row.repomdChecksum !== repomdChecksum) continue;
      const key: CacheKey = [row.identity, row.repomdChecksum];
      await Promise.all([tx.objectStore('entries').delete(key), tx.objectStore('payloads').delete(key), tx.objectStore('search').delete(key)]);
      removed++;
    }
    await tx.done;
    return removed;
  }

  async refreshNeeded(identity: string, options: { maxAgeMs?: number; currentRepomdChecksum?: string } = {}): Promise<RefreshDecision> {
    const rows = (await this.#entries(identity)).map((r) => r.row);
    const latest = newest(rows);
    if (!latest) return { needed: true, reason: 'not-cached' };
    const ageMs = Math.max(0, this.#now() - latest.facts.fetchedAt);
    const latestRepomdChecksum = latest.repomdChecksum;
    if (options.currentRepomdChecksum !== undefined && !rows.some((r) => r.repomdChecksum === options.currentRepomdChecksum)) {
      return { needed: true, reason: 'changed', ageMs, latestRepomdChecksum };
    }
    if (ageMs > (options.maxAgeMs ?? DEFAULT_MAX_AGE_MS)) return { needed: true, reason: 'stale', ageMs, latestRepomdChecksum };
    return { needed: false, reason: 'fresh', ageMs, latestRepomdChecksum };
  }

  close(): void {
    this.#db?.close();
  }
}

/** Opens the metadata cache; if IndexedDB is missing or refuses to open (private mode, blocked), the cache works in memory and says so. */
export async function openRepoCache(options: OpenRepoCacheOptions = {}): Promise<RepoCache> {
  if (typeof indexedDB === 'undefined') {
    return new RepoCacheImpl(undefined, options, 'This browser offers no IndexedDB here, so repositories are kept in memory for this session only.');
  }
  try {
    let cache: RepoCacheImpl | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const opening = openDB<RepoCacheSchema>(options.dbName ?? REPO_CACHE_DB_NAME, DB_VERSION, {
      upgrade: (database, oldVersion, _newVersion, tx) => upgradeRepoCache(database, oldVersion, tx),
      blocking: () => cache?.lose('Another tab is upgrading the repository cache'),
      terminated: () => cache?.lose('The browser closed the repository cache'),
    });
    // An open blocked by, or queued behind, another tab's upgrade never settles by itself.
    const timedOut = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), options.openTimeoutMs ?? OPEN_TIMEOUT_MS)));
    const db = await Promise.race([opening, timedOut]);
    clearTimeout(timer);
    if (!db) {
      void opening.then((late) => late.close(), () => undefined);
      return new RepoCacheImpl(undefined, options, 'Another tab holds the repository cache open at another version, so repositories are kept in memory for this session only (close other playground tabs to share the cache).');
    }
    cache = new RepoCacheImpl(db, options);
    return cache;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return new RepoCacheImpl(undefined, options, `The repository cache could not be opened (${reason}), so repositories are kept in memory for this session only.`);
  }
}
