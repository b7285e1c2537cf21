/** The scale table: generated Fedora-shaped repositories of growing size, native libsolv-tools against the wasm in Node. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RpmmdEngine } from '../src/lib/resolve/rpmmd-engine.ts';
import { INSTALLONLY_PROVIDES } from '../src/lib/resolve/request.ts';
import { Resolver } from '../src/lib/resolve/resolver.ts';
import { applicationNames, generatePackages, primaryXml } from './generate-repo.ts';
import { median } from './stats.ts';
import type { Row } from './table.ts';

/** Repository sizes of the table (63,440 is the Debian fixture's). */
export const SCALE_SIZES = [1000, 10_000, 63_440, 120_000];
/** Applications asked for at once, on the 63k repository: the transaction grows with them. */
export const SCALE_JOBS = [1, 10, 50, 200];
const SOLVES = 3;
/** Timed .solv loads per size, each into a fresh instance. */
const LOADS = 3;

interface NativeRun {
  ms: number;
  rssKiB: number;
  stdout: string;
}

function run(dir: string, cmd: string[], stdin?: string, stdout?: string): NativeRun {
  const shell = `${cmd.map((c) => `'${c}'`).join(' ')}${stdin ? ` < '${stdin}'` : ''}${stdout ? ` > '${stdout}'` : ''}`;
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', '-o', join(dir, 'time.out'), 'bash', '-c', shell], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${shell} exited ${r.status}: ${r.stderr.slice(0, 300)}`);
  return { ms, rssKiB: Number(readFileSync(join(dir, 'time.out'), 'utf8').trim().split('\n').pop()), stdout: r.stdout };
}

/** A testcase with the app's dnf5 flags: one job per entry of JOBS, each installing its names. */
function testcase(jobs: string[][]): string {
  const head = ['repo system 0 empty', 'repo repo1 0 solv repo.solv', 'system x86_64 rpm system', 'poolflags implicitobsoleteusescolors whatprovideswithdisabled'];
  const blocks = jobs.map((names) =>
    ['solverflags allowvendorchange keeporphans bestobeypolicy yumobsoletes', ...INSTALLONLY_PROVIDES.map((p) => `job multiversion provides ${p}`), ...names.map((n) => `job install selection ${n} name,provides,canon,dotarch,rel [forcebest]`)].join('\n'),
  );
  return `${head.join('\n')}\n${blocks.join('\nnextjob\n')}\n`;
}

/** solver_solve ms and installed packages of each test in `testsolv -v -r` output. */
function solvesOf(out: string): { ms: number; installed: number }[] {
  const tests: { ms: number; installed: number }[] = [];
  let installed = 0;
  for (const line of out.split('\n')) {
    if (line.startsWith('install ')) installed++;
    const took = /^solver_solve took (\d+) ms/.exec(line);
    if (took) {
      if (tests.length > 0) (tests.at(-1) as { installed: number }).installed = installed;
      tests.push({ ms: Number(took[1]), installed: 0 });
      installed = 0;
    }
  }
  if (tests.length > 0) (tests.at(-1) as { installed: number }).installed = installed;
  return tests;
}

/**
 * The primary.xml of N generated packages and their application names; the package objects are not
 * kept. Every wasm memory.grow hands V8 a new ArrayBuffer of the whole memory, which it counts toward
 * its next full collection, so a .solv load runs a few; with the 120k packages' objects alive, each
 * took 250-450 ms and the 120k load measured ~1 s against ~0.2 s with them gone (--trace-gc).
 */
function generated(n: number): { xmlBytes: Uint8Array; apps: string[] } {
  const pkgs = generatePackages(n);
  return { xmlBytes: new TextEncoder().encode(primaryXml(pkgs)), apps: applicationNames(pkgs) };
}

/** Generates each size, then times native rpmmd2solv/testsolv and the wasm (Node) on it; solves on the 63k one. */
export async function measureScale(log: (text: string) => void): Promise<Row[]> {
  const s = 'scale';
  const module = await WebAssembly.compile(readFileSync(fileURLToPath(new URL('../wasm/dist/resolver.wasm', import.meta.url))));
  const xmlModule = await WebAssembly.compile(readFileSync(fileURLToPath(new URL('../wasm/dist/rpmmd.wasm', import.meta.url))));
  const dir = mkdtempSync(join(tmpdir(), 'azl-scale-'));
  const rows: Row[] = [];
  const MiB = (b: number) => b / 1048576;
  try {
    for (const n of SCALE_SIZES) {
      log(`scale: ${n} packages`);
      const { xmlBytes, apps } = generated(n);
      const xml = join(dir, 'primary.xml');
      writeFileSync(xml, xmlBytes);
      const native = run(dir, ['rpmmd2solv'], xml, join(dir, 'repo.solv'));
      const nativeSolv = readFileSync(join(dir, 'repo.solv'));
      const converter = RpmmdEngine.createSync(xmlModule);
      const t0 = performance.now();
      const { solv } = converter.convertRpmmd({ primary: xmlBytes });
      const convertMs = performance.now() - t0;
      const convertMemory = converter.memoryBytes;
      // one untimed load compiles the code (lazily, on first call), then fresh instances are timed:
      // a single cold load measured the JIT and the garbage of the sizes before (1.0 s at 120k)
      let resolver = await Resolver.create(module);
      const loadTimes: number[] = [];
      for (let i = 0; i <= LOADS; i++) {
        if (i > 0) resolver = await Resolver.create(module);
        const loaded = resolver.loadSolv({ id: 'repo1' }, solv);
        if (!loaded.ok) throw new Error(loaded.message);
        if (i > 0) loadTimes.push(loaded.ms);
      }
      writeFileSync(join(dir, 'load.t'), testcase([]));
      const nativeLoad = run(dir, ['testsolv', '-v', 'load.t']);
      const nativeLoadMs = Number(/repo_add_solv took (\d+) ms/.exec(nativeLoad.stdout)?.[1] ?? Number.NaN);
      const same = Buffer.from(solv).equals(nativeSolv) ? 'byte-identical to rpmmd2solv' : 'DIFFERS from rpmmd2solv';
      const label = `${(n / 1000).toFixed(n < 10_000 ? 0 : 0)}k`;
      rows.push(
        { section: s, figure: `${label}: parse + write .solv (${MiB(xmlBytes.byteLength).toFixed(0)} MiB XML)`, unit: 'ms', value: convertMs, native: native.ms, runtime: 'node', runs: 1, note: `${((convertMs / n) * 1000).toFixed(1)} µs per package; native: rpmmd2solv process` },
        { section: s, figure: `${label}: .solv size`, unit: 'MiB', value: MiB(solv.byteLength), native: MiB(nativeSolv.byteLength), runtime: 'node', runs: 1, note: `${same}; ${(solv.byteLength / n).toFixed(0)} bytes per package` },
        { section: s, figure: `${label}: memory while parsing`, unit: 'MiB', value: MiB(convertMemory), native: MiB(native.rssKiB * 1024), runtime: 'node', runs: 1, note: 'the converter instance\'s linear memory; native: rpmmd2solv max RSS' },
        { section: s, figure: `${label}: load .solv`, unit: 'ms', value: median(loadTimes), native: nativeLoadMs, runtime: 'node', runs: LOADS, note: `fresh instances after one untimed load (${((median(loadTimes) / MiB(solv.byteLength))).toFixed(1)} ms per MiB); native: testsolv repo_add_solv` },
        { section: s, figure: `${label}: memory with the pool loaded`, unit: 'MiB', value: MiB(resolver.memoryBytes), native: MiB(nativeLoad.rssKiB * 1024), runtime: 'node', runs: 1, note: 'native: testsolv max RSS (load only)' },
      );
      if (n === 63_440) {
        const jobs = SCALE_JOBS.map((k) => Array.from({ length: k }, (_, j) => apps[Math.floor((j * apps.length) / k)] as string));
        writeFileSync(join(dir, 'solves.t'), testcase(jobs.flatMap((names) => Array.from({ length: SOLVES + 1 }, () => names))));
        const nativeSolves = solvesOf(run(dir, ['testsolv', '-v', '-r', 'solves.t']).stdout);
        // the solver's code tiers up over its first solves; untimed solves of the largest job first, so
        // the smallest job, timed first, does not measure the JIT (17 ms for 3 packages before)
        for (let r = 0; r < 3; r++) resolver.solve({ specs: jobs[jobs.length - 1] ?? [], weakDeps: true });
        jobs.forEach((names, j) => {
          const series = nativeSolves.slice(j * (SOLVES + 1) + 1, (j + 1) * (SOLVES + 1));
          const wasm: number[] = [];
          let installed = 0;
          for (let r = 0; r < SOLVES + 1; r++) {
            const result = resolver.solve({ specs: names, weakDeps: true });
            if (!result.ok) throw new Error(`scale solve of ${names.length} applications: ${result.kind}`);
            installed = result.packages.length;
            if (r > 0) wasm.push(result.stats.solveMs);
          }
          const agree = series[0]?.installed === installed ? '' : ` (native installs ${series[0]?.installed ?? '?'}!)`;
          rows.push({ section: s, figure: `63k: solve ${names.length} applications → ${installed} packages`, unit: 'ms', value: median(wasm), native: median(series.map((t) => t.ms)), runtime: 'node', runs: SOLVES, note: `solver_solve after one untimed solve${agree}` });
        });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
