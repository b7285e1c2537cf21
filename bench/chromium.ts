/** Builds the bench page, serves it with the fixtures on loopback and runs its modes in Debian's Chromium. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { build } from 'vite';
import type { BenchModeResult, BenchRequest, BenchResult, ColdModeResult, ColdUrlModeResult, EditModeResult, ResolverModeResult, ThrottledModeResult, WarmModeResult } from './browser/protocol.ts';
import { EDIT_IMAGE, jobEdits, OVERLAY_EDITS, overlayEditProject } from './edit-project.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium-args.ts';
import { serveStatic } from './server.ts';
import { SOLVE_JOBS } from './steps.ts';

/** Generous per-page limit; a normal mode takes 2–20 s. */
const PAGE_TIMEOUT_MS = 240_000;
/** The throttled link of the URL figure: 50 Mbit/s. */
export const THROTTLE_BYTES_PER_SECOND = 50_000_000 / 8;
const REPO = 'debian-bookworm-as-rpmmd';

/** What the Chromium half measured, plus the facts the table header prints. */
export interface ChromiumResults {
  version: string;
  buildMs: number;
  resolver: ResolverModeResult;
  cold: ColdModeResult[];
  coldUrl: ColdUrlModeResult;
  /** Returning visitor: a persistent profile whose earlier visit loaded the repository and solved. */
  warm: WarmModeResult[];
  /** The same warm start in a fresh (incognito) profile: no HTTP or code caches, only the IndexedDB record. */
  warmFresh: WarmModeResult[];
  edit: EditModeResult;
  throttled: ThrottledModeResult[];
  /** One more returning visit, traced: whether resolver.wasm came from V8's code cache (undefined: the trace could not be read). */
  wasmCodeCache?: WasmCodeCacheProbe;
  /** Diagnostic: the returning visitor again, in a browser whose V8 caches optimized wasm code at once (WASM_CACHE_AT_ONCE). */
  warmCodeCached: WarmModeResult[];
  /** Its traced extra visit: whether that warm start did take resolver.wasm from the code cache. */
  warmCodeCachedProbe?: WasmCodeCacheProbe;
  /** Console errors and page errors seen (printed as notes). */
  consoleErrors: string[];
}

/** Blink's wasm code-cache events for resolver.wasm in one traced visit. */
export interface WasmCodeCacheProbe {
  /** v8.wasm.moduleCacheHit: the visit's compile was served from the code cache. */
  hits: number;
  /** v8.wasm.compiledModule: V8 handed Blink code to cache during the visit. */
  writes: number;
}

/**
 * V8 hands optimized wasm code to Chromium's code cache once none has been added for 2 s. When more
 * came in that window, it means to look again when the rest of the 2 s has passed, but gives that
 * rest in milliseconds where the platform call takes seconds (module-compiler.cc,
 * TriggerCachingAfterTimeout): 1.5 s becomes 1,500 s. The resolver tiers up function by function over
 * seconds, so a visit shorter than that leaves no code cache. This flag has V8 cache at once; the
 * bench runs one returning visitor with it to show what the cache would give.
 */
const WASM_CACHE_AT_ONCE = '--js-flags=--wasm-caching-timeout-ms=0';

/** How long the probe's trace runs from the browser's start; the visit and its compile fit well within. */
const PROBE_TRACE_SECONDS = 8;

/**
 * Runs VISIT in a browser on PROFILE_DIR started with a trace of Blink's wasm code-cache events
 * (category disabled-by-default-devtools.timeline) and counts those of resolver.wasm.
 */
async function probeWasmCodeCache(profileDir: string, visit: (context: BrowserContext) => Promise<unknown>, extraArgs: string[] = []): Promise<WasmCodeCacheProbe | undefined> {
  const traceFile = join(profileDir, 'wasm-code-cache-trace.json');
  const args = ['--trace-startup=disabled-by-default-devtools.timeline', `--trace-startup-file=${traceFile}`, `--trace-startup-duration=${PROBE_TRACE_SECONDS}`, '--trace-startup-format=json'];
  const context = await launchProfile(profileDir, [...extraArgs, ...args]);
  const started = performance.now();
  try {
    await visit(context);
    // the trace file is written when the trace's duration ends
    await new Promise((done) => setTimeout(done, Math.max(0, PROBE_TRACE_SECONDS * 1000 + 1500 - (performance.now() - started))));
  } finally {
    await context.close();
  }
  try {
    const parsed = JSON.parse(readFileSync(traceFile, 'utf8')) as { traceEvents?: { name: string; args?: { url?: string } }[] };
    const ofResolver = (name: string) => (parsed.traceEvents ?? []).filter((e) => e.name === name && /\/resolver-[^/]*\.wasm$/.test(e.args?.url ?? '')).length;
    return { hits: ofResolver('v8.wasm.moduleCacheHit'), writes: ofResolver('v8.wasm.compiledModule') };
  } catch {
    return undefined;
  }
}

/** Builds bench/.dist with bench/vite.config.ts; returns the build time. */
async function buildPage(): Promise<number> {
  const t0 = performance.now();
  await build({ configFile: fileURLToPath(new URL('./vite.config.ts', import.meta.url)), logLevel: 'warn' });
  return performance.now() - t0;
}

/** Opens the bench page (at PATH on ORIGIN) on a new page of CONTEXT with REQUEST and returns what it answered. */
export async function runPage<T extends BenchModeResult>(context: BrowserContext, origin: string, request: BenchRequest, errors: string[], path = '/'): Promise<T> {
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${request.mode}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`${request.mode}: ${e.message}`));
  await page.addInitScript((input) => {
    (window as unknown as { __benchInput: unknown }).__benchInput = input;
  }, request);
  try {
    await page.goto(`${origin}${path}`);
    await page.waitForFunction(() => (window as unknown as { __benchResult?: unknown }).__benchResult !== undefined, undefined, { timeout: PAGE_TIMEOUT_MS, polling: 100 });
    const answer = (await page.evaluate(() => (window as unknown as { __benchResult: unknown }).__benchResult)) as BenchResult;
    if (!answer.ok) throw new Error(`chromium ${request.mode}: ${answer.error}`);
    return answer.result as T;
  } finally {
    await page.close();
  }
}

/** Launches Debian's Chromium headless with the bench's flags. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** Launches Debian's Chromium with the bench's flags plus EXTRA_ARGS on the persistent profile in PROFILE_DIR. */
export function launchProfile(profileDir: string, extraArgs: string[] = []): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/**
 * Runs every mode. A fresh (incognito) profile, as a first visit has: resolver once; cold RUNS times
 * (fresh IndexedDB each); cold-url once to fill a database; warm RUNS times on it; throttled RUNS
 * times. Then a returning visitor (returningVisitor) in a persistent profile, and once more in a
 * browser whose V8 caches optimized wasm code at once (WASM_CACHE_AT_ONCE): Chromium 156 leaves no
 * code cache of resolver.wasm after a short session, so the first shows what users get today and the
 * second what V8's code cache would give.
 */
export async function measureChromium(repodataRoot: string, runs: number, log: (text: string) => void): Promise<ChromiumResults> {
  const buildMs = await buildPage();
  const server = await serveStatic([
    { prefix: '/slow-repos/', dir: repodataRoot, bytesPerSecond: THROTTLE_BYTES_PER_SECOND },
    { prefix: '/repos/', dir: repodataRoot },
    { prefix: '/cached/', dir: fileURLToPath(new URL('./.dist/', import.meta.url)), caching: 'immutable' },
    { prefix: '/', dir: fileURLToPath(new URL('./.dist/', import.meta.url)) },
  ]);
  const browser = await launchChromium();
  const profileDir = mkdtempSync(join(tmpdir(), 'azl-bench-profile-'));
  const cachedProfileDir = mkdtempSync(join(tmpdir(), 'azl-bench-profile-cached-'));
  const errors: string[] = [];
  const stamp = Date.now();
  const repoUrl = `${server.origin}/repos/${REPO}/`;
  const firstRequest = (SOLVE_JOBS[0] as (typeof SOLVE_JOBS)[number]).request;
  const base = { repoUrl, firstRequest };
  try {
    const context = await browser.newContext();
    const page = <T extends BenchModeResult>(request: BenchRequest) => runPage<T>(context, server.origin, request, errors);
    log('chromium: resolver steps');
    const resolver = await page<ResolverModeResult>({ ...base, mode: 'resolver', dbName: `resolver-${stamp}` });
    const cold: ColdModeResult[] = [];
    for (let i = 0; i < runs; i++) {
      log(`chromium: cold ${i + 1}/${runs}`);
      cold.push(await page<ColdModeResult>({ ...base, mode: 'cold', dbName: `cold-${stamp}-${i}` }));
    }
    const warmDb = `warm-${stamp}`;
    log('chromium: cold from the URL (fills the warm cache)');
    const coldUrl = await page<ColdUrlModeResult>({ ...base, mode: 'cold-url', dbName: warmDb });
    const warmFresh: WarmModeResult[] = [];
    for (let i = 0; i < runs; i++) {
      log(`chromium: warm, fresh profile ${i + 1}/${runs}`);
      warmFresh.push(await page<WarmModeResult>({ ...base, mode: 'warm', dbName: warmDb }));
    }
    const throttled: ThrottledModeResult[] = [];
    for (let i = 0; i < runs; i++) {
      log(`chromium: throttled ${i + 1}/${runs}`);
      throttled.push(await page<ThrottledModeResult>({ ...base, repoUrl: `${server.origin}/slow-repos/${REPO}/`, mode: 'throttled', dbName: `throttled-${stamp}-${i}` }));
    }
    await context.close();

    const visitor = (label: string, dir: string, extraArgs: string[] = []) => returningVisitor({ origin: server.origin, profileDir: dir, extraArgs, base, dbName: warmDb, runs, errors, log: (text) => log(`chromium: ${label}: ${text}`) });
    const { edit, warm, probe: wasmCodeCache } = await visitor('returning visitor', profileDir);
    const cached = await visitor('returning visitor, V8 caching wasm code at once', cachedProfileDir, [WASM_CACHE_AT_ONCE]);
    return {
      version: browser.version(),
      buildMs,
      resolver,
      cold,
      coldUrl,
      warm,
      warmFresh,
      edit,
      throttled,
      consoleErrors: errors,
      ...(wasmCodeCache ? { wasmCodeCache } : {}),
      warmCodeCached: cached.warm,
      ...(cached.probe ? { warmCodeCachedProbe: cached.probe } : {}),
    };
  } finally {
    await browser.close();
    await server.close();
    rmSync(profileDir, { recursive: true, force: true });
    rmSync(cachedProfileDir, { recursive: true, force: true });
  }
}

/** What returningVisitor needs: the server, a profile directory, extra browser flags and the bench's request basics. */
interface ReturningVisitorSetup {
  origin: string;
  profileDir: string;
  extraArgs: string[];
  base: Pick<BenchRequest, 'repoUrl' | 'firstRequest'>;
  dbName: string;
  runs: number;
  errors: string[];
  log: (text: string) => void;
}

/**
 * A returning visitor in a persistent profile, with the page's hashed assets served cacheable as a
 * static host serves them: a first visit (loads the repository from its URL into the database,
 * solves, edits, builds images, then stays open 3 s more, as a session does), RUNS warm starts, and
 * one more warm start traced for V8's wasm code-cache events. What the first visit leaves them is
 * the IndexedDB record, the HTTP cache and the code caches V8 wrote.
 */
async function returningVisitor(setup: ReturningVisitorSetup): Promise<{ edit: EditModeResult; warm: WarmModeResult[]; probe?: WasmCodeCacheProbe }> {
  const { origin, profileDir, extraArgs, base, dbName, runs, errors, log } = setup;
  const context = await launchProfile(profileDir, extraArgs);
  const warm: WarmModeResult[] = [];
  let edit: EditModeResult;
  try {
    const visit = <T extends BenchModeResult>(request: BenchRequest) => runPage<T>(context, origin, request, errors, '/cached/');
    log('first visit (load, edits)');
    edit = await visit<EditModeResult>({
      ...base,
      mode: 'edit',
      dbName,
      jobEdits: jobEdits(),
      overlayEdits: Array.from({ length: OVERLAY_EDITS + 1 }, (_, i) => overlayEditProject(base.repoUrl, i)),
      editImage: EDIT_IMAGE,
      lingerMs: 3000,
    });
    for (let i = 0; i < runs; i++) {
      log(`warm ${i + 1}/${runs}`);
      warm.push(await visit<WarmModeResult>({ ...base, mode: 'warm', dbName }));
    }
  } finally {
    await context.close();
  }
  log('one more warm start, traced (is resolver.wasm from the code cache?)');
  const probe = await probeWasmCodeCache(profileDir, (probed) => runPage<WarmModeResult>(probed, origin, { ...base, mode: 'warm', dbName }, errors, '/cached/'), extraArgs);
  return { edit, warm, ...(probe ? { probe } : {}) };
}
