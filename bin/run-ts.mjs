#!/usr/bin/env node
// Runs a TypeScript entry point of this repository with tsx, so the CLI and the bench use the same
// sources as the browser build without a separate compile step.
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

register();
const [entry, ...rest] = process.argv.slice(2);
process.argv = [process.argv[0], entry, ...rest];
await import(pathToFileURL(resolve(entry)).href);
