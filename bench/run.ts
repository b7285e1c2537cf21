/**
 * npm run bench [-- --json FILE] [--runs N] [--skip PART,…]: issue 15's figures and the layers'
 * budgets in one table, each against native libsolv (or the named reference) measured in the same
 * run. PART: native, node, chromium, app, cli, benches, scale.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseRepomd, type RepomdData } from '../src/lib/repo/index.ts';
import { benchCheckout } from './checkout.ts';
import { measureAppOpen } from './app-open.ts';
import { benchConfig } from './config.ts';
import { measureChromium } from './chromium.ts';
import { measureCliStart } from './cli-start.ts';
import { compareSolv, measureNative } from './native.ts';
import { benchOverlay } from './overlay.ts';
import { engineRows, metadataRows, nodeBenchRows, summaryRows, targetRows, type Measured, type NodeWasmResult } from './rows.ts';
import { measureScale } from './scale.ts';
import { benchSearch } from './search.ts';
import { measureRepoFile, measureResolver } from './steps.ts';
import { judge, renderTable, type Row } from './table.ts';
import { timedAsync } from './stats.ts';
import { loadRe2 } from '../src/lib/re2.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REPODATA = resolve(ROOT, '../shared/fixtures/repodata');
const DEBIAN = join(REPODATA, 'debian-bookworm-as-rpmmd');
const RESULTS = join(ROOT, 'bench/results');
const PARTS = ['native', 'node', 'chromium', 'app', 'cli', 'benches', 'scale'] as const;

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

/** The engine steps in Node with browser_wasi_shim (the CLI's runtime); also its CPU share and .solv. */
async function measureNodeWasm(entry: RepomdData): Promise<{ result: NodeWasmResult; solv: Uint8Array }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const compiled = await timedAsync(() => WebAssembly.compile(readFileSync(join(ROOT, 'wasm/dist/resolver.wasm'))));
  const { timings, xml } = await measureRepoFile(new Uint8Array(readFileSync(join(DEBIAN, entry.href))), entry);
  const xmlModule = await WebAssembly.compile(readFileSync(join(ROOT, 'wasm/dist/rpmmd.wasm')));
  const measured = await measureResolver(compiled.value, xmlModule, xml);
  const cpu = process.cpuUsage(cpu0);
  const cpuShare = (cpu.user + cpu.system) / 1000 / (performance.now() - t0);
  return { result: { compileMs: compiled.ms, file: timings, resolver: measured.timings, cpuShare }, solv: measured.solv };
}

function log(text: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${text}\n`);
}

function options(): { json?: string; runs: number; skip: Set<string> } {
  const { values } = parseArgs({ options: { json: { type: 'string' }, runs: { type: 'string', default: '5' }, skip: { type: 'string', default: '' } } });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive whole number, not ${values.runs}`);
  const skip = new Set(values.skip.split(',').filter(Boolean));
  for (const part of skip) if (!(PARTS as readonly string[]).includes(part)) throw new Error(`--skip ${part}: parts are ${PARTS.join(', ')}`);
  return { ...(values.json ? { json: resolve(values.json) } : {}), runs, skip };
}

async function main(): Promise<number> {
  const args = options();
  // the Node benches load configurations whose patterns may need the RE2 port (src/lib/re2.ts)
  await loadRe2();
  const started = performance.now();
  const loadBefore = loadavg();
  const manifest = JSON.parse(readFileSync(join(ROOT, 'wasm/dist/manifest.json'), 'utf8')) as Manifest;
  const entry = primaryEntry();
  const errors: string[] = [];
  const loads: string[] = [];
  const attempt = async <T>(part: (typeof PARTS)[number], what: string, fn: () => Promise<T> | T): Promise<T | undefined> => {
    if (args.skip.has(part)) return undefined;
    log(`${what} …`);
    loads.push(`${what} ${loadavg()[0]?.toFixed(2)}`);
    try {
      const { ms, value } = await timedAsync(async () => fn());
      log(`${what}: ${(ms / 1000).toFixed(1)} s`);
      return value;
    } catch (err) {
      const message = err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err);
      errors.push(`${what}: ${message}`);
      log(`${what} FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return undefined;
    }
  };

  // Native first, on the quietest machine; then wasm in Node, Chromium, the app, the CLI, the small benches.
  const m: Measured = { solvCompare: 'not compared', nodeBenches: [] };
  const tmp = mkdtempSync(join(tmpdir(), 'azl-bench-'));
  try {
    m.native = await attempt('native', 'native libsolv-tools', () => measureNative(tmp, join(DEBIAN, entry.href)));
    const measured = await attempt('node', 'wasm in Node', () => measureNodeWasm(entry));
    m.node = measured?.result;
    if (m.native && measured) m.solvCompare = (await attempt('node', 'compare .solv files', () => compareSolv(tmp, measured.solv))) ?? m.solvCompare;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  m.chromium = await attempt('chromium', 'wasm in Chromium', () => measureChromium(REPODATA, args.runs, log));
  m.app = await attempt('app', 'the app in Chromium', () => measureAppOpen(args.runs, log));
  m.cli = await attempt('cli', 'CLI start', () => measureCliStart(Math.max(args.runs, 7)));
  for (const [name, fn] of [['config', benchConfig], ['checkout', benchCheckout], ['overlay', benchOverlay], ['search', benchSearch]] as const) {
    const lines = await attempt('benches', `node bench ${name}`, fn);
    if (lines) m.nodeBenches.push(...lines);
  }

  const scale = (await attempt('scale', 'scale table (generated repositories)', () => measureScale(log))) ?? [];

  const rows: Row[] = [...targetRows(m), ...summaryRows(m), ...engineRows(m), ...metadataRows(m), ...nodeBenchRows(m.nodeBenches), ...scale];
  const consoleErrors = [...(m.chromium?.consoleErrors ?? []), ...(m.app?.consoleErrors ?? [])];
  for (const e of errors) rows.push({ section: 'ERROR', figure: e.split(':')[0] ?? e, unit: 'count', note: e });
  for (const e of consoleErrors) rows.push({ section: 'ERROR', figure: 'chromium console', unit: 'count', note: e });
  const judged = judge(rows);
  const wallS = (performance.now() - started) / 1000;
  const cpu = cpus();
  const machine = {
    node: `${process.version} (V8 ${process.versions.v8})`,
    chromium: m.chromium ? `${m.chromium.version} (/usr/bin/chromium, headless; bench page cross-origin isolated: ${m.chromium.resolver.crossOriginIsolated})` : 'not run',
    libsolvWasm: `${manifest.libsolvVersion} (${manifest.sources.map((s) => `${s.name} ${s.debianVersion}`).join(', ')}; resolver.wasm sha256 ${manifest.artifacts['resolver.wasm']?.sha256.slice(0, 12) ?? '?'}, ${manifest.flags.split(' ')[0]})`,
    libsolvNative: m.native ? `libsolv-tools ${m.native.version} (Debian build)` : 'not run',
    cpu: `${cpu[0]?.model ?? '?'} × ${cpu.length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
    load: `load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')} at start, ${loadavg().map((l) => l.toFixed(2)).join(' ')} at end; 1-min load at each step: ${loads.join(', ')}`,
    cpuShare: `CPU time / wall time (well below 1 = machine busy, numbers inflated): native tools ${m.native?.cpuShare.toFixed(2) ?? '—'}, wasm in Node ${m.node?.cpuShare.toFixed(2) ?? '—'}`,
    fixture: `${DEBIAN} (primary ${entry.size ?? '?'} → ${entry.openSize ?? '?'} bytes)`,
    runs: `${args.runs} per figure unless the row says otherwise; values are medians`,
  };
  const header = Object.entries(machine).map(([k, v]) => `${k.padEnd(13)} ${v}`);
  process.stdout.write(`${header.join('\n')}\nbench wall    ${wallS.toFixed(0)} s\n\n${renderTable(judged)}\n`);

  const json = { generatedAt: new Date().toISOString(), wallSeconds: wallS, machine, rows: judged, raw: m, errors: [...errors, ...consoleErrors] };
  const text = `${JSON.stringify(json, null, 2)}\n`;
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, 'latest.json'), text);
  if (args.json) {
    mkdirSync(dirname(args.json), { recursive: true });
    writeFileSync(args.json, text);
  }
  // a figure over its target is information, not a failure: only broken measurements fail the run
  return errors.length > 0 || consoleErrors.length > 0 ? 1 : 0;
}

process.exitCode = await main();
