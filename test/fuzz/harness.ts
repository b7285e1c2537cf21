/**
 * The fuzz harness: case count and seed from `npm run fuzz -- --cases N [--seed S]`, a 1 s hang guard
 * per case, mutation of real inputs, and per-target figures (cases, time, slowest case) for reports.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fc } from '@fast-check/vitest';
import { afterAll, expect } from 'vitest';
import type { Diagnostic } from '../../src/lib/diagnostics.ts';
import { ROOT } from '../support/wasm.ts';

/** Cases per target: AZL_FUZZ_CASES (set by scripts/fuzz.mjs), 200 by default. */
export const CASES = Number(process.env.AZL_FUZZ_CASES ?? 200);
/** A fixed seed to replay a reported failure; random otherwise (fast-check prints the seed of any failure). */
export const SEED = process.env.AZL_FUZZ_SEED === undefined ? undefined : Number(process.env.AZL_FUZZ_SEED);
/**
 * No single case may take longer than this (the hang bound), counted in CPU time: on a loaded
 * machine (CI shares its cores) wall time alone tripped the guard on cases that take 50 ms when replayed.
 */
export const HANG_GUARD_MS = 1000;

/** fast-check parameters shared by every target. */
export const PARAMS: { numRuns: number; seed?: number } = { numRuns: CASES, ...(SEED === undefined ? {} : { seed: SEED }) };

interface Figures {
  cases: number;
  ms: number;
  slowestMs: number;
  slowestCpuMs: number;
}
const figures = new Map<string, Figures>();

type Clock = { wall: number; cpu: NodeJS.CpuUsage };

function record(target: string, started: Clock): void {
  const ms = performance.now() - started.wall;
  const used = process.cpuUsage(started.cpu);
  const cpuMs = (used.user + used.system) / 1000;
  const f = figures.get(target) ?? { cases: 0, ms: 0, slowestMs: 0, slowestCpuMs: 0 };
  f.cases += 1;
  f.ms += ms;
  f.slowestMs = Math.max(f.slowestMs, ms);
  f.slowestCpuMs = Math.max(f.slowestCpuMs, cpuMs);
  figures.set(target, f);
  expect(cpuMs, `${target}: one case took ${cpuMs.toFixed(0)} ms of CPU (${ms.toFixed(0)} ms wall)`).toBeLessThan(HANG_GUARD_MS);
}

/** Runs one case of TARGET: times it, fails it past HANG_GUARD_MS of CPU, and counts it for the figures. */
export function guarded<T>(target: string, run: () => T): T {
  const started = { wall: performance.now(), cpu: process.cpuUsage() };
  const value = run();
  record(target, started);
  return value;
}

/** The async form of {@link guarded}. */
export async function guardedAsync<T>(target: string, run: () => Promise<T>): Promise<T> {
  const started = { wall: performance.now(), cpu: process.cpuUsage() };
  const value = await run();
  record(target, started);
  return value;
}

afterAll(() => {
  const dir = join(ROOT, 'test/.cache/reports');
  mkdirSync(dir, { recursive: true });
  for (const [target, f] of figures) {
    appendFileSync(join(dir, 'fuzz-figures.jsonl'), `${JSON.stringify({ target, cases: f.cases, seconds: +(f.ms / 1000).toFixed(1), slowestMs: +f.slowestMs.toFixed(1), slowestCpuMs: +f.slowestCpuMs.toFixed(1) })}\n`);
  }
});

/** Checks that a diagnostic says what and where: a file, a non-negative line and column, a code and a message. */
export function expectLocated(d: Diagnostic, files?: Iterable<string>): void {
  expect(typeof d.file, JSON.stringify(d)).toBe('string');
  expect(Number.isInteger(d.line) && d.line >= 0, JSON.stringify(d)).toBe(true);
  expect(Number.isInteger(d.col) && d.col >= 0, JSON.stringify(d)).toBe(true);
  expect(d.message.length, JSON.stringify(d)).toBeGreaterThan(0);
  expect(d.code.length, JSON.stringify(d)).toBeGreaterThan(0);
  if (files) expect([...files], JSON.stringify(d)).toContain(d.file);
}

/** One edit of a text: insert, delete, replace or duplicate a span, with TOKENS as likely insertions. */
interface Mutation {
  kind: 'insert' | 'delete' | 'replace' | 'duplicate';
  at: number;
  length: number;
  text: string;
}

function mutation(tokens: readonly string[]): fc.Arbitrary<Mutation> {
  return fc.record({
    kind: fc.constantFrom('insert', 'delete', 'replace', 'duplicate'),
    at: fc.nat(),
    length: fc.nat({ max: 64 }),
    text: fc.oneof(fc.constantFrom(...tokens), fc.string({ maxLength: 8, unit: 'binary' }), fc.string({ maxLength: 4 })),
  });
}

function applyMutation(text: string, m: Mutation): string {
  const at = text.length === 0 ? 0 : m.at % (text.length + 1);
  const end = Math.min(text.length, at + m.length);
  switch (m.kind) {
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(end);
    case 'replace':
      return text.slice(0, at) + m.text + text.slice(end);
    case 'duplicate':
      return text.slice(0, end) + text.slice(at, end) + text.slice(end);
  }
}

/** Texts made by up to eight random edits of one of SEEDS, with TOKENS of the format favoured as insertions. */
export function mutatedText(seeds: readonly string[], tokens: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...seeds), fc.array(mutation(tokens), { maxLength: 8 }))
    .map(([seed, edits]) => edits.reduce(applyMutation, seed));
}

/** Tokens that stress XML readers: markup, entities (internal, external, recursive), CDATA, deep nesting, odd characters. */
export const XML_TOKENS = [
  '<', '>', '</', '/>', '&', '&amp;', '&lt;', '&#0;', '&#x110000;', '&undefined;', '"', "'", '=', '<![CDATA[', ']]>', '<!--', '-->',
  '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
  '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>', '&e;', '<!ENTITY r "&r;">', '&r;',
  '<a>'.repeat(200), '</a>'.repeat(200), '<?xml version="1.0"?>', '\u0000', '\uFFFF', '\uD800', '\r\n', '\t', 'xmlns:x="u"',
];
