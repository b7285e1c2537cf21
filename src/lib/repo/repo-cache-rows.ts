/** How the metadata cache lays records out: IndexedDB rows and schema upgrades, and the in-memory store used when storage fails. */
import type { DBSchema, IDBPDatabase, IDBPTransaction } from 'idb';
import type { CompsModel } from './comps.ts';
import type { RepoCacheRecord, RepoCacheSummary, RepoFacts } from './repo-cache.ts';
import type { Advisory } from './updateinfo.ts';
import type { SearchIndexData } from './search-index.ts';
import { onceUnlessFailed } from '../async/once.ts';

export type CacheKey = [string, string];

export interface EntryRow {
  identity: string;
  repomdChecksum: string;
  facts: RepoFacts;
  sizeBytes: number;
  cachedAt: number;
}

export interface PayloadRow {
  identity: string;
  repomdChecksum: string;
  /** A Blob in IndexedDB rows (see `storedPayload`); older rows and the memory store hold the bytes. */
  solv?: Uint8Array | Blob;
  comps?: CompsModel;
  /** Only in rows written by schema version 2; version 3 moves it to `search`. */
  searchIndex?: SearchIndexData;
  advisories?: Advisory[];
}

/** A repository version's search index, apart from its payload so a warm start reads only what the pool needs. */
export interface SearchRow {
  identity: string;
  repomdChecksum: string;
  index: SearchIndexData;
}

/** A search row as written from now on: the index as one Blob (search-index-blob.ts); rows of `SearchRow`'s shape still read. */
export interface StoredSearchRow {
  identity: string;
  repomdChecksum: string;
  blob: Blob;
}

/** The Blob codec, imported when a search index is first written or read: a start that never searches does not load it. */
const blobCodec = onceUnlessFailed(() => import('./search-index-blob.ts'));

/** ROW as IndexedDB stores it (made before the write's transaction opens: awaiting the import inside it would end it). */
export async function storedSearchRow(row: SearchRow): Promise<StoredSearchRow | SearchRow> {
  if (typeof Blob !== 'function') return row;
  const { searchIndexToBlob } = await blobCodec();
  return { identity: row.identity, repomdChecksum: row.repomdChecksum, blob: searchIndexToBlob(row.index) };
}

/** The index a stored search row holds, in either shape; undefined when it is not one this version reads. */
export async function searchIndexOfRow(row: unknown): Promise<SearchIndexData | undefined> {
  const blob = (row as Partial<StoredSearchRow> | undefined)?.blob;
  if (typeof Blob === 'function' && blob instanceof Blob) return (await blobCodec()).searchIndexFromBlob(blob);
  return isSearchRow(row) ? row.index : undefined;
}

export interface RepoCacheSchema extends DBSchema {
  entries: { key: CacheKey; value: EntryRow; indexes: { 'by-identity': string } };
  payloads: { key: CacheKey; value: PayloadRow };
  search: { key: CacheKey; value: SearchRow | StoredSearchRow };
}

export type StoreName = 'entries' | 'payloads' | 'search';

/** The one upgrade path of the database; each `oldVersion` step migrates to the next. */
export async function upgradeRepoCache(db: IDBPDatabase<RepoCacheSchema>, oldVersion: number, tx: IDBPTransaction<RepoCacheSchema, StoreName[], 'versionchange'>): Promise<void> {
  if (oldVersion < 1) {
    // Facts and payloads are separate so listing the cache never reads megabytes of .solv.
    const entries = db.createObjectStore('entries', { keyPath: ['identity', 'repomdChecksum'] });
    entries.createIndex('by-identity', 'identity');
    db.createObjectStore('payloads', { keyPath: ['identity', 'repomdChecksum'] });
  } else if (oldVersion < 2) {
    // Version 2: a .solv is written as rpmmd2solv writes it (file provides recorded). Older ones
    // would still load, but a warm start must load the bytes a cold start makes today.
    void tx.objectStore('entries').clear();
    void tx.objectStore('payloads').clear();
  }
  if (oldVersion < 3) {
    // Version 3: search indexes get a store of their own (a warm start read 17 MB of .solv and a
    // search index it did not need yet); version 2 payloads hand theirs over.
    const search = db.createObjectStore('search', { keyPath: ['identity', 'repomdChecksum'] });
    if (oldVersion < 2) return;
    for (let cursor = await tx.objectStore('payloads').openCursor(); cursor; cursor = await cursor.continue()) {
      const { searchIndex, ...payload } = cursor.value;
      if (!searchIndex) continue;
      await search.put({ identity: payload.identity, repomdChecksum: payload.repomdChecksum, index: searchIndex });
      await cursor.update(payload);
    }
  }
}

/** Approximate bytes a search index takes in storage. */
export function estimateSearchIndexSize(index: SearchIndexData): number {
  let size = 2 * (index.nameHay.length + index.summaryHay.length + index.provideHay.length);
  size += 2 * index.summaries.reduce((n, s) => n + s.length, 0) + 2 * index.nameHay.length;
  size += index.nameStarts.byteLength + index.summaryStarts.byteLength + index.provideStarts.byteLength + index.variantStarts.byteLength;
  return size + index.variantRepos.byteLength + 2 * (index.variantEvrs.join('').length + index.variantArches.join('').length);
}

/** Approximate bytes a record takes, for the listing and the persistence decision. */
export function estimateRecordSize(record: RepoCacheRecord): number {
  let size = record.solv?.byteLength ?? 0;
  if (record.searchIndex) size += estimateSearchIndexSize(record.searchIndex);
  if (record.comps) size += 2 * JSON.stringify(record.comps).length;
  if (record.advisories) size += 2 * JSON.stringify(record.advisories).length;
  return size;
}

export function isQuotaError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'QuotaExceededError';
}

export function summarise(row: EntryRow, now: number, storedIn: 'indexeddb' | 'memory'): RepoCacheSummary {
  const summary: RepoCacheSummary = {
    identity: row.identity,
    label: row.facts.label,
    source: row.facts.source,
    revision: row.facts.revision,
    repomdChecksum: row.repomdChecksum,
    sizeBytes: row.sizeBytes,
    cachedAt: row.cachedAt,
    fetchedAt: row.facts.fetchedAt,
    ageMs: Math.max(0, now - row.facts.fetchedAt),
    storedIn,
  };
  if (row.facts.packageCount !== undefined) summary.packageCount = row.facts.packageCount;
  return summary;
}

export function splitRecord(record: RepoCacheRecord, now: number): { entry: EntryRow; payload: PayloadRow; search?: SearchRow } {
  const key = { identity: record.facts.identity, repomdChecksum: record.facts.repomdChecksum };
  const payload: PayloadRow = { ...key };
  if (record.solv) payload.solv = record.solv;
  if (record.comps) payload.comps = record.comps;
  if (record.advisories) payload.advisories = record.advisories;
  return { entry: { ...key, facts: record.facts, sizeBytes: estimateRecordSize(record), cachedAt: now }, payload, ...(record.searchIndex ? { search: { ...key, index: record.searchIndex } } : {}) };
}

/**
 * PAYLOAD as IndexedDB stores it: the .solv as a Blob. Chromium reads a 17 MB typed array back in
 * 50-85 ms (the value is deserialised whole), a Blob's handle in ~5 ms and its bytes in 13-21 ms
 * more (measured in a worker, 17 MiB); the put of the Debian fixture's record went from 124 to
 * 18 ms (npm run bench). A warm start and a cold load both wait less for the cache.
 */
export function storedPayload(payload: PayloadRow): PayloadRow {
  return payload.solv instanceof Uint8Array && typeof Blob === 'function' ? { ...payload, solv: new Blob([payload.solv as Uint8Array<ArrayBuffer>]) } : payload;
}

/** PAYLOAD with its .solv as bytes again, whichever way the row holds it. */
export async function readPayload(payload: PayloadRow | undefined): Promise<PayloadRow | undefined> {
  return typeof Blob === 'function' && payload?.solv instanceof Blob ? { ...payload, solv: new Uint8Array(await payload.solv.arrayBuffer()) } : payload;
}

/** The record of ENTRY and PAYLOAD (whose .solv `readPayload` made bytes). */
export function joinRecord(entry: EntryRow, payload: PayloadRow | undefined): RepoCacheRecord {
  const record: RepoCacheRecord = { facts: entry.facts };
  if (payload?.solv instanceof Uint8Array) record.solv = payload.solv;
  if (payload?.comps) record.comps = payload.comps;
  if (payload?.advisories) record.advisories = payload.advisories;
  return record;
}

/** Whether a stored search row holds an index of the shape this version reads. */
export function isSearchRow(row: unknown): row is SearchRow {
  const index = (row as Partial<SearchRow> | undefined)?.index;
  return typeof index === 'object' && index !== null && index.version === 1 && Array.isArray(index.names) && index.nameStarts instanceof Int32Array;
}

/** Records that live only in this page: the whole cache when IndexedDB is unavailable, overflow when it is full. */
export class MemoryStore {
  readonly rows = new Map<string, { entry: EntryRow; payload: PayloadRow; search?: SearchIndexData }>();
  static key(identity: string, checksum: string): string {
    return `${identity}\u0000${checksum}`;
  }
  put(entry: EntryRow, payload: PayloadRow, search?: SearchRow): void {
    this.rows.set(MemoryStore.key(entry.identity, entry.repomdChecksum), { entry, payload, ...(search ? { search: search.index } : {}) });
  }
  get(identity: string, checksum: string): RepoCacheRecord | undefined {
    const row = this.rows.get(MemoryStore.key(identity, checksum));
    return row ? joinRecord(row.entry, row.payload) : undefined;
  }
  entries(identity?: string): EntryRow[] {
    return [...this.rows.values()].map((r) => r.entry).filter((e) => identity === undefined || e.identity === identity);
  }
  delete(identity: string, checksum?: string): number {
    let removed = 0;
    for (const entry of this.entries(identity)) {
      if (checksum !== undefined && entry.repomdChecksum !== checksum) continue;
      this.rows.delete(MemoryStore.key(entry.identity, entry.repomdChecksum));
      removed++;
    }
    return removed;
  }
}

/** Whether a stored row has the shape this version writes; rows from an older or damaged schema are treated as not cached. */
export function isEntryRow(row: unknown): row is EntryRow {
  const r = row as Partial<EntryRow> | undefined;
  return (
    typeof r === 'object' && r !== null && typeof r.identity === 'string' && typeof r.repomdChecksum === 'string' && typeof r.sizeBytes === 'number' &&
    typeof r.facts === 'object' && r.facts !== null && typeof r.facts.fetchedAt === 'number' && typeof r.facts.label === 'string'
  );
}

export function newest(rows: EntryRow[]): EntryRow | undefined {
  return rows.reduce<EntryRow | undefined>((a, b) => (!a || b.facts.fetchedAt > a.facts.fetchedAt ? b : a), undefined);
}

