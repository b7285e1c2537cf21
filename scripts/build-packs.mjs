#!/usr/bin/env node
// Builds the metadata packs of the bundled repositories into public/packs/ with `azl-playground pack`,
// so the app's first open parses no XML. Run by the Vite build (vite.config.ts) and `npm run build:packs`;
// the packs are build output (gitignored). Skipped when the inputs (each bundle's repomd.xml, the
// resolver module, the pack code) are unchanged since the last run; --force builds anyway.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { register } from 'tsx/esm/api';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'public/packs');
const stampFile = join(out, '.inputs');
const wasm = join(root, 'wasm/dist/resolver.wasm');
if (!existsSync(wasm)) {
  console.error(`build-packs: ${wasm} is missing: run npm run build:wasm first`);
  process.exit(1);
}
const bundles = JSON.parse(readFileSync(join(root, 'public/repos/index.json'), 'utf8')).repos;

const hash = createHash('sha256');
hash.update(readFileSync(wasm));
for (const dir of ['src/lib/project/pack.ts', 'src/lib/repo/pack-format.ts', 'src/cli/commands/pack.ts', 'src/lib/repo/search-index.ts']) hash.update(readFileSync(join(root, dir)));
for (const b of bundles) {
  hash.update(`${b.id}\0${b.path}\0`);
  hash.update(readFileSync(join(root, 'public/repos', b.path, 'repodata/repomd.xml')));
  if (b.provenance) hash.update(readFileSync(join(root, 'public/repos', b.provenance)));
}
const inputs = hash.digest('hex');
if (!process.argv.includes('--force') && existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === inputs) {
  console.log('build-packs: public/packs is up to date');
  process.exit(0);
}

register();
const { runCli } = await import(new URL('../src/cli/main.ts', import.meta.url).href);
rmSync(out, { recursive: true, force: true });
const t0 = performance.now();
for (const b of bundles) {
  const args = ['pack', '--repo', `${b.id}=public/repos/${b.path}`, '--out', 'public/packs', ...(b.provenance ? ['--provenance', `public/repos/${b.provenance}`] : [])];
  const code = await runCli(args, { cwd: root });
  if (code !== 0) {
    console.error(`build-packs: azl-playground ${args.join(' ')} failed (exit ${code})`);
    process.exit(code);
  }
}
writeFileSync(stampFile, `${inputs}\n`);
const files = readdirSync(out).length - 2;
console.log(`build-packs: ${bundles.length} packs (${files} folders) in public/packs in ${Math.round(performance.now() - t0)} ms`);
