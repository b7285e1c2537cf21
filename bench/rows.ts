/** Turns the raw measurements of one run into table rows (no number here that was not measured in this run). */
import type { AppOpenResult } from './app-open.ts';
import { gzipTotal } from './app-open.ts';
import type { ChromiumResults } from './chromium.ts';
import type { NativeResult } from './native.ts';
import { median, percentile } from './stats.ts';
import type { RepoFileTimings, ResolverTimings } from './steps.ts';
import { SOLVE_JOBS, TIMED_SOLVES, SPLIT_SOLVES } from './steps.ts';
import type { Row } from './table.ts';

/** The wasm-in-Node half of the engine steps. */
export interface NodeWasmResult {
  compileMs: number;
  file: RepoFileTimings;
  resolver: ResolverTimings;
  /** Process CPU time / wall time over the Node measurements. */
  cpuShare: number;
}

/** A row an existing Node bench returned. */
export interface BenchLine {
  label: string;
  ms: number;
  note?: string;
}

/** Everything one run measured (absent parts failed or were not asked for). */
export interface Measured {
  native?: NativeResult;
  node?: NodeWasmResult;
  chromium?: ChromiumResults;
  app?: AppOpenResult;
  cli?: { helpMs: number[]; nodeMs: number[] };
  solvCompare: string;
  nodeBenches: BenchLine[];
}

const MiB = (bytes: number | undefined) => (bytes === undefined ? undefined : bytes / 1048576);
const KB = (bytes: number | undefined) => (bytes === undefined ? undefined : bytes / 1000);
const med = (xs: readonly number[] | undefined) => (xs && xs.length > 0 ? median(xs) : undefined);
const p50 = (xs: readonly number[] | undefined) => (xs && xs.length > 0 ? percentile(xs, 0.5) : undefined);
const list = (xs: readonly number[] | undefined, digits = 0) => (xs ? xs.map((x) => x.toFixed(digits)).join(' ') : '');

/** The issue's target table, in its order. */
export function targetRows(m: Measured): Row[] {
  const s = 'targets';
  const { native, chromium: c, app, cli } = m;
  const gnome = SOLVE_JOBS[0] as (typeof SOLVE_JOBS)[number];
  const python = SOLVE_JOBS[1] as (typeof SOLVE_JOBS)[number];
  const warmSolve = (key: string) => c?.resolver.resolver.solves[key];
  const cold = c?.cold;
  const warm = c?.warm;
  const edit = c?.edit;
  const thr = c?.throttled;
  return [
    {
      section: s,
      figure: 'cold load, compressed bytes → ready pool',
      unit: 'ms',
      value: med(cold?.map((r) => r.readyMs)),
      native: native?.coldPipelineMs,
      runtime: 'chromium',
      runs: cold?.length,
      target: { max: 1.0, on: 'ratio' },
      note: `ResolverSession.addRepo of the files in memory (verify, decompress, parse, .solv, pool, IndexedDB); native: gzip -dc | rpmmd2solv; runs ${list(cold?.map((r) => r.readyMs))}`,
    },
    {
      section: s,
      figure: 'cold load from a URL, 50 Mbit/s loopback',
      unit: 'ms',
      value: med(thr?.map((r) => r.loadMs)),
      native: med(thr?.map((r) => r.downloadOnlyMs)),
      reference: 'download alone',
      runtime: 'chromium',
      runs: thr?.length,
      target: { max: 1.1, on: 'ratio' },
      note: `addRepo(url) until it resolves; ${KB(thr?.[0]?.bytes)?.toFixed(0) ?? '?'} KB over a throttled link; runs ${list(thr?.map((r) => r.loadMs))}`,
    },
    {
      section: s,
      figure: 'warm start: worker start → first result',
      unit: 'ms',
      value: med(warm?.map((r) => r.totalMs)),
      native: native?.testsolvWallMs,
      runtime: 'chromium',
      runs: warm?.length,
      target: { max: 1.5, on: 'ratio' },
      note: `returning visitor (persistent profile: IndexedDB, HTTP cache, V8's script code cache; no wasm code cache, which V8 writes only after a long session: see "V8 caching wasm code at once"): new ResolverClient → init → addRepo (IndexedDB) → solve ${gnome.spec}; native: testsolv -r process; runs ${list(warm?.map((r) => r.totalMs))}`,
    },
    {
      section: s,
      figure: 'first solve after load, whole call',
      unit: 'ms',
      value: med(warm?.map((r) => r.firstSolveMs)),
      native: native?.firstPrepSolveMs,
      runtime: 'chromium',
      runs: warm?.length,
      target: { max: 1.5, on: 'ratio' },
      note: `${gnome.spec} (${warm?.[0]?.installed ?? '?'} packages) through the client after a returning visitor's warm start; native: testsolv prep + solver_solve`,
    },
    ...[gnome, python].map(
      (job): Row => ({
        section: s,
        figure: `warm solve, whole call (${job.spec})`,
        unit: 'ms',
        value: warmSolve(job.key)?.warmCallMs,
        native: native?.solves[job.key]?.warmSolveMs,
        runtime: 'chromium',
        runs: TIMED_SOLVES,
        target: { max: 1.2, on: 'ratio' },
        note: `Resolver.solve median of ${TIMED_SOLVES} after warm-up; native: solver_solve alone`,
      }),
    ),
    {
      section: s,
      figure: 'edit → updated result, 63k pool: job edit p50',
      unit: 'ms',
      value: p50(edit?.jobEditMs),
      runtime: 'chromium',
      runs: edit?.jobEditMs.length,
      target: { max: 50, on: 'value' },
      note: `client.solve of the quick request grown/shrunk by one spec; max ${Math.max(...(edit?.jobEditMs ?? [Number.NaN])).toFixed(0)} ms`,
    },
    {
      section: s,
      figure: 'edit → updated result, 63k pool: overlay edit p50',
      unit: 'ms',
      value: p50(edit?.overlayEditMs),
      runtime: 'chromium',
      runs: edit?.overlayEditMs.length,
      target: { max: 100, on: 'value' },
      note: edit ? `buildImage after an overlay's Requires changed (render, shadow repo, solve, manifest); first build ${edit.firstBuildMs.toFixed(0)} ms; ${edit.imagePackages} packages, ${edit.imageErrors} errors` : '',
    },
    {
      section: s,
      figure: 'page open → demo resolved, first visit',
      unit: 'ms',
      value: med(app?.firstVisitMs),
      runtime: 'chromium',
      runs: app?.firstVisitMs.length,
      target: { max: 1000, on: 'value' },
      note: `navigation start → data-playground-state=ready, fresh profile; runs ${list(app?.firstVisitMs)}`,
    },
    {
      section: s,
      figure: 'page open → demo resolved, return visit',
      unit: 'ms',
      value: med(app?.returnVisitMs),
      runtime: 'chromium',
      runs: app?.returnVisitMs.length,
      target: { max: 1000, on: 'value' },
      note: `same profile (IndexedDB, HTTP cache, the service worker installed); runs ${list(app?.returnVisitMs)}`,
    },
    {
      section: s,
      figure: 'transfer before the first result: wasm',
      unit: 'KB',
      value: app ? KB(gzipTotal(app.transfers, 'wasm')) : undefined,
      runtime: 'chromium',
      target: { max: 200, on: 'value' },
      note: app ? `gzip -9; ${app.transfers.filter((t) => t.kind === 'wasm').map((t) => `${t.path.split('/').pop()} ${(t.bytes / 1000).toFixed(0)} KB raw`).join(', ')}` : '',
    },
    {
      section: s,
      figure: 'transfer before the first result: JS',
      unit: 'KB',
      value: app ? KB(gzipTotal(app.transfers, 'js')) : undefined,
      runtime: 'chromium',
      target: { max: 200, on: 'value' },
      note: app ? `gzip -9; ${app.transfers.filter((t) => t.kind === 'js').map((t) => `${t.path.split('/').pop()} ${(t.gzipBytes / 1000).toFixed(0)}`).join(', ')}` : '',
    },
    {
      section: s,
      figure: 'wasm memory with the 63k pool',
      unit: 'MiB',
      value: MiB(med(warm?.map((r) => r.memoryBytes))),
      native: MiB(native ? native.rssOneKiB * 1024 : undefined),
      runtime: 'chromium',
      runs: warm?.length,
      target: { max: 1.0, on: 'ratio' },
      note: 'linear memory after the warm start and first solve; native: testsolv max RSS, same job',
    },
    {
      section: s,
      figure: 'CLI start (azl-playground --help)',
      unit: 'ms',
      value: med(cli?.helpMs),
      runtime: 'cli',
      runs: cli?.helpMs.length,
      target: { max: 150, on: 'value' },
      note: `new Node process each; node -e 0 alone ${med(cli?.nodeMs)?.toFixed(0) ?? '?'} ms`,
    },
  ];
}

/** The issue's first table (what it measured before), from this run. */
export function summaryRows(m: Measured): Row[] {
  const s = 'summary';
  const { native, chromium: c } = m;
  const gnomeKey = (SOLVE_JOBS[0] as (typeof SOLVE_JOBS)[number]).key;
  const cr = c?.resolver.resolver;
  const coldUrl = c?.coldUrl;
  return [
    { section: s, figure: 'parse rpm-md → .solv', unit: 'ms', value: cr?.parseMs, native: native?.rpmmd2solvMs, runtime: 'chromium', runs: 1, note: 'rpmmd.wasm: parse and .solv write in one call; native: rpmmd2solv' },
    {
      section: s,
      figure: 'cold total, compressed bytes → cached pool (download excluded)',
      unit: 'ms',
      value: coldUrl ? coldUrl.totalMs - coldUrl.downloadMs : undefined,
      native: native ? native.sha256GzMs + native.coldPipelineMs : undefined,
      runtime: 'chromium',
      runs: 1,
      note: 'addRepo(url) minus its download, IndexedDB put included (the search index is built on the first search); native: sha256sum + gzip -dc | rpmmd2solv',
    },
    { section: s, figure: 'load .solv into a fresh pool', unit: 'ms', value: cr?.loadSolvMs, native: native?.loadSolvMs, runtime: 'chromium', runs: 1, note: 'Resolver.loadSolv; native: testsolv repo_add_solv' },
    { section: s, figure: 'first solve after load, whole call', unit: 'ms', value: cr?.solves[gnomeKey]?.firstCallMs, native: native?.firstPrepSolveMs, runtime: 'chromium', runs: 1, note: 'bench worker, right after Resolver.loadSolv (no comlink)' },
    { section: s, figure: 'first solve after a cold load, whole call', unit: 'ms', value: med(c?.cold.map((r) => r.firstSolveMs)), native: native?.firstPrepSolveMs, runtime: 'chromium', runs: c?.cold.length },
    { section: s, figure: 'warm solve, whole Resolver.solve call', unit: 'ms', value: cr?.solves[gnomeKey]?.warmCallMs, native: native?.solves[gnomeKey]?.warmSolveMs, runtime: 'chromium', runs: TIMED_SOLVES },
    { section: s, figure: 'warm start: worker start → first result', unit: 'ms', value: med(c?.warm.map((r) => r.totalMs)), native: native?.testsolvWallMs, runtime: 'chromium', runs: c?.warm.length, note: 'returning visitor' },
    { section: s, figure: 'first solve after a warm start: solver_solve alone', unit: 'ms', value: med(c?.warm.map((r) => r.firstSolverMs)), native: native?.solves[gnomeKey]?.firstSolveMs, runtime: 'chromium', runs: c?.warm.length, note: `returning visitor; fresh profile: ${med(c?.warmFresh.map((r) => r.firstSolverMs))?.toFixed(1) ?? '?'} ms` },
    {
      section: s,
      figure: 'returning visitor: resolver.wasm compiled from V8\'s code cache',
      unit: 'count',
      value: c?.wasmCodeCache?.hits,
      runtime: 'chromium',
      runs: c?.wasmCodeCache ? 1 : undefined,
      note: c?.wasmCodeCache
        ? `v8.wasm.moduleCacheHit events of one more traced warm start (1 = from the cache, 0 = compiled again: V8 re-checks its 2 s wait after the remaining milliseconds read as seconds, so the first visit ended before it cached); code handed to the cache in it: ${c.wasmCodeCache.writes}`
        : 'the traced visit left no readable trace',
    },
    {
      section: s,
      figure: 'warm start, V8 caching wasm code at once: worker start → first result',
      unit: 'ms',
      value: med(c?.warmCodeCached.map((r) => r.totalMs)),
      native: native?.testsolvWallMs,
      runtime: 'chromium',
      runs: c?.warmCodeCached.length,
      note: `diagnostic, not a target: the returning visitor again with --wasm-caching-timeout-ms=0, so V8's code cache holds the first visit's optimized resolver.wasm; its traced visit: ${c?.warmCodeCachedProbe ? `${c.warmCodeCachedProbe.hits} code-cache hit(s)` : 'no readable trace'}; runs ${list(c?.warmCodeCached.map((r) => r.totalMs))}`,
    },
    { section: s, figure: 'first solve after a warm start, V8 caching wasm code at once, whole call', unit: 'ms', value: med(c?.warmCodeCached.map((r) => r.firstSolveMs)), native: native?.firstPrepSolveMs, runtime: 'chromium', runs: c?.warmCodeCached.length, note: 'diagnostic, not a target' },
    { section: s, figure: 'warm start, fresh profile: worker start → first result', unit: 'ms', value: med(c?.warmFresh.map((r) => r.totalMs)), native: native?.testsolvWallMs, runtime: 'chromium', runs: c?.warmFresh.length, note: `incognito profile, only the IndexedDB record: no HTTP or script code caches; runs ${list(c?.warmFresh.map((r) => r.totalMs))}` },
    { section: s, figure: 'first solve after a warm start, fresh profile, whole call', unit: 'ms', value: med(c?.warmFresh.map((r) => r.firstSolveMs)), native: native?.firstPrepSolveMs, runtime: 'chromium', runs: c?.warmFresh.length },
  ];
}

/** The engine's steps on the 63k repo, native vs wasm in Node vs wasm in a Chromium worker (one run each). */
export function engineRows(m: Measured): Row[] {
  const s = 'engine';
  const { native, node } = m;
  const cr = m.chromium?.resolver;
  const both = (figure: string, unit: Row['unit'], nativeValue: number | undefined, nodeValue: number | undefined, chromiumValue: number | undefined, note?: string): Row[] => [
    { section: s, figure: `${figure} (Node)`, unit, value: nodeValue, native: nativeValue, runtime: 'node', runs: 1, ...(note ? { note } : {}) },
    { section: s, figure: `${figure} (Chromium)`, unit, value: chromiumValue, native: nativeValue, runtime: 'chromium', runs: 1 },
  ];
  const n = node?.resolver;
  const c = cr?.resolver;
  const nativeWrite = native ? native.mergesolvMs - native.loadSolvMs : undefined;
  const rows: Row[] = [
    { section: s, figure: 'compile resolver.wasm (Node)', unit: 'ms', value: node?.compileMs, runtime: 'node', runs: 1 },
    { section: s, figure: 'compile resolver.wasm (Chromium)', unit: 'ms', value: cr?.compileMs, runtime: 'chromium', runs: 1, note: 'compileStreaming incl. loopback fetch' },
    { section: s, figure: 'fetch primary.xml.gz, 10 MB (loopback)', unit: 'ms', value: cr?.fetchGzMs, runtime: 'chromium', runs: 1 },
    ...both('sha256 of primary.xml.gz', 'ms', native?.sha256GzMs, node?.file.verifyMs, cr?.file.verifyMs, 'native: sha256sum; wasm rows: WebCrypto'),
    ...both('gunzip to 100 MB XML', 'ms', native?.gunzipMs, node?.file.gunzipMs, cr?.file.gunzipMs, 'native: gzip -dc; app: decompressFile'),
    ...both('sha256 of the XML (open-checksum)', 'ms', native?.sha256XmlMs, node?.file.verifyOpenMs, cr?.file.verifyOpenMs),
    ...both('parse rpm-md → .solv', 'ms', native?.rpmmd2solvMs, n?.parseMs, c?.parseMs, 'rpmmd.wasm: parse and .solv write in one call; native: rpmmd2solv'),
    ...both('write .solv', 'ms', nativeWrite, n?.writeSolvMs, c?.writeSolvMs, 'native derived: mergesolv − repo_add_solv'),
    ...both('load .solv into a fresh pool', 'ms', native?.loadSolvMs, n?.loadSolvMs, c?.loadSolvMs, 'native: testsolv -v repo_add_solv'),
  ];
  for (const job of SOLVE_JOBS) {
    const nj = native?.solves[job.key];
    const wn = n?.solves[job.key];
    const wc = c?.solves[job.key];
    if (job === SOLVE_JOBS[0]) {
      rows.push(
        ...both(`first solve ${job.spec}: solver_solve`, 'ms', nj?.firstSolveMs, wn?.firstSolveMs, wc?.firstSolveMs, 'fresh instance, Liftoff code'),
        ...both(`first solve ${job.spec}: whole call`, 'ms', native?.firstPrepSolveMs, wn?.firstCallMs, wc?.firstCallMs, 'incl. addfileprovides + whatprovides; wasm adds result JSON + mapping'),
      );
    }
    rows.push(
      ...both(`warm solve ${job.spec}: solver_solve`, 'ms', nj?.warmSolveMs, wn?.warmSolveMs, wc?.warmSolveMs, `median of ${TIMED_SOLVES} after warm-up`),
      ...both(`warm solve ${job.spec}: result JSON in wasm`, 'ms', undefined, wn?.warmReportMs, wc?.warmReportMs, `median of ${SPLIT_SOLVES} split calls; the details of packages sent before are left out, as Resolver.solve asks`),
      ...both(`warm solve ${job.spec}: JSON.parse + mapSolveResult`, 'ms', undefined, wn?.warmMapMs, wc?.warmMapMs),
      ...both(`packages installed for ${job.spec}`, 'count', nj?.installed, wn?.installed, wc?.installed, 'must agree'),
    );
  }
  rows.push(
    ...both('memory after parse + write', 'MiB', MiB(native ? native.rpmmd2solvRssKiB * 1024 : undefined), MiB(n?.memoryAfterParse), MiB(c?.memoryAfterParse), 'native: rpmmd2solv max RSS; wasm: linear memory'),
    ...both('memory after .solv load', 'MiB', MiB(native ? native.rssLoadKiB * 1024 : undefined), MiB(n?.memoryAfterLoad), MiB(c?.memoryAfterLoad), 'native: testsolv max RSS, load only'),
    ...both('.solv size', 'MiB', MiB(native?.solvBytes), MiB(n?.solvBytes), MiB(c?.solvBytes), `Node .solv: ${m.solvCompare}; Chromium ${c && n ? (c.solvSha256 === n.solvSha256 ? '= Node bytes' : 'differs from Node!') : '?'}`),
  );
  return rows;
}

/** The app's load paths in Chromium split at their progress events, and search latency. */
export function metadataRows(m: Measured): Row[] {
  const s = 'metadata';
  const c = m.chromium;
  const coldUrl = c?.coldUrl;
  const phase = (name: string) => coldUrl?.phases[name];
  const span = (from: number | undefined, to: number | undefined) => (from === undefined || to === undefined ? undefined : to - from);
  const coldPhases = c?.cold.map((r) => r.phases) ?? [];
  const coldSpan = (from: string, to: string) => med(coldPhases.map((p) => (p[from] !== undefined && p[to] !== undefined ? (p[to] as number) - (p[from] as number) : Number.NaN)).filter(Number.isFinite));
  const rows: Row[] = [
    { section: s, figure: 'cold bytes: verify + decompress (+ comps)', unit: 'ms', value: med(coldPhases.map((p) => p.parse ?? Number.NaN).filter(Number.isFinite)), runtime: 'chromium', runs: coldPhases.length, note: 'addRepo start → parse phase' },
    { section: s, figure: 'cold bytes: parse + .solv + pool', unit: 'ms', value: coldSpan('parse', 'cache'), runtime: 'chromium', runs: coldPhases.length },
    { section: s, figure: 'cold bytes: memory after load', unit: 'MiB', value: MiB(med(c?.cold.map((r) => r.memoryBytes))), native: MiB(m.native ? m.native.rpmmd2solvRssKiB * 1024 : undefined), runtime: 'chromium', runs: c?.cold.length, note: 'native: rpmmd2solv max RSS' },
    { section: s, figure: 'cold URL: download repomd + primary (loopback)', unit: 'ms', value: coldUrl?.downloadMs, runtime: 'chromium', runs: 1 },
    { section: s, figure: 'cold URL: verify + decompress', unit: 'ms', value: span(coldUrl?.downloadMs, phase('parse')), runtime: 'chromium', runs: 1 },
    { section: s, figure: 'cold URL: parse + .solv + pool', unit: 'ms', value: span(phase('parse'), phase('cache')), runtime: 'chromium', runs: 1 },
    { section: s, figure: 'cold URL: IndexedDB put', unit: 'ms', value: span(phase('cache'), coldUrl?.totalMs), runtime: 'chromium', runs: 1, note: coldUrl ? `backend ${coldUrl.cacheBackend}${coldUrl.cacheNote ? `: ${coldUrl.cacheNote}` : ''}` : '' },
    { section: s, figure: 'warm: init (worker, compile, instantiate, IndexedDB open)', unit: 'ms', value: med(c?.warm.map((r) => r.initMs)), runtime: 'chromium', runs: c?.warm.length },
    { section: s, figure: 'warm: addRepo from IndexedDB', unit: 'ms', value: med(c?.warm.map((r) => r.addRepoMs)), native: m.native?.loadSolvMs, runtime: 'chromium', runs: c?.warm.length, note: c?.warm[0] ? `${c.warm[0].xmlParses} XML parses (must be 0); native: repo_add_solv` : '' },
    { section: s, figure: 'warm: … of it, IndexedDB read of the record', unit: 'ms', value: med(c?.warm.map((r) => r.cacheReadMs)), runtime: 'chromium', runs: c?.warm.length, note: 'in the worker: the refresh decision and the .solv read back (a Blob)' },
    { section: s, figure: 'warm: … of it, .solv load into the pool', unit: 'ms', value: med(c?.warm.map((r) => r.solvLoadMs)), native: m.native?.loadSolvMs, runtime: 'chromium', runs: c?.warm.length, note: `the returning visitor's worker: V8 wrote no code cache of resolver.wasm in the first visit, so this runs in Liftoff code (see the Resolver.loadSolv row for optimized code; with V8 caching wasm code at once: ${med(c?.warmCodeCached.map((r) => r.solvLoadMs))?.toFixed(1) ?? '?'} ms); native: repo_add_solv` },
  ];
  const t = coldUrl?.search;
  rows.push(
    { section: s, figure: 'search: first query after a cold load', unit: 'ms', value: t?.firstMs, runtime: 'chromium', runs: 1, note: 'builds the index from the pool (a load no longer does) and keeps it in IndexedDB' },
    { section: s, figure: 'search: first query after a warm start', unit: 'ms', value: med(c?.warm.map((r) => r.firstSearchMs)), runtime: 'chromium', runs: c?.warm.length, note: 'reads the index from IndexedDB, through the worker' },
    { section: s, figure: 'search: p50', unit: 'ms', value: t?.p50Ms, runtime: 'chromium', runs: t?.samples, target: { max: 30, on: 'value' }, note: t ? `${t.queries} queries` : '' },
    { section: s, figure: 'search: p95', unit: 'ms', value: t?.p95Ms, runtime: 'chromium', runs: t?.samples },
    { section: s, figure: 'search: max', unit: 'ms', value: t?.maxMs, runtime: 'chromium', runs: t?.samples, note: t ? `"${t.slowest}"` : '' },
  );
  return rows;
}

/** Targets from earlier issues for the Node benches, matched on their labels. */
const NODE_TARGETS: { match: RegExp; ms: number }[] = [
  { match: /^config: load \+ resolve total/, ms: 1000 },
  { match: /^checkout: azl-playground config, 201 comp\.toml/, ms: 3000 },
  { match: /^overlay: render/, ms: 200 },
  { match: /^search: query p50/, ms: 30 },
];

/** The Node benches of the other layers, with their targets. */
export function nodeBenchRows(lines: readonly BenchLine[]): Row[] {
  return lines.map((line) => {
    const target = NODE_TARGETS.find((t) => t.match.test(line.label));
    return { section: 'node', figure: line.label, unit: 'ms', value: line.ms, runtime: 'node', ...(target ? { target: { max: target.ms, on: 'value' as const } } : {}), ...(line.note ? { note: line.note } : {}) };
  });
}
