#!/usr/bin/env node
// The azl-playground command: the same src/lib and wasm as the browser, run by Node through tsx.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';

register();
const main = new URL('../src/cli/main.ts', import.meta.url);
const { runCli } = await import(main.href);
process.exitCode = await runCli(process.argv.slice(2), { cwd: process.cwd(), binDir: fileURLToPath(new URL('.', import.meta.url)) });
