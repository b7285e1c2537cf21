/** Decompression bombs made with the real compressors (zeros piped through zstd, gzip, xz, bzip2), cached under test/.cache/bombs. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './wasm.ts';

/** The four formats rpm-md and source archives use, with the command and arguments that make each. */
export const BOMB_FORMATS = {
  zstd: { command: 'zstd', args: '-q -c', ext: 'zst' },
  gzip: { command: 'gzip', args: '-c', ext: 'gz' },
  xz: { command: 'xz', args: '-0 -T1 -c', ext: 'xz' },
  bzip2: { command: 'bzip2', args: '-1 -c', ext: 'bz2' },
} as const;

/** A format name of BOMB_FORMATS. */
export type BombFormat = keyof typeof BOMB_FORMATS;

const DIR = join(ROOT, 'test/.cache/bombs');

/** The path of GIB gibibytes of zeros compressed by FORMAT's real tool (made once, some seconds; then cached). */
export function zeroBomb(format: BombFormat, gib: number): string {
  const { command, args, ext } = BOMB_FORMATS[format];
  const path = join(DIR, `zeros-${gib}g.${ext}`);
  if (existsSync(path)) return path;
  mkdirSync(DIR, { recursive: true });
  const partial = `${path}.partial`;
  execFileSync('sh', ['-c', `head -c ${gib}G /dev/zero | ${command} ${args} > '${partial}'`], { stdio: ['ignore', 'ignore', 'inherit'] });
  renameSync(partial, path);
  return path;
}

/** What test/support/decompress-rss.ts reports: the decoder's outcome and the child's peak RSS before and after it. */
export interface BombRun {
  ok: boolean;
  code?: string;
  message?: string;
  outputBytes?: number;
  baselineRssBytes: number;
  peakRssBytes: number;
}

/** Decompresses PATH in a fresh Node process (MODE `file` = decompressFile with OPEN_SIZE, `archive` = the overlay decoder with LIMIT) and reports its peak RSS. */
export function decompressInChild(mode: 'file' | 'archive', path: string, sizeArg?: number): BombRun {
  const args = ['bin/run-ts.mjs', 'test/support/decompress-rss.ts', mode, path, ...(sizeArg === undefined ? [] : [String(sizeArg)])];
  const out = execFileSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out.trim().split('\n').pop() as string) as BombRun;
}
