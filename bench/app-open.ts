/** The real app in headless Chromium: page open → demo resolved, first and return visit, and what was transferred before the first result. */
import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { launchChromium } from './chromium.ts';
import { serveStatic } from './server.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = fileURLToPath(new URL('./.app-dist/', import.meta.url));
const READY_TIMEOUT_MS = 120_000;

/** One file the page (or a worker) requested before the first result. */
export interface Transfer {
  path: string;
  bytes: number;
  gzipBytes: number;
  kind: 'wasm' | 'js' | 'other';
}

/** Page-open figures over RUNS first visits and RUNS return visits. */
export interface AppOpenResult {
  buildMs: number;
  firstVisitMs: number[];
  returnVisitMs: number[];
  /** Files requested before the first result on the first visit (the first run's list). */
  transfers: Transfer[];
  consoleErrors: string[];
}

function kindOf(path: string): Transfer['kind'] {
  const ext = extname(path);
  return ext === '.wasm' ? 'wasm' : ext === '.js' ? 'js' : 'other';
}

/** Records, in the page, when <html data-playground-state> first says ready (ms since navigation start). */
function watchReady(): void {
  const w = window as unknown as { __readyAt?: number };
  // the init script runs before <html> exists, so watch the whole document
  new MutationObserver(() => {
    if (w.__readyAt === undefined && document.documentElement?.dataset.playgroundState === 'ready') w.__readyAt = performance.now();
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-playground-state'] });
}

/** Builds the app into bench/.app-dist with the project's own vite config, serves it as a static host would, and opens it. */
export async function measureAppOpen(runs: number, log: (text: string) => void): Promise<AppOpenResult> {
  const t0 = performance.now();
  await build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn', build: { outDir: OUT, emptyOutDir: true, sourcemap: false } });
  const buildMs = performance.now() - t0;
  // no COOP/COEP (the app does not need them); hashed assets cacheable, the rest revalidated
  const server = await serveStatic([{ prefix: '/', dir: OUT }], { isolated: false, caching: 'immutable' });
  const browser = await launchChromium();
  const consoleErrors: string[] = [];
  const firstVisitMs: number[] = [];
  const returnVisitMs: number[] = [];
  let transfers: Transfer[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      log(`app: page open ${run + 1}/${runs}`);
      const context = await browser.newContext();
      await context.addInitScript(watchReady);
      for (const visit of ['first', 'return'] as const) {
        const page = await context.newPage();
        page.on('console', (m) => {
          if (m.type() === 'error') consoleErrors.push(`app ${visit}: ${m.text()}`);
        });
        page.on('pageerror', (e) => consoleErrors.push(`app ${visit}: ${e.message}`));
        const requested: { path: string; at: number }[] = [];
        page.on('request', (r) => requested.push({ path: new URL(r.url()).pathname, at: Date.now() }));
        await page.goto(`${server.origin}/`);
        await page.waitForFunction(() => (window as unknown as { __readyAt?: number }).__readyAt !== undefined, undefined, { timeout: READY_TIMEOUT_MS, polling: 100 });
        const { readyAt, origin } = await page.evaluate(() => ({ readyAt: (window as unknown as { __readyAt: number }).__readyAt, origin: performance.timeOrigin }));
        (visit === 'first' ? firstVisitMs : returnVisitMs).push(readyAt);
        // a return visit comes after the service worker has installed (it registers after the first
        // answer and downloads its precache): measured while that download still ran, the "return"
        // visit competed with it
        if (visit === 'first') await page.evaluate(() => Promise.race([navigator.serviceWorker.ready.then(() => true), new Promise((done) => setTimeout(() => done(false), 30_000))]));
        if (visit === 'first' && run === 0) {
          const before = [...new Set(requested.filter((r) => r.at <= origin + readyAt).map((r) => r.path))];
          transfers = before.flatMap((path) => {
            const file = join(OUT, path === '/' ? 'index.html' : path);
            if (!existsSync(file)) return [];
            const bytes = readFileSync(file);
            return [{ path, bytes: bytes.byteLength, gzipBytes: gzipSync(bytes, { level: 9 }).byteLength, kind: kindOf(file) }];
          });
        }
        await page.close();
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return { buildMs, firstVisitMs, returnVisitMs, transfers, consoleErrors };
}

/** Sum of gzip sizes of one kind of transfer. */
export function gzipTotal(transfers: readonly Transfer[], kind: Transfer['kind']): number {
  return transfers.filter((t) => t.kind === kind).reduce((n, t) => n + t.gzipBytes, 0);
}
