/** npm run bench: resolver, metadata and Node benches in one table, with ratios to native libsolv measured in the same run. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRepomd, type RepomdData } from '../src/lib/repo/index.ts';
import { benchConfig } from './config.ts';
import { measureChromium, type ChromiumResults } from './chromium.ts';
import { measureFirstOpen, pageRows } from './first-open.ts';
import { compareSolv, measureNative, type NativeResult } from './native.ts';
import { benchOverlay } from './overlay.ts';
import { metadataRows, nodeBenchRows, resolverRows, type BenchLine, type NodeWasmResult } from './rows.ts';
import { benchSearch } from './search.ts';
import { measureRepoFile, measureResolver } from './steps.ts';
import { judge, renderTable, type Row } from './table.ts';
import { timedAsync } from './stats.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REPODATA = resolve(ROOT, '../shared/fixtures/repodata');
const DEBIAN = join(REPODATA, 'debian-bookworm-as-rpmmd');
const RESULTS = join(ROOT, 'bench/results');

interface Manifest {
  libsolvVersion: string;
  flags: string;
  sources: { name: string; debianVersion: string }[];
  artifacts: Record<string, { sha256: string }>;
}

function primaryEntry(): RepomdData {
  const repomd = parseRepomd(readFileSync(join(DEBIAN, 'repodata/repomd.xml'), 'utf8'));
  if (!repomd.ok) throw new Error(repomd.error.message);
  const entry = repomd.value.data.primary;
  if (!entry) throw new Error('the Debian fixture names no primary');
  return entry;
}

/** Row 1 (b): the same steps as the Chromium worker, in Node with browser_wasi_shim; also its CPU share and .solv. */
async function measureNodeWasm(entry: RepomdData): Promise<{ result: NodeWasmResult; solv: Uint8Array }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const compiled = await timedAsync(() => WebAssembly.compile(readFileSync(join(ROOT, 'wasm/dist/resolver.wasm'))));
  const { timings, xml } = await measureRepoFile(new Uint8Array(readFileSync(join(DEBIAN, entry.href))), entry);
  const measured = await measureResolver(compiled.value, xml);
  const cpu = process.cpuUsage(cpu0);
  const cpuShare = (cpu.user + cpu.system) / 1000 / (performance.now() - t0);
  return { result: { compileMs: compiled.ms, file: timings, resolver: measured.timings, cpuShare }, solv: measured.solv };
}

function log(text: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${text}\n`);
}

async function main(): Promise<number> {
  const started = performance.now();
  const loadBefore = loadavg();
  const manifest = JSON.parse(readFileSync(join(ROOT, 'wasm/dist/manifest.json'), 'utf8')) as Manifest;
  const entry = primaryEntry();
  const errors: string[] = [];
  const loads: string[] = [];
  const attempt = async <T>(what: string, fn: () => Promise<T> | T): Promise<T | undefined> => {
    log(`${what} …`);
    loads.push(`${what.split(' (')[0]} ${loadavg()[0]?.toFixed(2)}`);
    try {
      const { ms, value } = await timedAsync(async () => fn());
      log(`${what}: ${(ms / 1000).toFixed(1)} s`);
      return value;
    } catch (err) {
      const message = err instanceof Error ? err.message.split('\n')[0] ?? '' : String(err);
      errors.push(`${what}: ${message}`);
      log(`${what} FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return undefined;
    }
  };

  // Native first, on a quiet machine; then wasm in Node, then Chromium, then the small Node benches.
  const tmp = mkdtempSync(join(tmpdir(), 'azl-bench-'));
  let native: NativeResult | undefined;
  let node: NodeWasmResult | undefined;
  let solvCompare = 'not compared';
  try {
    native = await attempt('native libsolv-tools', () => measureNative(tmp, join(DEBIAN, entry.href)));
    const measured = await attempt('wasm in Node', () => measureNodeWasm(entry));
    node = measured?.result;
    if (native && measured) solvCompare = (await attempt('compare .solv files', () => compareSolv(tmp, measured.solv))) ?? solvCompare;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const chromium: ChromiumResults | undefined = await attempt('wasm in Chromium (resolver, cold, warm pages)', () => measureChromium(REPODATA));
  const benchLines: BenchLine[] = [];
  for (const [name, fn] of [['config', benchConfig], ['overlay', benchOverlay], ['search', benchSearch]] as const) {
    const lines = await attempt(`node bench ${name}`, fn);
    if (lines) benchLines.push(...lines);
  }

  const page = await attempt('the built app in Chromium (page open → demo resolved)', measureFirstOpen);
  const rows: Row[] = [...resolverRows(native, node, chromium, solvCompare), ...metadataRows(native, chromium), ...nodeBenchRows(benchLines), ...pageRows(page)];
  for (const e of page?.consoleErrors ?? []) rows.push({ section: 'ERROR', label: 'app console', unit: 'count', note: e });
  for (const e of errors) rows.push({ section: 'ERROR', label: e.split(':')[0] ?? e, unit: 'count', note: e });
  for (const e of chromium?.consoleErrors ?? []) rows.push({ section: 'ERROR', label: 'chromium console', unit: 'count', note: e });
  const judged = judge(rows);
  const wallS = (performance.now() - started) / 1000;
  const cpu = cpus();
  const machine = {
    node: `${process.version} (V8 ${process.versions.v8})`,
    chromium: chromium ? `${chromium.version} (/usr/bin/chromium, headless; page cross-origin isolated: ${chromium.resolver.crossOriginIsolated})` : 'not run',
    libsolvWasm: `${manifest.libsolvVersion} (${manifest.sources.map((s) => `${s.name} ${s.debianVersion}`).join(', ')}; resolver.wasm sha256 ${manifest.artifacts['resolver.wasm']?.sha256.slice(0, 12) ?? '?'}, ${manifest.flags.split(' ')[0]})`,
    libsolvNative: native ? `libsolv-tools ${native.version} (Debian build)` : 'not run',
    cpu: `${cpu[0]?.model ?? '?'} × ${cpu.length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
    load: `load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')} at start, ${loadavg().map((l) => l.toFixed(2)).join(' ')} at end; 1-min load at each step: ${loads.join(', ')}`,
    cpuShare: `CPU time / wall time (well below 1 = machine busy, numbers inflated): native tools ${native?.cpuShare.toFixed(2) ?? '—'}, wasm in Node ${node?.cpuShare.toFixed(2) ?? '—'}`,
    fixture: `${DEBIAN} (primary ${entry.size ?? '?'} → ${entry.openSize ?? '?'} bytes)`,
  };
  const header = Object.entries(machine).map(([k, v]) => `${k.padEnd(13)} ${v}`);
  process.stdout.write(`${header.join('\n')}\nbench wall    ${wallS.toFixed(0)} s${chromium ? `; bench page built in ${(chromium.buildMs / 1000).toFixed(1)} s` : ''}\n\n${renderTable(judged)}\n`);

  mkdirSync(RESULTS, { recursive: true });
  const json = { generatedAt: new Date().toISOString(), wallSeconds: wallS, machine, rows: judged, raw: { native, node, chromium, page, nodeBenches: benchLines }, errors };
  writeFileSync(join(RESULTS, 'latest.json'), `${JSON.stringify(json, null, 2)}\n`);
  // a number over its target is information, not a failure: only broken measurements fail the run
  return errors.length > 0 || (chromium?.consoleErrors.length ?? 0) > 0 ? 1 : 0;
}

process.exitCode = await main();
