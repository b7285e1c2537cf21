/** What ResolverSession takes and answers: load options, progress, the repositories it lists, its environment. */
import type { Advisory, CompsModel, FetchLike, LazyRepoFile, RepoCache, RepoFactsCore } from '../repo/index.ts';
import type { OpenPartConverters } from '../resolve/parts.ts';

/** How to add a repository to the pool. */
export interface AddRepoOptions {
  /** Id in the pool; defaults to a slug of the source. */
  repoId?: string;
  priority?: number;
  cost?: number;
  /** Ignore the cache and read the metadata again. */
  refresh?: boolean;
}

/** Progress of slow work, by phase; bytes for downloads. */
export interface SessionProgress {
  phase: 'fetch' | 'verify' | 'decompress' | 'parse' | 'cache' | 'load-solv' | 'filelists' | 'solve';
  repoId?: string;
  file?: string;
  loaded?: number;
  total?: number;
}

/** A repository in the pool, as the UI lists it. */
export interface SessionRepo extends Pick<RepoFactsCore, 'identity' | 'label' | 'source' | 'revision' | 'fetchedAt'> {
  repoId: string;
  solvables: number;
  priority: number;
  cost: number;
  /** Started from the cached .solv: nothing was fetched and no XML was parsed. */
  fromCache: boolean;
  /** Read from a metadata pack (a pack URL, or the bundle's pack): fetched and verified, no XML parsed. */
  fromPack?: boolean;
  /** Where the cache record lives, or why there is none. */
  cache: 'indexeddb' | 'memory' | 'none';
  cacheNote?: string;
  notes: string[];
  /** Milliseconds: the whole load; the XML parse (a cold load); the cache read of the record (a start from the cache). */
  timings: { loadMs: number; parseMs?: number; cacheReadMs?: number };
}

/** Counters that let tests and the UI prove what a start cost. */
export interface SessionStats {
  xmlParses: number;
  xmlBytesParsed: number;
  solvLoads: number;
  memoryBytes: number;
}

/** Everything the session needs from its environment (browser worker or Node). */
export interface SessionEnvironment {
  fetch: FetchLike;
  /** Absolute URL of the app root for bundled repositories; absent in Node. */
  appBaseUrl?: string;
  /** Page origin, so a failed cross-origin fetch can be named a CORS failure. */
  appOrigin?: string;
  cache?: RepoCache;
  /** Max age of a cached URL or bundle repository before it is read again. */
  maxAgeMs?: number;
  /**
   * Runs FN while holding the lock NAME across every page of the origin (the Web Locks API), so
   * two pages or embeds loading one repository read it once: the second waits, then starts from
   * the cache. Absent (Node), loads are not coordinated.
   */
  lock?: <T>(name: string, fn: () => Promise<T>) => Promise<T>;
  /** Parse workers: primary.xml is then parsed in parts, in parallel (same .solv); absent (Node), in one piece. */
  openPartConverters?: OpenPartConverters;
  /**
   * With parse workers, a compressed primary.xml is parsed in parts while it arrives or is
   * decompressed; a file read already decompressed is parsed in parts only with 'always' (the default).
   */
  parallelParse?: 'download' | 'always';
}



/** A repository of the pool as an image build takes it: its facts, the .solv it was loaded from, comps and lazy filelists. */
export interface SessionRepoContent {
  facts: RepoFactsCore;
  /** The same bytes on every call until the repository is re-read, so callers can memoise on them. */
  solv: Uint8Array;
  comps?: CompsModel;
  filelists?: LazyRepoFile;
  advisories?: readonly Advisory[];
  advisoryError?: string;
}
