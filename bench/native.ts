/** The reference: Debian's native libsolv-tools 0.7.23 (rpmmd2solv, testsolv, mergesolv) timed in the same run. */
import { spawnSync, type StdioOptions } from 'node:child_process';
import { closeSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { INSTALLONLY_PROVIDES } from '../src/lib/resolve/request.ts';
import { median } from './stats.ts';
import { SOLVE_JOBS, TIMED_SOLVES, WARMUP_SOLVES } from './steps.ts';

/** Process-level repetitions of each native command; the median is reported. */
const RUNS = 5;

/** Native timings of one job, from `testsolv -v` (whole-ms resolution). */
export interface NativeSolve {
  installed: number;
  firstSolveMs: number;
  /** addfileprovides + createwhatprovides + solver_solve of the first test. */
  firstPrepSolveMs: number;
  warmSolveMs: number;
  warmSolveMinMs: number;
}

/** What the native tools measured. */
export interface NativeResult {
  version: string;
  gunzipMs: number;
  sha256GzMs: number;
  sha256XmlMs: number;
  rpmmd2solvMs: number;
  rpmmd2solvRssKiB: number;
  /** `gzip -dc primary.xml.gz | rpmmd2solv > repo.solv`: compressed bytes to a loadable pool, the cold reference. */
  coldPipelineMs: number;
  mergesolvMs: number;
  loadSolvMs: number;
  testsolvWallMs: number;
  /** testsolv -r on the first job alone (load + prep + solve + print): max RSS, the memory reference. */
  rssOneKiB: number;
  /** The same runs: addfileprovides + createwhatprovides + solver_solve of their one test, median. */
  firstPrepSolveMs: number;
  rssLoadKiB: number;
  rssSolveKiB: number;
  solvBytes: number;
  solvSha256: string;
  /** CPU time / wall time over every native command: well below 1 means the machine was busy. */
  cpuShare: number;
  solves: Record<string, NativeSolve>;
}

interface Run {
  ms: number;
  /** user + system CPU of the command (10 ms resolution). */
  cpuMs: number;
  stdout: string;
  rssKiB: number;
}

/** Runs CMD under /usr/bin/time (for max RSS), stdin/stdout from/to files when given; throws on failure. */
function run(dir: string, cmd: string[], io: { stdin?: string; stdout?: string } = {}): Run {
  const timeFile = join(dir, 'time.out');
  const fdIn = io.stdin ? openSync(io.stdin, 'r') : 'ignore';
  const fdOut = io.stdout ? openSync(io.stdout, 'w') : 'pipe';
  try {
    const stdio: StdioOptions = [fdIn, fdOut, 'pipe'];
    const t0 = performance.now();
    const r = spawnSync('/usr/bin/time', ['-f', '%M %U %S', '-o', timeFile, ...cmd], { cwd: dir, stdio, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' });
    const ms = performance.now() - t0;
    if (r.error) throw r.error;
    // testsolv exits 1 when a result differs from an expected one; our testcases have none, so any non-zero is a failure
    if (r.status !== 0) throw new Error(`${cmd.join(' ')} exited ${r.status}: ${String(r.stderr).slice(0, 500)}`);
    const [rss = 'NaN', user = 'NaN', sys = 'NaN'] = (readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '').split(' ');
    return { ms, cpuMs: (Number(user) + Number(sys)) * 1000, stdout: typeof r.stdout === 'string' ? r.stdout : '', rssKiB: Number(rss) };
  } finally {
    if (typeof fdIn === 'number') closeSync(fdIn);
    if (typeof fdOut === 'number') closeSync(fdOut);
  }
}

/** A testcase in the oracle's shape with the app's semantics: dnf5 pool/solver flags, installonly, forcebest (best=true). */
function testcase(jobs: { spec: string; weak: boolean }[]): string {
  const header = ['repo system 0 empty', 'repo repo1 0 solv repo.solv', 'system x86_64 rpm system', 'poolflags implicitobsoleteusescolors whatprovideswithdisabled'];
  const blocks = jobs.map(({ spec, weak }) =>
    [
      `solverflags allowvendorchange keeporphans bestobeypolicy yumobsoletes${weak ? '' : ' ignorerecommended'}`,
      ...INSTALLONLY_PROVIDES.map((p) => `job multiversion provides ${p}`),
      `job install selection ${spec} name,provides,canon,dotarch,rel [forcebest]`,
    ].join('\n'),
  );
  return `${header.join('\n')}\n${blocks.join('\nnextjob\n')}\n`;
}

interface ParsedTest {
  prepMs: number;
  solveMs: number;
  installed: number;
}

/** Reads `testsolv -v -r` output: "repo_add_solv took", per-test prep and "solver_solve took", result lines. */
function parseVerbose(out: string): { loadMs: number[]; tests: ParsedTest[] } {
  const loadMs: number[] = [];
  const tests: ParsedTest[] = [];
  let prep = 0;
  let current: ParsedTest | undefined;
  for (const line of out.split('\n')) {
    const took = /^(repo_add_solv|addfileprovides|createwhatprovides|solver_solve) took (\d+) ms/.exec(line);
    if (took) {
      const ms = Number(took[2]);
      if (took[1] === 'repo_add_solv') loadMs.push(ms);
      else if (took[1] === 'solver_solve') {
        // a testcase with one job prints no "test 1:" header
        if (!current) {
          current = { prepMs: prep, solveMs: Number.NaN, installed: 0 };
          tests.push(current);
          prep = 0;
        }
        current.solveMs = ms;
      }
      else if (took[1] !== 'solver_solve') prep += ms;
    } else if (/^test \d+:/.test(line)) {
      current = { prepMs: prep, solveMs: Number.NaN, installed: 0 };
      tests.push(current);
      prep = 0;
    } else if (current && line.startsWith('install ')) current.installed++;
    else if (current && line.startsWith('problem ')) throw new Error(`native testsolv found problems: ${line}`);
  }
  return { loadMs, tests };
}

function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Times the native tools on the fixture: gunzip, sha256, rpmmd2solv, mergesolv, testsolv (load, prep, solves, RSS). */
export function measureNative(dir: string, primaryGz: string): NativeResult {
  const version = spawnSync('dpkg-query', ['-W', '-f', '${Version}', 'libsolv-tools'], { encoding: 'utf8' }).stdout.trim() || 'unknown';
  const xml = join(dir, 'primary.xml');
  const solv = join(dir, 'repo.solv');
  const runs: Run[] = [];
  const timedRun = (cmd: string[], io: { stdin?: string; stdout?: string } = {}) => {
    const r = run(dir, cmd, io);
    runs.push(r);
    return r;
  };
  const gunzip = Array.from({ length: RUNS }, () => timedRun(['gzip', '-dc', primaryGz], { stdout: xml }).ms);
  const shaGz = Array.from({ length: RUNS }, () => timedRun(['sha256sum', primaryGz]).ms);
  const shaXml = Array.from({ length: RUNS }, () => timedRun(['sha256sum', xml]).ms);
  const rpmmd = Array.from({ length: RUNS }, () => timedRun(['rpmmd2solv'], { stdin: xml, stdout: solv }));
  const pipeline = Array.from({ length: RUNS }, () => timedRun(['bash', '-c', 'set -o pipefail; gzip -dc "$0" | rpmmd2solv > pipeline.solv', primaryGz]).ms);
  const merge = Array.from({ length: RUNS }, () => timedRun(['mergesolv', solv], { stdout: join(dir, 'merged.solv') }).ms);

  writeFileSync(join(dir, 'load.t'), testcase([]));
  const loadOnly = timedRun(['testsolv', '-v', 'load.t']);
  const firstJob = SOLVE_JOBS[0] as (typeof SOLVE_JOBS)[number];
  writeFileSync(join(dir, 'one.t'), testcase([{ spec: firstJob.spec, weak: firstJob.request.weakDeps !== false }]));
  const single = Array.from({ length: RUNS }, () => timedRun(['testsolv', '-v', '-r', 'one.t']));
  const repeats = SOLVE_JOBS.flatMap((job) => Array.from({ length: 1 + WARMUP_SOLVES + TIMED_SOLVES }, () => ({ spec: job.spec, weak: job.request.weakDeps !== false })));
  writeFileSync(join(dir, 'solves.t'), testcase(repeats));
  const many = timedRun(['testsolv', '-v', '-r', 'solves.t']);

  const parsedMany = parseVerbose(many.stdout);
  const loads = [loadOnly, ...single, many].flatMap((r) => parseVerbose(r.stdout).loadMs);
  const solves: Record<string, NativeSolve> = {};
  SOLVE_JOBS.forEach((job, j) => {
    const tests = parsedMany.tests.slice(j * (1 + WARMUP_SOLVES + TIMED_SOLVES), (j + 1) * (1 + WARMUP_SOLVES + TIMED_SOLVES));
    const first = tests[0];
    const warm = tests.slice(1 + WARMUP_SOLVES).map((t) => t.solveMs);
    if (!first || warm.length !== TIMED_SOLVES || warm.some(Number.isNaN)) throw new Error(`testsolv output for ${job.spec} is incomplete`);
    solves[job.key] = {
      installed: first.installed,
      firstSolveMs: first.solveMs,
      firstPrepSolveMs: first.prepMs + first.solveMs,
      warmSolveMs: median(warm),
      warmSolveMinMs: Math.min(...warm),
    };
  });
  return {
    version,
    gunzipMs: median(gunzip),
    sha256GzMs: median(shaGz),
    sha256XmlMs: median(shaXml),
    rpmmd2solvMs: median(rpmmd.map((r) => r.ms)),
    rpmmd2solvRssKiB: Math.max(...rpmmd.map((r) => r.rssKiB)),
    coldPipelineMs: median(pipeline),
    mergesolvMs: median(merge),
    loadSolvMs: median(loads),
    testsolvWallMs: median(single.map((r) => r.ms)),
    rssOneKiB: median(single.map((r) => r.rssKiB)),
    firstPrepSolveMs: median(single.map((r) => {
      const test = parseVerbose(r.stdout).tests[0];
      if (!test) throw new Error('testsolv one.t printed no test');
      return test.prepMs + test.solveMs;
    })),
    rssLoadKiB: loadOnly.rssKiB,
    rssSolveKiB: many.rssKiB,
    solvBytes: statSync(solv).size,
    solvSha256: sha256File(solv),
    cpuShare: runs.reduce((a, r) => a + r.cpuMs, 0) / runs.reduce((a, r) => a + r.ms, 0),
    solves,
  };
}

/** How a wasm-written .solv compares with rpmmd2solv's (left in DIR by measureNative): bytes, then dumpsolv content. */
export function compareSolv(dir: string, wasmSolv: Uint8Array): string {
  const path = join(dir, 'wasm.solv');
  writeFileSync(path, wasmSolv);
  if (sha256File(path) === sha256File(join(dir, 'repo.solv'))) return 'byte-identical to rpmmd2solv';
  // dumpsolv prints its own load time; everything else is content
  const dump = (file: string) => run(dir, ['dumpsolv', file]).stdout.split('\n').filter((l) => !/ took \d+ ms$/.test(l));
  // distinct lines only: enough to name what differs without a real diff of 2 M lines
  const ours = new Set(dump(path));
  const theirs = new Set(dump(join(dir, 'repo.solv')));
  const onlyTheirs = [...theirs].filter((l) => !ours.has(l));
  const onlyOurs = [...ours].filter((l) => !theirs.has(l));
  if (onlyTheirs.length + onlyOurs.length > 20) return `content differs from rpmmd2solv (${onlyTheirs.length} + ${onlyOurs.length} dumpsolv lines)`;
  return `same dumpsolv content as rpmmd2solv except: ${[...onlyTheirs.map((l) => `-${l.trim()}`), ...onlyOurs.map((l) => `+${l.trim()}`)].join('; ')}`;
}
