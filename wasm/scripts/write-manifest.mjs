#!/usr/bin/env node
// Writes wasm/dist/manifest.json: what the resolver module was built from and with, so the app can
// check it and anyone can reproduce it. Deterministic for the same inputs (no build timestamp).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { basename, join } from 'node:path';

const args = { source: [], artifact: [] };
for (let i = 2; i < process.argv.length; i += 2) {
  const key = process.argv[i].replace(/^--/, '').replace(/-([a-z])/g, (_, c) => c.toUpperCase());
  const value = process.argv[i + 1];
  if (Array.isArray(args[key])) args[key].push(value);
  else args[key] = value;
}

const sha256 = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');
const abi = Number(/AZL_ABI_VERSION\s+(\d+)/.exec(readFileSync(args.abi, 'utf8'))[1]);
const lock = Object.fromEntries(
  readFileSync(args.lock, 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => l.trim().split(/\s+/)).map(([name, upstream, sha]) => [name, { upstream, sha }]),
);

const sources = args.source.map((spec) => {
  const [name, revision, tree] = spec.split('=');
  const patchDir = join(tree, 'debian', 'patches');
  const series = existsSync(join(patchDir, 'series'))
    ? readFileSync(join(patchDir, 'series'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))
    : [];
  return {
    name,
    upstreamVersion: lock[name].upstream,
    debianVersion: revision,
    origTarballSha256: lock[name].sha,
    patches: series.map((p) => ({ name: p, sha256: sha256(join(patchDir, p.split(/\s+/)[0])) })),
  };
});

const manifest = {
  name: 'azl-resolver',
  abiVersion: abi,
  libsolvVersion: lock.libsolv.upstream,
  sources,
  toolchain: { clang: args.clang, wasiLibc: args.wasiLibc },
  flags: args.flags,
  artifacts: Object.fromEntries(args.artifact.map((p) => [basename(p), { bytes: readFileSync(p).length, sha256: sha256(p) }])),
};
writeFileSync(args.out, JSON.stringify(manifest, null, 2) + '\n');
