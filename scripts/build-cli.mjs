#!/usr/bin/env node
// Builds dist-cli (the CLI as one Node bundle) with vite.cli.config.ts; --if-stale skips an up-to-date bundle.
import { bundleIsFresh, ROOT } from '../bin/cli-bundle.mjs';
import { join } from 'node:path';

if (!(process.argv.includes('--if-stale') && bundleIsFresh())) {
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'vite.cli.config.ts'), root: ROOT });
}
