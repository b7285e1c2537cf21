/**
 * Page open → demo resolved: the built app (vite build into bench/.app) in Chromium, cold (a new
 * browser context, empty IndexedDB) and warm (a reload), with the JavaScript and wasm it fetched
 * before the first answer, gzip-compressed as a static host would send them.
 * Runs as part of `npm run bench`, or alone: `node bin/run-ts.mjs bench/first-open.ts`.
 */
import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { build } from 'vite';
import { serveStatic } from './server.ts';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const APP_DIR = fileURLToPath(new URL('./.app/', import.meta.url));

/** One page open measured. */
export interface OpenMeasurement {
  /** navigationStart → `<html data-playground-result>` first set (the demo image resolved). */
  firstResultMs: number;
  /** JavaScript fetched before the first result (page and workers), gzip -6. */
  jsGzipBytes: number;
  jsRawBytes: number;
  jsFiles: number;
  /** resolver.wasm, gzip -6 (0 when it came from the HTTP cache). */
  wasmGzipBytes: number;
}

/** What the first-open bench measured. */
export interface FirstOpenResults {
  cold: OpenMeasurement;
  warm: OpenMeasurement;
  consoleErrors: string[];
}

async function measureOpen(context: BrowserContext, page: Page, go: () => Promise<unknown>): Promise<OpenMeasurement> {
  const bodies: Promise<{ url: string; body: Buffer }>[] = [];
  let done = false;
  const onResponse = (response: import('@playwright/test').Response): void => {
    const url = response.url();
    if (done || !/\.(js|wasm)$/.test(new URL(url).pathname)) return;
    bodies.push(response.body().then((body) => ({ url, body }), () => ({ url, body: Buffer.alloc(0) })));
  };
  context.on('response', onResponse);
  await go();
  await page.waitForFunction(() => document.documentElement.dataset.playgroundResult !== undefined, undefined, { timeout: 180_000, polling: 'raf' });
  done = true;
  const firstResultMs = await page.evaluate(() => {
    const mark = performance.getEntriesByName('azl:first-result')[0];
    return mark ? mark.startTime : performance.now();
  });
  context.off('response', onResponse);
  const files = await Promise.all(bodies);
  const js = files.filter((f) => f.url.endsWith('.js'));
  const wasm = files.filter((f) => f.url.endsWith('.wasm'));
  return {
    firstResultMs,
    jsGzipBytes: js.reduce((n, f) => n + gzipSync(f.body).length, 0),
    jsRawBytes: js.reduce((n, f) => n + f.body.length, 0),
    jsFiles: js.length,
    wasmGzipBytes: wasm.reduce((n, f) => n + gzipSync(f.body).length, 0),
  };
}

/** Builds the app, serves it on loopback and opens it cold, then warm. */
export async function measureFirstOpen(): Promise<FirstOpenResults> {
  await build({ configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)), logLevel: 'warn', build: { outDir: APP_DIR, emptyOutDir: true, sourcemap: false } });
  const server = await serveStatic([{ prefix: '/', dir: APP_DIR }]);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const errors: string[] = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.route((url) => !url.href.startsWith(`${server.origin}/`), (route) => route.abort());
    const cold = await measureOpen(context, page, () => page.goto(`${server.origin}/`));
    const warm = await measureOpen(context, page, () => page.reload());
    return { cold, warm, consoleErrors: errors };
  } finally {
    await browser.close();
    await server.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const r = await measureFirstOpen();
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  for (const [name, m] of Object.entries({ cold: r.cold, warm: r.warm }))
    process.stdout.write(`${name}: first result ${m.firstResultMs.toFixed(0)} ms; JS before it ${kib(m.jsGzipBytes)} gzip (${kib(m.jsRawBytes)} raw, ${m.jsFiles} files); wasm ${kib(m.wasmGzipBytes)} gzip\n`);
  for (const e of r.consoleErrors) process.stdout.write(`console: ${e}\n`);
}
