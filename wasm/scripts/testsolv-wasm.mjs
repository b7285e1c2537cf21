#!/usr/bin/env node
// Runs wasm/dist/testsolv.wasm on one libsolv testcase file with browser_wasi_shim, like the native
// testsolv would: `testsolv-wasm.mjs [-r] FILE.t` exits 0 (passed), 77 (skipped) or non-zero (failed);
// with -r it prints the results instead of checking them. libsolv's test/runtestcases.sh drives it as
// its <cmd>.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WASI, File, Directory, OpenFile, ConsoleStdout, PreopenDirectory } from '@bjorn3/browser_wasi_shim';

const here = dirname(fileURLToPath(import.meta.url));
const flags = process.argv.slice(2, -1).filter((a) => a === '-r');
const testcase = resolve(process.argv[process.argv.length - 1]);
const dir = dirname(testcase);

// the testcase's directory tree, read-only, preopened as /tc (testcases name sibling files)
function tree(path) {
  const entries = new Map();
  for (const name of readdirSync(path)) {
    const full = join(path, name);
    entries.set(name, statSync(full).isDirectory() ? new Directory(tree(full)) : new File(readFileSync(full), { readonly: true }));
  }
  return entries;
}

const out = [];
const fds = [
  new OpenFile(new File(new Uint8Array(0))),
  new ConsoleStdout((chunk) => out.push(Buffer.from(chunk))),
  new ConsoleStdout((chunk) => process.stderr.write(chunk)),
  new PreopenDirectory('/tc', tree(dir)),
];
const wasi = new WASI(['testsolv', ...flags, `/tc/${relative(dir, testcase)}`], [], fds, { debug: false });
const module = await WebAssembly.compile(readFileSync(join(here, '../dist/testsolv.wasm')));
const instance = await WebAssembly.instantiate(module, { wasi_snapshot_preview1: wasi.wasiImport });
let code;
try {
  code = wasi.start(instance);
} catch (err) {
  process.stderr.write(`testsolv-wasm: ${err}\n`);
  code = 134;
}
process.stdout.write(Buffer.concat(out));
process.exitCode = code;
