/**
 * The RE2 port (re2js), loaded on first need. Overlay patterns are mostly plain text or read alike
 * on V8's engine (lib/overlay/regex.ts), so most projects never need it, and the first answer does
 * not wait for its download. Code that needs it synchronously calls `re2()`; the async entry points
 * (the workers' calls, the CLI, tests) run through `withRe2` or `loadRe2` first.
 */
import type { RE2JS } from 're2js';
import { onceUnlessFailed } from './async/once.ts';

/** Thrown by `re2()` before `loadRe2()` finished; `withRe2` catches it, loads the engine and runs again. */
export class Re2NotLoaded extends Error {
  constructor() {
    super('the RE2 engine (re2js) is not loaded yet: run the call through withRe2(), or await loadRe2() first');
    this.name = 'Re2NotLoaded';
  }
}

let engine: typeof RE2JS | undefined;

/** Loads re2js once (a failed load is forgotten so a later call can try again). */
export const loadRe2: () => Promise<typeof RE2JS> = onceUnlessFailed(() => import('re2js').then((m) => (engine = m.RE2JS)));

/** re2js's RE2JS class; throws Re2NotLoaded when it is not loaded yet. */
export function re2(): typeof RE2JS {
  if (!engine) throw new Re2NotLoaded();
  return engine;
}

/** Runs FN; when it needed RE2 before it was loaded, loads it and runs FN again (FN must leave nothing half-done when it throws). */
export async function withRe2<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (!(error instanceof Re2NotLoaded)) throw error;
    await loadRe2();
    return fn();
  }
}
