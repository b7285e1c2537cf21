/**
 * Child process for the bomb tests: decompresses one file with the app's bounded decoders and prints
 * the outcome and the process's peak RSS (getrusage) before and after, as one JSON line.
 * Usage: decompress-rss.ts file PATH [OPEN_SIZE] | decompress-rss.ts archive PATH LIMIT
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { decompress, detectCompression } from '../../src/lib/overlay/archive/compression.ts';
import { decompressFile } from '../../src/lib/repo/decompress.ts';
import { BOMB_FORMATS } from './bombs.ts';

const [mode, path, size] = process.argv.slice(2);
const bytes = new Uint8Array(readFileSync(path as string));
const name = basename(path as string);
// Warm up the same decoder on a tiny input made by the same tool, so loading it (xz's wasm) is not counted as growth.
const format = Object.values(BOMB_FORMATS).find((f) => name.endsWith(`.${f.ext}`));
if (format) await decompressFile(name, new Uint8Array(execFileSync(format.command, ['-c'], { input: 'warm-up' })));
const peakRss = () => process.resourceUsage().maxRSS * 1024;
const baselineRssBytes = peakRss();
let report: Record<string, unknown>;
if (mode === 'archive') {
  try {
    const tar = await decompress(detectCompression(name, bytes), bytes, Number(size));
    report = { ok: true, outputBytes: tar.length };
  } catch (err) {
    report = { ok: false, code: (err as Error).name, message: (err as Error).message };
  }
} else {
  const result = await decompressFile(name, bytes, size === undefined ? undefined : Number(size));
  report = result.ok ? { ok: true, outputBytes: result.value.bytes.length } : { ok: false, code: result.error.code, message: result.error.message };
}
console.log(JSON.stringify({ ...report, baselineRssBytes, peakRssBytes: peakRss() }));
