/** Test helpers: the built resolver and XML modules and fixture rpm-md files, read from disk in Node. */
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { Resolver, type ResolverOptions } from '../../src/lib/resolve/resolver.ts';
import { inThreadConverter } from '../../src/lib/resolve/parts.ts';

/** The project root. */
export const ROOT = resolve(import.meta.dirname, '../..');
/** The shared reference folder beside the project. */
export const SHARED = resolve(ROOT, '../shared');
/** Fixture rpm-md repositories. */
export const REPODATA = join(SHARED, 'fixtures/repodata');

const compiled = new Map<string, Promise<WebAssembly.Module>>();

function compiledModule(file: string): Promise<WebAssembly.Module> {
  const path = join(ROOT, 'wasm/dist', file);
  if (!existsSync(path)) throw new Error(`${path} is missing: run npm run build:wasm`);
  let module = compiled.get(file);
  if (!module) compiled.set(file, (module = WebAssembly.compile(readFileSync(path))));
  return module;
}

/** The compiled resolver module (wasm/dist/resolver.wasm; run `npm run build:wasm` first). */
export function resolverModule(): Promise<WebAssembly.Module> {
  return compiledModule('resolver.wasm');
}

/** The compiled XML module (wasm/dist/rpmmd.wasm: rpm-md → .solv). */
export function rpmmdModule(): Promise<WebAssembly.Module> {
  return compiledModule('rpmmd.wasm');
}

/** A resolver for ARCH that loads rpmmd.wasm from disk on its first XML load, as the CLI's does. */
export async function createResolver(arch = 'x86_64', options: ResolverOptions = {}): Promise<Resolver> {
  return Resolver.create(await resolverModule(), arch, { xmlModule: rpmmdModule, ...options });
}

/** Reads a repo directory's repomd.xml and returns the decompressed primary (and filelists) named there. */
export function readRepoDir(dir: string, withFilelists = false): { primary: Uint8Array; filelists?: Uint8Array } {
  const repodata = existsSync(join(dir, 'repodata')) ? join(dir, 'repodata') : dir;
  const repomd = readFileSync(join(repodata, 'repomd.xml'), 'utf8');
  const href = (type: string) => new RegExp(`<data type="${type}">[\\s\\S]*?<location href="([^"]+)"`).exec(repomd)?.[1];
  const read = (h: string) => {
    const bytes = readFileSync(join(repodata, h.replace(/^repodata\//, '')));
    return h.endsWith('.gz') ? new Uint8Array(gunzipSync(bytes)) : new Uint8Array(bytes);
  };
  const primary = href('primary');
  if (!primary) throw new Error(`${dir}: repomd has no primary`);
  const fl = href('filelists');
  return withFilelists && fl ? { primary: read(primary), filelists: read(fl) } : { primary: read(primary) };
}

/** Parts the oracle tests load fixtures in: small, so every fixture is split into many and the app's parallel path is what they check. */
const ORACLE_PART_BYTES = 256 * 1024;

/**
 * A resolver with the given fixture repositories loaded (ids repo1, repo2, … like the oracle),
 * primary.xml parsed in parts by two converters as the app's parse workers do (the parts' .solv is
 * the whole file's, test/unit/resolve/parts.test.ts).
 */
export async function resolverWith(dirs: string[], arch = 'x86_64'): Promise<Resolver> {
  const resolver = await createResolver(arch);
  const xml = await rpmmdModule();
  const open = () => ({ converters: [inThreadConverter(xml), inThreadConverter(xml)], close: () => undefined });
  for (const [i, dir] of dirs.entries()) {
    const loaded = await resolver.loadRpmmdInParts({ id: `repo${i + 1}` }, readRepoDir(dir), open, ORACLE_PART_BYTES);
    if (!loaded.ok) throw new Error(loaded.message);
  }
  return resolver;
}

/** Lists the fixture repositories that have libsolv-expected outputs. */
export function fixtureRepoDirs(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const full = join(dir, entry.name);
      if (entry.name === 'libsolv-expected') out.push(dir);
      else if (entry.name !== 'repodata') walk(full);
    }
  };
  walk(REPODATA);
  return out.sort();
}

/** The comps of a fixture repository directory, parsed with the app's comps parser. */
export async function readRepoComps(dir: string): Promise<import('../../src/lib/repo/comps.ts').CompsModel | undefined> {
  const { parseComps } = await import('../../src/lib/repo/comps.ts');
  const repodata = existsSync(join(dir, 'repodata')) ? join(dir, 'repodata') : dir;
  const repomd = readFileSync(join(repodata, 'repomd.xml'), 'utf8');
  for (const type of ['group', 'group_gz']) {
    const href = new RegExp(`<data type="${type}">[\\s\\S]*?<location href="([^"]+)"`).exec(repomd)?.[1];
    if (!href) continue;
    const path = join(repodata, href.replace(/^repodata\//, ''));
    if (!existsSync(path)) continue;
    const bytes = readFileSync(path);
    const parsed = parseComps((href.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8'), href);
    if (!parsed.ok) throw new Error(parsed.error.message);
    return parsed.value;
  }
  return undefined;
}
