/** The bench worker: runs one engine-level mode with the app's own modules and posts the timings. */
import wasmUrl from '../../wasm/dist/resolver.wasm?url';
import rpmmdWasmUrl from '../../wasm/dist/rpmmd.wasm?url';
import { openRepoCache, parseRepomd, type LocalFile, type RepomdData } from '../../src/lib/repo/index.ts';
import { Resolver } from '../../src/lib/resolve/resolver.ts';
import { ResolverSession, type SessionProgress } from '../../src/lib/project/repo-session.ts';
import { openParseWorkers, parallelParseMode } from '../../src/workers/parse-pool.ts';
import { SEARCH_QUERIES } from '../queries.ts';
import { percentile, timedAsync } from '../stats.ts';
import { measureRepoFile, measureResolver } from '../steps.ts';
import type { BenchModeResult, BenchRequest, BenchResult, ColdModeResult, ColdUrlModeResult, ResolverModeResult, SearchTimings, ThrottledModeResult } from './protocol.ts';

/** Compiles the resolver the way the app's worker does (streaming, from the served asset). */
async function compile(): Promise<{ module: WebAssembly.Module; ms: number }> {
  const { ms, value } = await timedAsync(() => WebAssembly.compileStreaming(fetch(wasmUrl)));
  return { module: value, ms };
}

let xmlModule: Promise<WebAssembly.Module> | undefined;

/** Compiles rpmmd.wasm (XML → .solv) once, as the app's worker does on its first XML parse. */
function compileXml(): Promise<WebAssembly.Module> {
  xmlModule ??= WebAssembly.compileStreaming(fetch(rpmmdWasmUrl));
  return xmlModule;
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** The repomd.xml bytes and the entries the app reads eagerly (primary, the first comps variant). */
async function eagerFiles(repoUrl: string): Promise<{ repomd: Uint8Array; primary: RepomdData; comps?: RepomdData }> {
  const repomd = await fetchBytes(new URL('repodata/repomd.xml', repoUrl).href);
  const parsed = parseRepomd(new TextDecoder().decode(repomd));
  if (!parsed.ok) throw new Error(parsed.error.message);
  const primary = parsed.value.data.primary;
  if (!primary) throw new Error('repomd.xml names no primary');
  const comps = ['group_zst', 'group_xz', 'group_gz', 'group'].map((t) => parsed.value.data[t]).find((d) => d !== undefined);
  return { repomd, primary, ...(comps ? { comps } : {}) };
}

async function resolverMode(req: BenchRequest): Promise<ResolverModeResult> {
  const { module, ms: compileMs } = await compile();
  const { primary: entry } = await eagerFiles(req.repoUrl);
  const fetched = await timedAsync(() => fetchBytes(new URL(entry.href, req.repoUrl).href));
  const { timings, xml } = await measureRepoFile(fetched.value, entry);
  const { timings: resolver } = await measureResolver(module, await compileXml(), xml);
  return { mode: 'resolver', crossOriginIsolated: self.crossOriginIsolated, compileMs, fetchGzMs: fetched.ms, gzBytes: fetched.value.byteLength, file: timings, resolver };
}

/** First query alone (it builds the index), one untimed pass, then three timed rounds over the list. */
async function measureSearch(session: ResolverSession): Promise<SearchTimings> {
  const time = async (q: string) => {
    const t0 = performance.now();
    await session.search(q);
    return performance.now() - t0;
  };
  const firstMs = await time(SEARCH_QUERIES[0] ?? 'p');
  for (const q of SEARCH_QUERIES) await session.search(q);
  const samples: number[] = [];
  const worst = new Map<string, number>();
  for (let round = 0; round < 3; round++) {
    for (const q of SEARCH_QUERIES) {
      const ms = await time(q);
      samples.push(ms);
      worst.set(q, Math.max(worst.get(q) ?? 0, ms));
    }
  }
  const [slowest = '', maxMs = 0] = [...worst.entries()].reduce((a, b) => (b[1] > a[1] ? b : a), ['', 0]);
  return { queries: SEARCH_QUERIES.length, samples: samples.length, firstMs, p50Ms: percentile(samples, 0.5), p95Ms: percentile(samples, 0.95), maxMs, slowest };
}

/** Records when each progress phase first happened (ms from `t0`) and when each fetched file's last byte came. */
function progressClock(t0: number): { onProgress: (p: SessionProgress) => void; phases: Record<string, number>; lastByte: Map<string, number> } {
  const phases: Record<string, number> = {};
  const lastByte = new Map<string, number>();
  return {
    phases,
    lastByte,
    onProgress(p) {
      const now = performance.now() - t0;
      phases[p.phase] ??= now;
      if (p.phase === 'fetch' && p.file) lastByte.set(p.file, now);
    },
  };
}

async function session(module: WebAssembly.Module, dbName: string) {
  const resolver = await Resolver.create(module, 'x86_64', { xmlModule: compileXml });
  const cache = await openRepoCache({ dbName });
  // parse workers as the app's resolver worker has them
  return { session: new ResolverSession(resolver, { fetch: self.fetch.bind(self), appOrigin: self.location.origin, cache, openPartConverters: openParseWorkers(compileXml), parallelParse: parallelParseMode() }), cache };
}

async function coldMode(req: BenchRequest): Promise<ColdModeResult> {
  const { module, ms: compileMs } = await compile();
  const eager = await eagerFiles(req.repoUrl);
  const files: LocalFile[] = [{ path: 'repodata/repomd.xml', data: eager.repomd }];
  for (const entry of [eager.primary, eager.comps]) if (entry) files.push({ path: entry.href, data: await fetchBytes(new URL(entry.href, req.repoUrl).href) });
  const { session: s, cache } = await session(module, req.dbName);
  const t0 = performance.now();
  const clock = progressClock(t0);
  const added = await s.addRepo({ kind: 'local', files, label: 'bench' }, {}, clock.onProgress);
  const readyMs = performance.now() - t0;
  if (!added.ok) throw new Error(`${added.error.code}: ${added.error.message}`);
  const solved = await timedAsync(() => s.solve(req.firstRequest));
  if (!solved.value.ok) throw new Error(`first solve failed: ${solved.value.kind}`);
  cache.close();
  return { mode: 'cold', compileMs, readyMs, firstSolveMs: solved.ms, installed: solved.value.packages.length, solvables: added.value.solvables, memoryBytes: s.stats().memoryBytes, phases: clock.phases };
}

async function coldUrlMode(req: BenchRequest): Promise<ColdUrlModeResult> {
  const { module } = await compile();
  const { session: s, cache } = await session(module, req.dbName);
  const t0 = performance.now();
  const clock = progressClock(t0);
  const added = await s.addRepo({ kind: 'url', url: req.repoUrl }, {}, clock.onProgress);
  const totalMs = performance.now() - t0;
  if (!added.ok) throw new Error(`${added.error.code}: ${added.error.message}`);
  const downloadMs = Math.max(...[...clock.lastByte.entries()].filter(([f]) => f.includes('primary')).map(([, t]) => t));
  const result: ColdUrlModeResult = {
    mode: 'cold-url',
    totalMs,
    downloadMs,
    phases: clock.phases,
    fromCache: added.value.fromCache,
    cacheBackend: added.value.cache,
    ...(added.value.cacheNote ? { cacheNote: added.value.cacheNote } : {}),
    solvables: added.value.solvables,
    memoryBytes: s.stats().memoryBytes,
    search: await measureSearch(s),
  };
  cache.close();
  return result;
}

async function throttledMode(req: BenchRequest): Promise<ThrottledModeResult> {
  const { module } = await compile();
  // the download alone: the files the app reads eagerly, one after another, nothing done with them
  const t0 = performance.now();
  const eager = await eagerFiles(req.repoUrl);
  let bytes = eager.repomd.byteLength;
  for (const entry of [eager.primary, eager.comps]) if (entry) bytes += (await fetchBytes(new URL(entry.href, req.repoUrl).href)).byteLength;
  const downloadOnlyMs = performance.now() - t0;
  const { session: s, cache } = await session(module, req.dbName);
  const t1 = performance.now();
  const added = await s.addRepo({ kind: 'url', url: req.repoUrl });
  const loadMs = performance.now() - t1;
  if (!added.ok) throw new Error(`${added.error.code}: ${added.error.message}`);
  if (added.value.fromCache) throw new Error('the throttled load hit the cache');
  cache.close();
  return { mode: 'throttled', downloadOnlyMs, loadMs, bytes };
}

async function run(req: BenchRequest): Promise<BenchModeResult> {
  switch (req.mode) {
    case 'resolver':
      return resolverMode(req);
    case 'cold':
      return coldMode(req);
    case 'cold-url':
      return coldUrlMode(req);
    case 'throttled':
      return throttledMode(req);
    default:
      throw new Error(`the bench worker does not run mode ${req.mode}`);
  }
}

self.onmessage = async (event: MessageEvent<BenchRequest>) => {
  let answer: BenchResult;
  try {
    answer = { ok: true, result: await run(event.data) };
  } catch (err) {
    answer = { ok: false, error: err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err) };
  }
  self.postMessage(answer);
};
