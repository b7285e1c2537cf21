/** What the bench page is asked to do and what comes back (read by bench/chromium.ts through Playwright). */
import type { ResolveRequest } from '../../src/lib/resolve/types.ts';
import type { RepoFileTimings, ResolverTimings } from '../steps.ts';

/**
 * resolver: the engine's steps one by one (bench worker);
 * cold: compressed bytes already in memory → ready pool → first solve, through ResolverSession (bench worker);
 * cold-url: the app's first visit, ResolverSession.addRepo from the URL with IndexedDB (bench worker);
 * throttled: the same from a bandwidth-limited server, and the download alone (bench worker);
 * warm: the app's resolver worker (ResolverClient) from `new Worker` to the first result, repository from IndexedDB;
 * edit: the app's resolver worker on the warm pool: request edits, then overlay edits of an image.
 */
export type BenchMode = 'resolver' | 'cold' | 'cold-url' | 'throttled' | 'warm' | 'edit';

/** The page's input, put on window.__benchInput before the page loads. */
export interface BenchRequest {
  mode: BenchMode;
  /** Repository root the mode loads from (loopback; the throttled server for `throttled`). */
  repoUrl: string;
  /** IndexedDB database of this run; warm runs reuse the one a cold-url or edit run filled. */
  dbName: string;
  /** The first request after a load (and the warm start's). */
  firstRequest: ResolveRequest;
  /** edit: request edits timed one after another. */
  jobEdits?: ResolveRequest[];
  /** edit: the image's project, one file set per overlay edit (the first one is the untimed first build). */
  overlayEdits?: [string, string][][];
  editImage?: string;
  /** edit: how long the page stays open after its last answer, as a real session does (time for V8 to hand optimized code to the code cache). */
  lingerMs?: number;
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

/** The engine's steps in Chromium: fetch, verify, gunzip, then the shared resolver steps. */
export interface ResolverModeResult {
  mode: 'resolver';
  crossOriginIsolated: boolean;
  compileMs: number;
  fetchGzMs: number;
  gzBytes: number;
  file: RepoFileTimings;
  resolver: ResolverTimings;
}

/** Compressed bytes in memory → a pool ready to solve (the app's own load path), then the first solve. */
export interface ColdModeResult {
  mode: 'cold';
  compileMs: number;
  /** ResolverSession.addRepo of the files in memory: verify, decompress, parse, .solv, pool, IndexedDB. */
  readyMs: number;
  /** The first Resolver.solve after that (whole call). */
  firstSolveMs: number;
  installed: number;
  solvables: number;
  memoryBytes: number;
  /** Progress phases, ms from the start of addRepo (where they happened). */
  phases: Record<string, number>;
}

/** The app's first visit: addRepo from the URL (download included), split at its progress events. */
export interface ColdUrlModeResult {
  mode: 'cold-url';
  totalMs: number;
  /** Start to the last byte of primary.xml.gz (repomd.xml first). */
  downloadMs: number;
  /** Progress phases, ms from the start. */
  phases: Record<string, number>;
  fromCache: boolean;
  cacheBackend: string;
  cacheNote?: string;
  solvables: number;
  memoryBytes: number;
  search: SearchTimings;
}

/** The same files from a throttled server: downloaded alone, and loaded by the app. */
export interface ThrottledModeResult {
  mode: 'throttled';
  /** repomd.xml + primary + comps, bodies read, nothing else done. */
  downloadOnlyMs: number;
  /** ResolverSession.addRepo from the URL until the pool is ready (and cached). */
  loadMs: number;
  bytes: number;
}

/** The app's resolver worker, started on a page whose IndexedDB has the repository. */
export interface WarmModeResult {
  mode: 'warm';
  /** new ResolverClient → init resolved. */
  initMs: number;
  /** addRepo (from IndexedDB). */
  addRepoMs: number;
  /** Inside that, in the worker: reading the record from IndexedDB, then loading its .solv into the pool. */
  cacheReadMs: number;
  solvLoadMs: number;
  /** The first solve call through the client (comlink and structured clone included). */
  firstSolveMs: number;
  /** Inside it, solver_solve alone (libsolv's part, by the wasm's clock). */
  firstSolverMs: number;
  /** new Worker → first result on the page. */
  totalMs: number;
  installed: number;
  fromCache: boolean;
  xmlParses: number;
  memoryBytes: number;
  /** The first search after the first result (reads the index the cold load's search kept). */
  firstSearchMs: number;
}

/** Edits on the warm pool, each timed from the call to its result on the page. */
export interface EditModeResult {
  mode: 'edit';
  jobEditMs: number[];
  /** The first image build (loads the 63k .solv into the image resolver), untimed in the p50. */
  firstBuildMs: number;
  overlayEditMs: number[];
  /** Packages of the last image build, and its diagnostics' error count (both must be sane). */
  imagePackages: number;
  imageErrors: number;
}

/** Every mode's result. */
export type BenchModeResult = ResolverModeResult | ColdModeResult | ColdUrlModeResult | ThrottledModeResult | WarmModeResult | EditModeResult;

/** The page's answer, put on window.__benchResult. */
export type BenchResult = { ok: true; result: BenchModeResult } | { ok: false; error: string };
