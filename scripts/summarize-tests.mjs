#!/usr/bin/env node
// Adds up the vitest, Playwright and fuzzing (vitest) JSON reports (and the type check's outcome, from $TYPECHECK) into one closing line: "N passed, N failed, N skipped".
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
const [vitestPath, playwrightPath, fuzzPath] = process.argv.slice(2);

/** Adds one vitest JSON report (unit tests or fuzzing) to the totals under LABEL. */
function addVitest(label, path) {
  if (!path || !existsSync(path)) {
    console.log(`${label}: no report`);
    failed++;
    return;
  }
  const v = JSON.parse(readFileSync(path, 'utf8'));
  passed += v.numPassedTests ?? 0;
  // a file that fails to load has no test results of its own; count it as one failure
  const brokenFiles = (v.testResults ?? []).filter((r) => r.status === 'failed' && r.assertionResults.length === 0).length;
  failed += (v.numFailedTests ?? 0) + brokenFiles;
  skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
  console.log(`${label}: ${v.numPassedTests} passed, ${v.numFailedTests} failed, ${v.numPendingTests} skipped`);
}

addVitest('vitest', vitestPath);
if (playwrightPath && existsSync(playwrightPath)) {
  const p = JSON.parse(readFileSync(playwrightPath, 'utf8'));
  const s = p.stats ?? {};
  passed += (s.expected ?? 0) + (s.flaky ?? 0);
  failed += s.unexpected ?? 0;
  skipped += s.skipped ?? 0;
  console.log(`playwright: ${(s.expected ?? 0) + (s.flaky ?? 0)} passed, ${s.unexpected ?? 0} failed, ${s.skipped ?? 0} skipped${s.flaky ? ` (${s.flaky} flaky)` : ''}`);
} else {
  console.log('playwright: no report');
  failed++;
}
if (fuzzPath !== undefined) addVitest('fuzz', fuzzPath);
// A type error fails the run even when every test passed; say so in the closing lines.
if (process.env.TYPECHECK) {
  console.log(`type check: ${process.env.TYPECHECK}`);
  if (process.env.TYPECHECK !== 'passed') failed++;
}
// Layering (no cycle between src/lib domains) is a check of its own; a break fails the run.
if (process.env.LAYERING) {
  console.log(`layering: ${process.env.LAYERING}`);
  if (process.env.LAYERING !== 'passed') failed++;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
