/** Turns the raw measurements of one run into table rows (no numbers here that were not measured). */
import type { ChromiumResults } from './chromium.ts';
import type { NativeResult } from './native.ts';
import type { RepoFileTimings, ResolverTimings } from './steps.ts';
import { SOLVE_JOBS, TIMED_SOLVES, SPLIT_SOLVES } from './steps.ts';
import type { Row } from './table.ts';

/** The wasm-in-Node half of row 1. */
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

const MiB = (bytes: number | undefined) => (bytes === undefined ? undefined : bytes / 1048576);
const sum = (...xs: (number | undefined)[]) => (xs.some((x) => x === undefined) ? undefined : xs.reduce<number>((a, x) => a + (x as number), 0));

/** Targets from the brief for the existing Node benches, matched on their labels. */
const NODE_TARGETS: { match: RegExp; ms: number }[] = [
  { match: /^config: load \+ resolve total/, ms: 1000 },
  { match: /^checkout: azl-playground config, 201 comp\.toml/, ms: 3000 },
  { match: /^overlay: render/, ms: 200 },
  { match: /^search: query p50/, ms: 30 },
];

/** Row 1: the resolver on the 63k repo, native vs wasm in Node vs wasm in a Chromium worker. */
export function resolverRows(native: NativeResult | undefined, node: NodeWasmResult | undefined, chromium: ChromiumResults | undefined, solvCompare: string): Row[] {
  const s = '1 resolver';
  const cr = chromium?.resolver;
  const n = node?.resolver;
  const c = cr?.resolver;
  // rpmmd2solv cannot be split; mergesolv (load + write) minus testsolv's load gives the write alone
  const nativeWrite = native ? native.mergesolvMs - native.loadSolvMs : undefined;
  const nativeParse = native && nativeWrite !== undefined ? native.rpmmd2solvMs - nativeWrite : undefined;
  const chromiumSolv = c && n ? (c.solvSha256 === n.solvSha256 ? 'Chromium = Node bytes' : 'Chromium differs from Node!') : '';
  const rows: Row[] = [
    { section: s, label: 'compile resolver.wasm', unit: 'ms', node: node?.compileMs, chromium: cr?.compileMs, note: 'Chromium: compileStreaming incl. loopback fetch' },
    { section: s, label: 'fetch primary.xml.gz, 10 MB (loopback)', unit: 'ms', chromium: cr?.fetchGzMs, note: 'measured apart from gunzip and parse' },
    { section: s, label: 'sha256 of primary.xml.gz (10 MB)', unit: 'ms', native: native?.sha256GzMs, node: node?.file.verifyMs, chromium: cr?.file.verifyMs, note: 'native: sha256sum; wasm cols: WebCrypto (JS)' },
    { section: s, label: 'gunzip to 100 MB XML', unit: 'ms', native: native?.gunzipMs, node: node?.file.gunzipMs, chromium: cr?.file.gunzipMs, note: 'native: gzip -dc; app: decompressFile (DecompressionStream)' },
    { section: s, label: 'sha256 of the XML (100 MB, open-checksum)', unit: 'ms', native: native?.sha256XmlMs, node: node?.file.verifyOpenMs, chromium: cr?.file.verifyOpenMs },
    { section: s, label: 'parse rpm-md → pool', unit: 'ms', native: nativeParse, node: n?.parseMs, chromium: c?.parseMs, note: 'native derived: rpmmd2solv − write' },
    { section: s, label: 'write .solv', unit: 'ms', native: nativeWrite, node: n?.writeSolvMs, chromium: c?.writeSolvMs, note: 'native derived: mergesolv − repo_add_solv' },
    { section: s, label: 'parse + write .solv', unit: 'ms', native: native?.rpmmd2solvMs, node: sum(n?.parseMs, n?.writeSolvMs), chromium: sum(c?.parseMs, c?.writeSolvMs), note: 'native: rpmmd2solv < primary.xml, median of 3' },
    { section: s, label: 'load .solv into a fresh pool', unit: 'ms', native: native?.loadSolvMs, node: n?.loadSolvMs, chromium: c?.loadSolvMs, note: 'native: testsolv -v repo_add_solv, median' },
  ];
  for (const job of SOLVE_JOBS) {
    const nj = native?.solves[job.key];
    const wn = n?.solves[job.key];
    const wc = c?.solves[job.key];
    const first = job === SOLVE_JOBS[0];
    if (first) {
      rows.push(
        { section: s, label: `first solve ${job.spec}: solver_solve`, unit: 'ms', native: nj?.firstSolveMs, node: wn?.firstSolveMs, chromium: wc?.firstSolveMs, note: 'fresh instance, Liftoff code' },
        { section: s, label: `first solve ${job.spec}: whole call`, unit: 'ms', native: nj?.firstPrepSolveMs, node: wn?.firstCallMs, chromium: wc?.firstCallMs, note: 'incl. addfileprovides + whatprovides; wasm adds result JSON + mapping' },
      );
    }
    rows.push(
      { section: s, label: `warm solve ${job.spec}: solver_solve`, unit: 'ms', native: nj?.warmSolveMs, node: wn?.warmSolveMs, chromium: wc?.warmSolveMs, note: `median of ${TIMED_SOLVES} after warm-up; min native/node/chromium ${[nj?.warmSolveMinMs, wn?.warmSolveMinMs, wc?.warmSolveMinMs].map((x) => x?.toFixed(1) ?? '—').join('/')}` },
      { section: s, label: `warm solve ${job.spec}: whole Resolver.solve call`, unit: 'ms', native: nj?.warmSolveMs, node: wn?.warmCallMs, chromium: wc?.warmCallMs, note: 'vs native solver_solve (native prints no JSON)' },
      { section: s, label: '  of which result JSON in wasm (glue, after solve)', unit: 'ms', node: wn?.warmReportMs, chromium: wc?.warmReportMs, note: `median of ${SPLIT_SOLVES} split calls` },
      { section: s, label: '  of which JSON.parse + mapSolveResult (JS)', unit: 'ms', node: wn?.warmMapMs, chromium: wc?.warmMapMs },
      { section: s, label: `packages installed for ${job.spec}`, unit: 'count', native: nj?.installed, node: wn?.installed, chromium: wc?.installed, note: 'must agree' },
    );
  }
  rows.push(
    { section: s, label: 'memory after parse + write', unit: 'MiB', native: MiB(native ? native.rpmmd2solvRssKiB * 1024 : undefined), node: MiB(n?.memoryAfterParse), chromium: MiB(c?.memoryAfterParse), note: 'native: rpmmd2solv max RSS; wasm: linear memory' },
    { section: s, label: 'memory after .solv load', unit: 'MiB', native: MiB(native ? native.rssLoadKiB * 1024 : undefined), node: MiB(n?.memoryAfterLoad), chromium: MiB(c?.memoryAfterLoad), note: 'native: testsolv max RSS, load only' },
    { section: s, label: 'memory after all solves', unit: 'MiB', native: MiB(native ? native.rssSolveKiB * 1024 : undefined), node: MiB(n?.memoryAfterSolves), chromium: MiB(c?.memoryAfterSolves), note: 'native: testsolv max RSS, same solves' },
    { section: s, label: '.solv size', unit: 'MiB', native: MiB(native?.solvBytes), node: MiB(n?.solvBytes), chromium: MiB(c?.solvBytes), note: `Node .solv: ${solvCompare}; ${chromiumSolv}` },
  );
  return rows;
}

/** Row 2: the app's metadata path in Chromium (ResolverSession + IndexedDB), cold and warm, and search latency. */
export function metadataRows(native: NativeResult | undefined, chromium: ChromiumResults | undefined): Row[] {
  const s = '2 metadata';
  const cold = chromium?.cold;
  const warm = chromium?.warm;
  const gnome = native?.solves[SOLVE_JOBS[0]?.key ?? ''];
  const nativeVerifyGunzip = native ? native.sha256GzMs + native.gunzipMs + native.sha256XmlMs : undefined;
  const rows: Row[] = [
    { section: s, label: 'cold: download repomd + primary (loopback)', unit: 'ms', chromium: cold?.downloadMs, note: 'excluded from the cold total' },
    { section: s, label: 'cold: sha256 + gunzip + open sha256 (+ comps)', unit: 'ms', native: nativeVerifyGunzip, chromium: cold?.verifyDecompressMs, note: 'native: sha256sum + gzip -dc + sha256sum' },
    { section: s, label: 'cold: parse + write .solv + reload pool', unit: 'ms', native: native?.rpmmd2solvMs, chromium: cold?.parseWriteReloadMs, note: 'Resolver.loadRpmmd; native: rpmmd2solv' },
    { section: s, label: 'cold: search index (package list + build)', unit: 'ms', chromium: cold?.indexMs },
    { section: s, label: 'cold: IndexedDB put (.solv + index + comps)', unit: 'ms', chromium: cold?.cachePutMs, note: cold ? `backend ${cold.cacheBackend}${cold.cacheNote ? `: ${cold.cacheNote}` : ''}` : '' },
    { section: s, label: 'cold: total without download', unit: 'ms', native: sum(nativeVerifyGunzip, native?.rpmmd2solvMs), chromium: cold ? cold.totalMs - cold.downloadMs : undefined, note: 'native: the same steps with the tools above' },
    { section: s, label: 'cold: wasm memory after load', unit: 'MiB', native: MiB(native ? native.rpmmd2solvRssKiB * 1024 : undefined), chromium: MiB(cold?.memoryBytes), note: 'native: rpmmd2solv max RSS' },
    { section: s, label: 'warm: compile resolver.wasm (new page, no HTTP cache)', unit: 'ms', chromium: warm?.compileMs },
    { section: s, label: 'warm: instantiate + empty pool', unit: 'ms', chromium: warm?.createMs },
    { section: s, label: 'warm: open IndexedDB', unit: 'ms', chromium: warm?.openDbMs },
    { section: s, label: 'warm: read cache record (.solv + index)', unit: 'ms', chromium: warm?.readRecordMs },
    { section: s, label: 'warm: load .solv', unit: 'ms', native: native?.loadSolvMs, chromium: warm?.loadSolvMs, note: 'native: testsolv repo_add_solv' },
    { section: s, label: `warm: first solve ${SOLVE_JOBS[0]?.spec} (whole call)`, unit: 'ms', native: gnome?.firstPrepSolveMs, chromium: warm?.firstSolveCallMs, note: warm ? `solver_solve ${warm.firstSolveMs.toFixed(0)} ms, ${warm.installed} packages; native prep + solve` : '' },
    { section: s, label: 'warm: worker start → first result', unit: 'ms', native: native?.testsolvWallMs, chromium: warm?.totalMs, note: 'native: testsolv -r process wall (load+prep+solve+print)' },
    { section: s, label: 'warm: wasm memory', unit: 'MiB', native: MiB(native ? native.rssSolveKiB * 1024 : undefined), chromium: MiB(warm?.memoryBytes), note: warm ? `${warm.xmlParses} XML parses (must be 0); native: testsolv max RSS` : '' },
  ];
  for (const [which, t] of [['cold session', cold?.search], ['warm session, index from IndexedDB', warm?.search]] as const) {
    rows.push(
      { section: s, label: `search (${which}): first query`, unit: 'ms', chromium: t?.firstMs, note: 'cold JIT' },
      { section: s, label: `search (${which}): p50`, unit: 'ms', chromium: t?.p50Ms, target: 30, targetOn: 'chromium', note: t ? `${t.samples} calls over ${t.queries} queries` : '' },
      { section: s, label: `search (${which}): p95`, unit: 'ms', chromium: t?.p95Ms },
      { section: s, label: `search (${which}): max`, unit: 'ms', chromium: t?.maxMs, note: t ? `"${t.slowest}"` : '' },
    );
  }
  return rows;
}

/** Row 3: the existing Node benches, with the brief's targets where it gives one. */
export function nodeBenchRows(lines: readonly BenchLine[]): Row[] {
  return lines.map((line) => {
    const target = NODE_TARGETS.find((t) => t.match.test(line.label));
    return { section: '3 node', label: line.label, unit: 'ms', node: line.ms, ...(target ? { target: target.ms, targetOn: 'node' as const } : {}), ...(line.note ? { note: line.note } : {}) };
  });
}
