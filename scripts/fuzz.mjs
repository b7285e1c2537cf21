#!/usr/bin/env node
// `npm run fuzz -- --cases N [--seed S] [vitest args…]`: runs every fuzz target (test/fuzz) with N
// cases each through vitest and its own config; figures per target go to test/.cache/reports/fuzz-figures.jsonl.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';

const args = process.argv.slice(2);
const env = { ...process.env };
const rest = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--cases') env.AZL_FUZZ_CASES = String(Number(args[++i]));
  else if (args[i] === '--seed') env.AZL_FUZZ_SEED = String(Number(args[++i]));
  else rest.push(args[i]);
}
if (!(Number(env.AZL_FUZZ_CASES) > 0)) env.AZL_FUZZ_CASES = '200';
mkdirSync('test/.cache/reports', { recursive: true });
rmSync('test/.cache/reports/fuzz-figures.jsonl', { force: true });
console.log(`fuzz: ${env.AZL_FUZZ_CASES} cases per target${env.AZL_FUZZ_SEED ? `, seed ${env.AZL_FUZZ_SEED}` : ''}`);
const run = spawnSync('npx', ['vitest', 'run', '--config', 'vitest.fuzz.config.ts', ...rest], { stdio: 'inherit', env });
process.exit(run.status ?? 1);
