/**
 * `azl-playground config` on a checkout of the real tree's size, written to disk: 7,583 components
 * (201 with their own comp.toml, or every one in the heavier variant), and a specs/ directory of
 * 7,616 rendered components in about 26,000 files and 280 MB that the config never names.
 * Run alone: `node bin/run-ts.mjs bench/checkout.ts [DIR]` writes the checkout and measures it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateProject } from './config.ts';

const RENDERED = 7616;
// About 26,000 files and 280 MB in specs/, as in the azurelinux checkout.
const FILES_PER_RENDERED = [3, 4, 3, 4, 3];
const SPEC_BYTES = 30_000;

function put(dir: string, path: string, text: string | Buffer): void {
  const full = join(dir, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, text);
}

/** Splits the generated components.toml into one comp.toml per customised component (or per component, with EVERY). */
function splitComponents(text: string, every: boolean): { list: string; files: Map<string, string> } {
  const files = new Map<string, string>();
  const kept: string[] = [];
  const blocks = text.split(/\n(?=\[components\.[^\].]+\]\n?)/);
  for (const block of blocks) {
    const name = /^\[components\.([^\].]+)\]/.exec(block)?.[1];
    if (!name || (!every && block.trim() === `[components.${name}]`)) {
      kept.push(block);
      continue;
    }
    files.set(`base/comps/${name}/${name}.comp.toml`, `${block.trim()}\n`);
  }
  return { list: kept.join('\n'), files };
}

/** Writes the checkout to DIR; EVERY gives each component its own comp.toml. */
export function writeCheckout(dir: string, every: boolean): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  const write = (path: string, text: string | Buffer): void => {
    put(dir, path, text);
    files += 1;
    bytes += text.length;
  };
  const project = generateProject();
  const split = splitComponents(project.get('base/comps/components.toml') ?? '', every);
  for (const [path, text] of project) write(path, path === 'base/comps/components.toml' ? `includes = ["groups.toml", "**/*.comp.toml"]\n${split.list.replace(/^includes = .*\n/, '')}` : text);
  for (const [path, text] of split.files) write(path, text);
  const filler = Buffer.alloc(SPEC_BYTES, 'x');
  for (let i = 0; i < RENDERED; i += 1) {
    const name = `pkg-${String(i).padStart(5, '0')}`;
    const base = `specs/${name[4]}/${name}`;
    const n = FILES_PER_RENDERED[i % FILES_PER_RENDERED.length] as number;
    write(`${base}/${name}.spec`, filler);
    write(`${base}/sources`, `SHA512 (${name}.tar.gz) = ${'0'.repeat(128)}\n`);
    for (let k = 2; k < n; k += 1) write(`${base}/${name}-fix-${k}.patch`, filler.subarray(0, 4000));
  }
  return { files, bytes };
}

/** Runs `azl-playground config DIR` under /usr/bin/time and returns its wall time and peak RSS. */
export function measureConfig(dir: string): { seconds: number; rssMiB: number; stdout: string } {
  const out = spawnSync('/usr/bin/time', ['-f', '%e %M', 'node', 'bin/azl-playground.mjs', 'config', dir], { encoding: 'utf8' });
  const [seconds, kib] = (out.stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
  if (out.status !== 0 || seconds === undefined || kib === undefined) throw new Error(`config failed: ${out.stderr}`);
  return { seconds, rssMiB: kib / 1024, stdout: out.stdout };
}

/** The rows `npm run bench` prints: both variants, each written once to a temporary directory. */
export async function benchCheckout(): Promise<{ label: string; ms: number; note?: string }[]> {
  if (!existsSync('/usr/bin/time')) throw new Error('/usr/bin/time is needed to measure peak RSS');
  const rows: { label: string; ms: number; note?: string }[] = [];
  for (const every of [false, true]) {
    const dir = mkdtempSync(join(tmpdir(), 'azl-bench-checkout-'));
    try {
      const written = writeCheckout(dir, every);
      const m = measureConfig(dir);
      const label = every ? 'checkout: azl-playground config, 7,583 comp.toml files + specs/' : 'checkout: azl-playground config, 201 comp.toml + specs/ (budget 3000 ms)';
      rows.push({ label, ms: m.seconds * 1000, note: `${written.files} files, ${(written.bytes / 2 ** 20).toFixed(0)} MiB on disk; peak RSS ${m.rssMiB.toFixed(0)} MiB` });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const dir = resolve(process.argv[2] ?? mkdtempSync(join(tmpdir(), 'azl-checkout-')));
  const every = process.argv.includes('--every');
  const written = writeCheckout(dir, every);
  console.log(`${dir}: ${written.files} files, ${(written.bytes / 2 ** 20).toFixed(0)} MiB`);
}
