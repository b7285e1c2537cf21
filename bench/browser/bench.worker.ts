/** The bench worker: runs one mode (resolver / cold / warm) with the app's own modules and posts the timings. */
import wasmUrl from '../../wasm/dist/resolver.wasm?url';
import { openRepoCache, parseRepomd, type RepomdData } from '../../src/lib/repo/index.ts';
import { Resolver } from '../../src/lib/resolve/resolver.ts';
import { ResolverSession, type SessionProgress } from '../../src/lib/project/repo-session.ts';
import { SEARCH_QUERIES } from '../queries.ts';
import { percentile, timedAsync } from '../stats.ts';
import { measureRepoFile, measureResolver, SOLVE_JOBS } from '../steps.ts';
import type { BenchRequest, BenchResult, ColdModeResult, ResolverModeResult, SearchTimings, WarmModeResult } from './protocol.ts';

const workerStart = performance.now();

/** Compiles the resolver the way the app's worker does (streaming, from the served asset). */
async function compile(): Promise<{ module: WebAssembly.Module; ms: number }> {
  const { ms, value } = await timedAsync(() => WebAssembly.compileStreaming(fetch(wasmUrl)));
  return { module: value, ms };
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

async function primaryEntry(repoUrl: string): Promise<RepomdData> {
  const repomd = parseRepomd(new TextDecoder().decode(await fetchBytes(new URL('repodata/repomd.xml', repoUrl).href)));
  if (!repomd.ok) throw new Error(repomd.error.message);
  const entry = repomd.value.data.primary;
  if (!entry) throw new Error('repomd.xml names no primary');
  return entry;
}

async function resolverMode(req: BenchRequest): Promise<ResolverModeResult> {
  const { module, ms: compileMs } = await compile();
  const entry = await primaryEntry(req.repoUrl);
  const fetched = await timedAsync(() => fetchBytes(new URL(entry.href, req.repoUrl).href));
  const { timings, xml } = await measureRepoFile(fetched.value, entry);
  const { timings: resolver } = await measureResolver(module, xml);
  return { mode: 'resolver', crossOriginIsolated: self.crossOriginIsolated, compileMs, fetchGzMs: fetched.ms, gzBytes: fetched.value.byteLength, file: timings, resolver };
}

/** First query alone (cold JIT), one untimed pass, then three timed rounds over the list. */
function measureSearch(session: ResolverSession): SearchTimings {
  const time = (q: string) => {
    const t0 = performance.now();
    session.search(q);
    return performance.now() - t0;
  };
  const firstMs = time(SEARCH_QUERIES[0] ?? 'p');
  for (const q of SEARCH_QUERIES) session.search(q);
  const samples: number[] = [];
  const worst = new Map<string, number>();
  for (let round = 0; round < 3; round++) {
    for (const q of SEARCH_QUERIES) {
      const ms = time(q);
      samples.push(ms);
      worst.set(q, Math.max(worst.get(q) ?? 0, ms));
    }
  }
  const [slowest = '', maxMs = 0] = [...worst.entries()].reduce((a, b) => (b[1] > a[1] ? b : a), ['', 0]);
  return { queries: SEARCH_QUERIES.length, samples: samples.length, firstMs, p50Ms: percentile(samples, 0.5), p95Ms: percentile(samples, 0.95), maxMs, slowest };
}

/** Records when each progress phase (and each fetched file's last byte) happened. */
function progressClock(): { onProgress: (p: SessionProgress) => void; first: Map<string, number>; lastByte: Map<string, number> } {
  const first = new Map<string, number>();
  const lastByte = new Map<string, number>();
  return {
    first,
    lastByte,
    onProgress(p) {
      const now = performance.now();
      if (!first.has(p.phase)) first.set(p.phase, now);
      if (p.phase === 'fetch' && p.file) lastByte.set(p.file, now);
    },
  };
}

async function session(module: WebAssembly.Module, dbName: string) {
  const created = await timedAsync(() => Resolver.create(module, 'x86_64'));
  const cache = await timedAsync(() => openRepoCache({ dbName }));
  const s = new ResolverSession(created.value, { fetch: self.fetch.bind(self), appOrigin: self.location.origin, cache: cache.value });
  return { session: s, cache: cache.value, createMs: created.ms, openDbMs: cache.ms };
}

async function coldMode(req: BenchRequest): Promise<ColdModeResult> {
  const { module, ms: compileMs } = await compile();
  const { session: s, cache, openDbMs } = await session(module, req.dbName);
  const clock = progressClock();
  const t0 = performance.now();
  const added = await s.addRepo({ kind: 'url', url: req.repoUrl }, {}, clock.onProgress);
  const tEnd = performance.now();
  if (!added.ok) throw new Error(`${added.error.code}: ${added.error.message}`);
  const primaryDone = Math.max(...[...clock.lastByte.entries()].filter(([f]) => f.includes('primary')).map(([, t]) => t));
  const at = (phase: string) => {
    const t = clock.first.get(phase);
    if (t === undefined) throw new Error(`no '${phase}' progress event`);
    return t;
  };
  const result: ColdModeResult = {
    mode: 'cold',
    compileMs,
    openDbMs,
    totalMs: tEnd - t0,
    downloadMs: primaryDone - t0,
    verifyDecompressMs: at('parse') - primaryDone,
    parseWriteReloadMs: at('index') - at('parse'),
    indexMs: at('cache') - at('index'),
    cachePutMs: tEnd - at('cache'),
    fromCache: added.value.fromCache,
    cacheBackend: added.value.cache,
    ...(added.value.cacheNote ? { cacheNote: added.value.cacheNote } : {}),
    solvables: added.value.solvables,
    memoryBytes: s.stats().memoryBytes,
    search: measureSearch(s),
  };
  cache.close();
  return result;
}

async function warmMode(req: BenchRequest): Promise<WarmModeResult> {
  const { module, ms: compileMs } = await compile();
  const { session: s, cache, createMs, openDbMs } = await session(module, req.dbName);
  const clock = progressClock();
  const t0 = performance.now();
  const added = await s.addRepo({ kind: 'url', url: req.repoUrl }, {}, clock.onProgress);
  const tAdded = performance.now();
  if (!added.ok) throw new Error(`${added.error.code}: ${added.error.message}`);
  if (!added.value.fromCache) throw new Error('the warm start did not hit the IndexedDB cache');
  const job = SOLVE_JOBS[0] as (typeof SOLVE_JOBS)[number];
  const solved = await timedAsync(() => s.solve(job.request));
  const tFirst = performance.now();
  if (!solved.value.ok) throw new Error(`first solve failed: ${solved.value.kind}`);
  const tLoad = clock.first.get('load-solv') ?? t0;
  const result: WarmModeResult = {
    mode: 'warm',
    compileMs,
    createMs,
    openDbMs,
    readRecordMs: tLoad - t0,
    loadSolvMs: tAdded - tLoad,
    firstSolveCallMs: solved.ms,
    firstSolveMs: solved.value.stats.solveMs,
    installed: solved.value.packages.length,
    totalMs: tFirst - workerStart,
    fromCache: added.value.fromCache,
    xmlParses: s.stats().xmlParses,
    memoryBytes: s.stats().memoryBytes,
    search: measureSearch(s),
  };
  cache.close();
  return result;
}

self.onmessage = async (event: MessageEvent<BenchRequest>) => {
  let answer: BenchResult;
  try {
    const req = event.data;
    const result = req.mode === 'resolver' ? await resolverMode(req) : req.mode === 'cold' ? await coldMode(req) : await warmMode(req);
    answer = { ok: true, result };
  } catch (err) {
    answer = { ok: false, error: err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err) };
  }
  self.postMessage(answer);
};
