/** Builds the bench page, serves it with the fixtures on loopback and runs its modes in Debian's Chromium. */
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from '@playwright/test';
import { build } from 'vite';
import type { BenchMode, BenchResult, ColdModeResult, ResolverModeResult, WarmModeResult } from './browser/protocol.ts';
import { serveStatic } from './server.ts';

/** Flags from the brief: headless, and nothing that would reach beyond 127.0.0.1. */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
/** Generous per-page limit; a normal mode takes 2–15 s. */
const PAGE_TIMEOUT_MS = 180_000;

/** What the Chromium half measured, plus the facts the table header prints. */
export interface ChromiumResults {
  version: string;
  buildMs: number;
  resolver: ResolverModeResult;
  cold: ColdModeResult;
  warm: WarmModeResult;
  /** Console errors and page errors seen (printed as notes). */
  consoleErrors: string[];
}

/** Builds bench/.dist with bench/vite.config.ts; returns the build time. */
async function buildPage(): Promise<number> {
  const t0 = performance.now();
  await build({ configFile: fileURLToPath(new URL('./vite.config.ts', import.meta.url)), logLevel: 'warn' });
  return performance.now() - t0;
}

async function runMode(context: BrowserContext, origin: string, mode: BenchMode, dbName: string, errors: string[]): Promise<unknown> {
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${mode}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`${mode}: ${e.message}`));
  // anything not on the loopback server is refused, so the bench can never touch the network
  await page.route((url) => !url.href.startsWith(`${origin}/`), (route) => route.abort());
  try {
    const repo = `${origin}/repos/debian-bookworm-as-rpmmd/`;
    await page.goto(`${origin}/?mode=${mode}&repo=${encodeURIComponent(repo)}&db=${encodeURIComponent(dbName)}`);
    await page.waitForFunction(() => (window as unknown as { __benchResult?: unknown }).__benchResult !== undefined, undefined, { timeout: PAGE_TIMEOUT_MS, polling: 250 });
    const answer = (await page.evaluate(() => (window as unknown as { __benchResult: unknown }).__benchResult)) as BenchResult;
    if (!answer.ok) throw new Error(`chromium ${mode}: ${answer.error}`);
    return answer.result;
  } finally {
    await page.close();
  }
}

/** Runs resolver, cold and warm in order; cold and warm share one browser context (IndexedDB) and run on separate pages. */
export async function measureChromium(repodataRoot: string): Promise<ChromiumResults> {
  const buildMs = await buildPage();
  const server = await serveStatic([
    { prefix: '/repos/', dir: repodataRoot },
    { prefix: '/', dir: fileURLToPath(new URL('./.dist/', import.meta.url)) },
  ]);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const errors: string[] = [];
  try {
    const context = await browser.newContext();
    const dbName = `azl-bench-${Date.now()}`;
    const resolver = (await runMode(context, server.origin, 'resolver', dbName, errors)) as ResolverModeResult;
    const cold = (await runMode(context, server.origin, 'cold', dbName, errors)) as ColdModeResult;
    const warm = (await runMode(context, server.origin, 'warm', dbName, errors)) as WarmModeResult;
    return { version: browser.version(), buildMs, resolver, cold, warm, consoleErrors: errors };
  } finally {
    await browser.close();
    await server.close();
  }
}
