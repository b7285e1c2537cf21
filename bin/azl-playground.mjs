#!/usr/bin/env node
// The azl-playground command: the same src/lib and wasm as the browser. Runs the compiled bundle
// (dist-cli, `npm run build:cli`) when it is up to date, else the sources through tsx.
import { bundleIsFresh, BUNDLE } from './cli-bundle.mjs';
import { pathToFileURL } from 'node:url';

let main;
if (bundleIsFresh()) main = pathToFileURL(BUNDLE).href;
else {
  const { register } = await import('tsx/esm/api');
  register();
  main = new URL('../src/cli/main.ts', import.meta.url).href;
}
const { runCli } = await import(main);
process.exitCode = await runCli(process.argv.slice(2), { cwd: process.cwd() });
