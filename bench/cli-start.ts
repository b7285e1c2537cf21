/** CLI start: `azl-playground --help` as a user runs it (a new Node process each time), against Node doing nothing. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/azl-playground.mjs', import.meta.url));
const BUILD_CLI = fileURLToPath(new URL('../scripts/build-cli.mjs', import.meta.url));

/** Wall-clock ms of RUNS `node bin/azl-playground.mjs --help` (bundle built first if stale), and of as many `node -e 0` (the floor). */
export function measureCliStart(runs: number): { helpMs: number[]; nodeMs: number[] } {
  const time = (args: string[]) => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
    const ms = performance.now() - t0;
    if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 300)}`);
    return ms;
  };
  // what `npm run cli` does first: the compiled bundle, not the sources through tsx, is what starts
  const built = spawnSync(process.execPath, [BUILD_CLI, '--if-stale'], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`build:cli exited ${built.status}: ${built.stderr.slice(0, 300)}`);
  // one untimed start each, so the file system cache is warm for all of them alike
  time([BIN, '--help']);
  time(['-e', '0']);
  const helpMs: number[] = [];
  const nodeMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    helpMs.push(time([BIN, '--help']));
    nodeMs.push(time(['-e', '0']));
  }
  return { helpMs, nodeMs };
}
