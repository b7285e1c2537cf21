/** What the bench page asks its worker and what comes back (also read by bench/run.ts through Playwright). */
import type { RepoFileTimings, ResolverTimings } from '../steps.ts';

/** resolver: row 1 (engine steps); cold / warm: row 2 (the app's ResolverSession with its IndexedDB cache). */
export type BenchMode = 'resolver' | 'cold' | 'warm';

/** The page's request to its worker. */
export interface BenchRequest {
  mode: BenchMode;
  /** Repository root on the loopback server. */
  repoUrl: string;
  /** IndexedDB database of this run, shared by the cold and the warm page. */
  dbName: string;
}

/** Latency of session.search over the realistic query list. */
export interface SearchTimings {
  queries: number;
  samples: number;
  /** The very first query of the session (cold JIT). */
  firstMs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  slowest: string;
}

/** Row 1 in Chromium: fetch, verify, gunzip, then the shared resolver steps. */
export interface ResolverModeResult {
  mode: 'resolver';
  crossOriginIsolated: boolean;
  compileMs: number;
  fetchGzMs: number;
  gzBytes: number;
  file: RepoFileTimings;
  resolver: ResolverTimings;
}

/** Row 2, first visit: ResolverSession.addRepo from the URL, split at its progress events. */
export interface ColdModeResult {
  mode: 'cold';
  compileMs: number;
  openDbMs: number;
  /** addRepo start to end. */
  totalMs: number;
  /** Start to the last byte of primary.xml.gz (repomd.xml first). */
  downloadMs: number;
  /** Last primary byte to the parse phase: sha256, gunzip, open sha256, comps (1 KB, fetched too). */
  verifyDecompressMs: number;
  /** Resolver.loadRpmmd: parse, write .solv, reload the pool from it. */
  parseWriteReloadMs: number;
  /** Package list out of wasm + search index build. */
  indexMs: number;
  /** IndexedDB put of .solv, comps and search index. */
  cachePutMs: number;
  fromCache: boolean;
  cacheBackend: string;
  cacheNote?: string;
  solvables: number;
  memoryBytes: number;
  search: SearchTimings;
}

/** Row 2, return visit on a new page: compile, open the cache, load .solv, first solve. */
export interface WarmModeResult {
  mode: 'warm';
  compileMs: number;
  /** Resolver.create: instantiate + empty pool. */
  createMs: number;
  openDbMs: number;
  /** Refresh decision + reading the newest record (17 MB .solv + search index). */
  readRecordMs: number;
  loadSolvMs: number;
  firstSolveCallMs: number;
  firstSolveMs: number;
  installed: number;
  /** Worker start to the first result: compile + create + open + read + load + first solve. */
  totalMs: number;
  fromCache: boolean;
  xmlParses: number;
  memoryBytes: number;
  search: SearchTimings;
}

/** The worker's answer, put on window.__benchResult by the page. */
export type BenchResult = { ok: true; result: ResolverModeResult | ColdModeResult | WarmModeResult } | { ok: false; error: string };
