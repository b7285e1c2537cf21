/** The measured steps both wasm runtimes share (Node and the Chromium worker run exactly this code). */
import { decompressFile, digestHex, verifyChecksum, type RepomdData } from '../src/lib/repo/index.ts';
import { ResolverEngine } from '../src/lib/resolve/engine.ts';
import { RpmmdEngine } from '../src/lib/resolve/rpmmd-engine.ts';
import { Resolver } from '../src/lib/resolve/resolver.ts';
import { buildRequestLines } from '../src/lib/resolve/request.ts';
import { mapSolveResult, type PackageDetailsCache, type RawSolveResult } from '../src/lib/resolve/result.ts';
import type { ResolveRequest } from '../src/lib/resolve/types.ts';
import { median, timed, timedAsync } from './stats.ts';

/** The realistic jobs: a desktop task (~1,500 packages) and a single language runtime, weak deps on, dnf5 defaults. */
export const SOLVE_JOBS: readonly { key: string; spec: string; request: ResolveRequest }[] = [
  { key: 'gnome', spec: 'task-gnome-desktop', request: { specs: ['task-gnome-desktop'], weakDeps: true } },
  { key: 'python3', spec: 'python3', request: { specs: ['python3'], weakDeps: true } },
];
/** Solves thrown away before timing: V8 runs new wasm code in Liftoff and tiers up after ~6 calls (wasm-notes). */
export const WARMUP_SOLVES = 8;
/** Solves timed after the warm-up; the median is reported. */
export const TIMED_SOLVES = 12;
/** Extra warm solves taken apart (glue call vs JS mapping) after the timed ones. */
export const SPLIT_SOLVES = 5;
/** Repository id used in every pool the bench builds. */
export const REPO_ID = 'debian';

/** Timings of verifying and decompressing one repomd entry. */
export interface RepoFileTimings {
  verifyMs: number;
  gunzipMs: number;
  verifyOpenMs: number;
}

/** Verifies, decompresses and open-verifies GZ like the app's load path does, timing each part. */
export async function measureRepoFile(gz: Uint8Array, entry: RepomdData): Promise<{ timings: RepoFileTimings; xml: Uint8Array }> {
  const name = entry.href.slice(entry.href.lastIndexOf('/') + 1);
  const verify = await timedAsync(() => verifyChecksum(name, gz, entry.checksum, 'compressed'));
  if (!verify.value.ok) throw new Error(verify.value.error.message);
  const opened = await timedAsync(() => decompressFile(name, gz, entry.openSize ?? 0));
  if (!opened.value.ok) throw new Error(opened.value.error.message);
  const xml = opened.value.value.bytes;
  if (!entry.openChecksum) throw new Error(`${name}: repomd has no open-checksum`);
  const open = entry.openChecksum;
  const verifyOpen = await timedAsync(() => verifyChecksum(name, xml, open, 'open'));
  if (!verifyOpen.value.ok) throw new Error(verifyOpen.value.error.message);
  return { timings: { verifyMs: verify.ms, gunzipMs: opened.ms, verifyOpenMs: verifyOpen.ms }, xml };
}

/** First and warm solves of one job in one instance. */
export interface SolveTimings {
  /** Packages in the transaction (checked against native). */
  installed: number;
  /** solver_solve of the first solve, by the wasm's own clock. */
  firstSolveMs: number;
  /** The whole first Resolver.solve call: whatprovides prep (first job only), solve, JSON result. */
  firstCallMs: number;
  warmSolveMs: number;
  warmSolveMinMs: number;
  warmCallMs: number;
  /** Of a warm call: the glue's azl_solve minus solver_solve (whatprovides check, result JSON in wasm). */
  warmReportMs: number;
  /** Of a warm call: JSON.parse + mapSolveResult in JS. */
  warmMapMs: number;
  /** JS-side ms of every call in order (shows the tier-up). */
  series: number[];
}

/** Everything measured on the resolver itself in one runtime. */
export interface ResolverTimings {
  parseMs: number;
  solvables: number;
  writeSolvMs: number;
  solvBytes: number;
  solvSha256: string;
  memoryAfterParse: number;
  loadSolvMs: number;
  memoryAfterLoad: number;
  memoryAfterSolves: number;
  solves: Record<string, SolveTimings>;
}

function solveOnce(resolver: Resolver, request: ResolveRequest): { callMs: number; solveMs: number; installed: number } {
  const { ms, value } = timed(() => resolver.solve(request));
  if (!value.ok) throw new Error(`solve ${request.specs.join(' ')} failed: ${value.kind === 'invalid' ? value.message : value.kind}`);
  return { callMs: ms, solveMs: value.stats.solveMs, installed: value.packages.length };
}

/**
 * Resolver.solve taken apart, step for step the same code (buildRequestLines, azl_solve with the
 * details the resolver keeps, JSON.parse, the details filled in, mapSolveResult). The engine and the
 * details are private fields; reaching them at runtime keeps src/ untouched.
 */
function splitSolve(resolver: Resolver, request: ResolveRequest): { reportMs: number; mapMs: number } {
  const { engine, details } = resolver as unknown as { engine: ResolverEngine; details: PackageDetailsCache };
  const built = buildRequestLines(request);
  if ('problem' in built) throw new Error(built.problem.message);
  const call = timed(() => engine.call('azl_solve', [`${built.lines}option\tknown\t${details.known}\n`]));
  const mapped = timed(() => {
    const raw = JSON.parse(call.value.text) as RawSolveResult;
    return mapSolveResult(raw, request, raw.ok ? details.detailsOf(raw) : undefined);
  });
  if (!mapped.value.ok) throw new Error(`split solve of ${request.specs.join(' ')} failed`);
  return { reportMs: call.ms - mapped.value.stats.solveMs, mapMs: mapped.ms };
}

/**
 * Parses XML into .solv in rpmmd.wasm (XML_MODULE), loads that into a pool and writes it again
 * (engine calls timed one by one), then loads the .solv into a fresh Resolver and solves each job
 * first once, then warm.
 */
export async function measureResolver(module: WebAssembly.Module, xmlModule: WebAssembly.Module, xml: Uint8Array): Promise<{ timings: ResolverTimings; solv: Uint8Array }> {
  const converter = RpmmdEngine.createSync(xmlModule);
  const parsed = timed(() => converter.convertRpmmd({ primary: xml }));
  const memoryAfterParse = converter.memoryBytes;
  const engine = await ResolverEngine.create(module);
  engine.init('x86_64');
  engine.addRepoSolv(REPO_ID, parsed.value.solv);
  const written = timed(() => engine.writeSolv(REPO_ID));
  const solv = parsed.value.solv;
  const solvSha256 = (await digestHex('sha256', solv)) ?? '';

  // A fresh instance, as after a page reload: only the .solv is carried over.
  const resolver = await Resolver.create(module, 'x86_64');
  const loaded = resolver.loadSolv({ id: REPO_ID }, solv);
  if (!loaded.ok) throw new Error(`loading the .solv failed: ${loaded.message}`);
  const memoryAfterLoad = resolver.memoryBytes;
  const solves: Record<string, SolveTimings> = {};
  for (const job of SOLVE_JOBS) {
    const first = solveOnce(resolver, job.request);
    const series = [first.callMs];
    for (let i = 0; i < WARMUP_SOLVES; i++) series.push(solveOnce(resolver, job.request).callMs);
    const warm = Array.from({ length: TIMED_SOLVES }, () => solveOnce(resolver, job.request));
    series.push(...warm.map((w) => w.callMs));
    if (warm.some((w) => w.installed !== first.installed)) throw new Error(`${job.spec}: repeated solves disagree`);
    const split = Array.from({ length: SPLIT_SOLVES }, () => splitSolve(resolver, job.request));
    solves[job.key] = {
      installed: first.installed,
      firstSolveMs: first.solveMs,
      firstCallMs: first.callMs,
      warmSolveMs: median(warm.map((w) => w.solveMs)),
      warmSolveMinMs: Math.min(...warm.map((w) => w.solveMs)),
      warmCallMs: median(warm.map((w) => w.callMs)),
      warmReportMs: median(split.map((x) => x.reportMs)),
      warmMapMs: median(split.map((x) => x.mapMs)),
      series,
    };
  }
  const timings: ResolverTimings = {
    parseMs: parsed.ms,
    solvables: parsed.value.solvables,
    writeSolvMs: written.ms,
    solvBytes: solv.byteLength,
    solvSha256,
    memoryAfterParse,
    loadSolvMs: loaded.ms,
    memoryAfterLoad,
    memoryAfterSolves: resolver.memoryBytes,
    solves,
  };
  return { timings, solv };
}
