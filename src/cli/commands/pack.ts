/** `azl-playground pack`: write metadata packs — repositories as the browser loads them without parsing XML. */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { makePack } from '../../lib/project/pack.ts';
import { verifyChecksum, type LoadedRepoFiles, type RepomdData } from '../../lib/repo/index.ts';
import { Resolver } from '../../lib/resolve/resolver.ts';
import type { CliCommand, CliIo } from '../io.ts';
import { loadRepoArgument } from '../repo-source.ts';
import { createCliResolver } from '../wasm-module.ts';

const USAGE = `usage: azl-playground pack --repo [ID=]DIR|URL [--repo …] --out DIR [--no-filelists] [--provenance FILE]
Writes one pack per repository into DIR/ID/ (repo.solv.gz: the pool libsolv writes for it,
search.json.gz, comps.json, repomd.json, PROVENANCE.md, the repository's filelists unless
--no-filelists, and pack.json with the sha256 of every file) and lists them in DIR/index.json. Serve DIR beside your
pages and load a pack with pack:<URL of DIR/ID/> (repo= links, project repository URLs).
--provenance FILE appends FILE (licence, origin of the data) to every pack's PROVENANCE.md.`;

function fail(io: CliIo, message: string): number {
  io.stderr(`azl-playground pack: ${message}\n`);
  return 1;
}

/** `ID=LOCATION` or LOCATION with an id made from its last path segment. */
function splitRepoArg(arg: string): { id: string; location: string } {
  const explicit = /^([A-Za-z0-9][A-Za-z0-9_.-]*)=(.+)$/.exec(arg);
  if (explicit && !/^[a-z]+:\/\//.test(arg)) return { id: explicit[1] as string, location: explicit[2] as string };
  const base = arg.replace(/[?#].*$/, '').replace(/\/+$/, '').replace(/\/repodata$/, '').split('/').pop() || 'repo';
  return { id: base.replace(/[^A-Za-z0-9._-]/g, '_'), location: arg };
}

/** The repository's filelists file as served (compressed), verified against repomd.xml; undefined for archives. */
async function rawFilelists(location: string, cwd: string, files: LoadedRepoFiles): Promise<{ entry: RepomdData; bytes: Uint8Array } | string | undefined> {
  const entry = files.info.repomd.data['filelists'];
  if (!entry) return undefined;
  let bytes: Uint8Array;
  if (/^https?:\/\//.test(location)) {
    const response = await fetch(new URL(entry.href, files.info.baseUrl ?? location.replace(/\/?$/, '/')));
    if (!response.ok) return `${entry.href}: HTTP ${response.status}`;
    bytes = new Uint8Array(await response.arrayBuffer());
  } else {
    const path = resolve(cwd, location);
    if (!(await stat(path)).isDirectory()) return undefined;
    const root = existsSync(join(path, 'repodata', 'repomd.xml')) ? path : dirname(path);
    bytes = new Uint8Array(await readFile(join(root, entry.href)));
  }
  const verified = await verifyChecksum(entry.href, bytes, entry.checksum, 'compressed');
  return verified.ok ? { entry, bytes } : verified.error.message;
}

/** Runs `pack`. */
export const runPackCommand: CliCommand = async (args, io) => {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        repo: { type: 'string', multiple: true, default: [] },
        out: { type: 'string' },
        'no-filelists': { type: 'boolean', default: false },
        provenance: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    return fail(io, `${(error as Error).message}\n${USAGE}`);
  }
  const o = parsed.values;
  if (o.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (o.repo.length === 0 || !o.out) return fail(io, `give at least one --repo and --out\n${USAGE}`);
  const out = resolve(io.cwd, o.out);
  let provenance: string | undefined;
  if (o.provenance) {
    try {
      provenance = await readFile(resolve(io.cwd, o.provenance), 'utf8');
    } catch (error) {
      return fail(io, `cannot read --provenance ${o.provenance}: ${(error as Error).message}`);
    }
  }
  let resolver: Resolver;
  try {
    resolver = await createCliResolver();
  } catch (error) {
    return fail(io, (error as Error).message);
  }

  const indexPath = join(out, 'index.json');
  const listed = existsSync(indexPath) ? ((JSON.parse(await readFile(indexPath, 'utf8')) as { packs?: { id: string; label: string; path: string }[] }).packs ?? []) : [];
  const ids = new Set<string>();
  for (const arg of o.repo) {
    const { id, location } = splitRepoArg(arg);
    if (ids.has(id)) return fail(io, `two --repo arguments make the pack id ${id}; name them with ID=…`);
    ids.add(id);
    const files = await loadRepoArgument(location, io.cwd);
    if (!files.ok) return fail(io, `${arg}: ${files.error.message} (${files.error.hint})`);
    const filelists = o['no-filelists'] ? undefined : await rawFilelists(location, io.cwd, files.value);
    if (typeof filelists === 'string') return fail(io, `${arg}: the filelists could not be kept (${filelists}); give --no-filelists to leave them out`);
    const source = /^https?:\/\//.test(location) ? location : relative(io.cwd, resolve(io.cwd, location)) || '.';
    const rebuild = `npm run cli -- pack --repo ${id}=${source} --out ${o.out}${o['no-filelists'] ? ' --no-filelists' : ''}${o.provenance ? ` --provenance ${o.provenance}` : ''}`;
    const made = await makePack(resolver, { id, source, files: files.value, rebuild, ...(filelists ? { filelists } : {}), ...(provenance ? { provenance } : {}) });
    if (!made.ok) return fail(io, `${arg}: ${made.error}`);
    const dir = join(out, id);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    let bytes = 0;
    for (const [name, data] of made.value) {
      await writeFile(join(dir, name), data);
      bytes += data.length;
    }
    const entry = { id, label: files.value.info.label, path: `${id}/` };
    const at = listed.findIndex((p) => p.id === id);
    if (at >= 0) listed[at] = entry;
    else listed.push(entry);
    io.stdout(`${id}: ${made.value.size} files, ${bytes} bytes in ${relative(io.cwd, dir) || dir}\n`);
  }
  listed.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  await writeFile(indexPath, `${JSON.stringify({ packs: listed }, null, 1)}\n`);
  return 0;
};
