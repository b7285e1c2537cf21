/** Repositories shipped with the app under `public/repos/`, read relative to the app's base URL. */
import { fail, ok, type RepoResult } from './errors.ts';
import { bundleIdentity } from './identity.ts';
import { fetchBytes } from './fetch-bytes.ts';
import { loadRepoFiles } from './load-repo.ts';
import type { LoadedRepoFiles } from './types.ts';
import { createUrlReader, type FetchRepoOptions } from './url-source.ts';
import { loadPack, type LoadedPack } from './pack-source.ts';

/** Where the build writes the bundled repositories' metadata packs, relative to the app root (`npm run build:packs`). */
export const BUNDLED_PACKS_DIR = 'packs/';

/** One entry of `public/repos/index.json`. */
export interface BundledRepoEntry {
  id: string;
  name: string;
  /** Repository root relative to `repos/`, e.g. `centos-stream-9-baseos-2022/`. */
  path: string;
  description: string;
  packageCount: number;
  /** Path of the provenance note relative to `repos/`. */
  provenance?: string;
}

/** Bundle loading: the network options plus the app's base URL (Vite's BASE_URL resolved against the page). */
export interface BundleOptions extends FetchRepoOptions {
  /** Absolute URL of the app root, ending in `/`, e.g. `https://example.org/azl-playground/`. */
  appBaseUrl: string;
}

function isEntry(value: unknown): value is BundledRepoEntry {
  const v = value as Partial<BundledRepoEntry> | null;
  return !!v && typeof v.id === 'string' && typeof v.name === 'string' && typeof v.path === 'string' && typeof v.description === 'string' && typeof v.packageCount === 'number';
}

/** Reads `repos/index.json`, the list of bundled repositories. */
export async function listBundledRepos(options: BundleOptions): Promise<RepoResult<BundledRepoEntry[]>> {
  const url = new URL('repos/index.json', options.appBaseUrl).href;
  const fetched = await fetchBytes(url, { fetch: options.fetch, ...(options.signal ? { signal: options.signal } : {}) });
  if (!fetched.ok) return fetched;
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(fetched.value.bytes));
  } catch {
    return fail('repo/bad-bundle-index', `${url} is not valid JSON.`, 'The app was deployed incompletely; rebuild and redeploy it.');
  }
  const repos = (parsed as { repos?: unknown }).repos;
  if (!Array.isArray(repos) || !repos.every(isEntry)) {
    return fail('repo/bad-bundle-index', `${url} does not list repositories in the expected form.`, 'The app was deployed incompletely; rebuild and redeploy it.');
  }
  return ok(repos);
}

/**
 * The metadata pack built for bundled repository ID (`packs/index.json` lists them), verified like
 * any pack; undefined when the build made none (a dev server without `npm run build:packs`), and
 * the caller reads the repository's XML instead.
 */
export async function loadBundledPack(id: string, options: BundleOptions & { abiVersion: number }): Promise<RepoResult<LoadedPack> | undefined> {
  const indexUrl = new URL(`${BUNDLED_PACKS_DIR}index.json`, options.appBaseUrl).href;
  const fetched = await fetchBytes(indexUrl, { fetch: options.fetch, ...(options.signal ? { signal: options.signal } : {}) });
  if (!fetched.ok) return undefined;
  let packs: unknown;
  try {
    packs = (JSON.parse(new TextDecoder().decode(fetched.value.bytes)) as { packs?: unknown }).packs;
  } catch {
    // a server that answers every path with the app's page (an SPA fallback) sends HTML here
    return undefined;
  }
  const entry = Array.isArray(packs) ? (packs as { id?: unknown; path?: unknown }[]).find((p) => p.id === id && typeof p.path === 'string') : undefined;
  if (!entry) return undefined;
  const listed = await listBundledRepos(options);
  const bundle = listed.ok ? listed.value.find((r) => r.id === id) : undefined;
  const baseUrl = bundle ? new URL(`repos/${bundle.path.replace(/\/?$/, '/')}`, options.appBaseUrl).href : undefined;
  return loadPack(new URL(`${BUNDLED_PACKS_DIR}${entry.path as string}`, options.appBaseUrl).href, { identity: bundleIdentity(id), source: 'bundle', abiVersion: options.abiVersion, ...(bundle ? { label: bundle.name } : {}), ...(baseUrl ? { baseUrl } : {}) }, options);
}

/** Loads one bundled repository by id (see `listBundledRepos`), verified exactly like a network repository. */
export async function loadBundledRepo(id: string, options: BundleOptions): Promise<RepoResult<LoadedRepoFiles>> {
  const listed = await listBundledRepos(options);
  if (!listed.ok) return listed;
  const entry = listed.value.find((r) => r.id === id);
  if (!entry) {
    return fail('repo/unknown-bundle', `No bundled repository has the id "${id}".`, `Bundled repositories: ${listed.value.map((r) => r.id).join(', ')}.`);
  }
  const root = new URL(`repos/${entry.path.replace(/\/?$/, '/')}`, options.appBaseUrl).href;
  const ctx = { source: 'bundle' as const, label: entry.name, identity: bundleIdentity(entry.id), baseUrl: root, ...(options.onProgress ? { onProgress: options.onProgress } : {}), ...(options.now ? { now: options.now } : {}) };
  return loadRepoFiles(createUrlReader(root, options), ctx);
}
