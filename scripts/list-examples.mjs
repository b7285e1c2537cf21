#!/usr/bin/env node
// Writes public/examples/index.json: the example projects and their files, so the static app can
// fetch a project without a directory listing. `--check` exits 1 when the committed file is stale.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../public/examples/', import.meta.url));
const NAMES = { demo: 'Azure Linux style demo (overlays, KIWI, kickstart)' };

function files(dir) {
  return readdirSync(dir).sort().flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [relative(root, full).split('/').slice(1).join('/')];
  });
}

const projects = readdirSync(root)
  .filter((d) => statSync(join(root, d)).isDirectory())
  .sort()
  .map((id) => ({ id, name: NAMES[id] ?? id, path: `${id}/`, files: files(join(root, id)) }));
const text = `${JSON.stringify({ schemaVersion: 1, projects }, null, 2)}\n`;
const target = join(root, 'index.json');
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {}
  if (current !== text) {
    console.error('public/examples/index.json is out of date: run node scripts/list-examples.mjs');
    process.exit(1);
  }
} else writeFileSync(target, text);
