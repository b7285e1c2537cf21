/** Repositories shipped with the app under `public/repos/`, read relative to the app's base URL. */
import { fail, type RepoResult } from './errors.ts';
import { bundleIdentity } from './identity.ts';
import { fetchBytes } from './fetch-bytes.ts';
import { loadRepoFiles } from './load-repo.ts';
import type { LoadedRepoFiles } from './types.ts';
import { createUrlReader } from './url-source.ts';
import { loadPack, type LoadedPack, type PackContext } from './pack-source.ts';
import { listBundledRepos, type BundleOptions } from './bundle-list.ts';

export { listBundledRepos, type BundledRepoEntry, type BundleOptions } from './bundle-list.ts';

/** Where the build writes the bundled repositories' metadata packs, relative to the app root (`npm run build:packs`). */
export const BUNDLED_PACKS_DIR = 'packs/';

/**
 * The metadata pack built for bundled repository ID (`packs/index.json` lists them), verified like
 * any pack; undefined when the build made none (a dev server without `npm run build:packs`), and
 * the caller reads the repository's XML instead.
 */
export async function loadBundledPack(id: string, options: BundleOptions & Pick<PackContext, 'abiVersion' | 'readableAbiVersions'>): Promise<RepoResult<LoadedPack> | undefined> {
  const indexUrl = new URL(`${BUNDLED_PACKS_DIR}index.json`, options.appBaseUrl).href;
  // the bundle's listing (its label and URL) is read alongside the pack index
  const [fetched, listed] = await Promise.all([fetchBytes(indexUrl, { fetch: options.fetch, ...(options.signal ? { signal: options.signal } : {}) }), listBundledRepos(options)]);
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
  const bundle = listed.ok ? listed.value.find((r) => r.id === id) : undefined;
  const baseUrl = bundle ? new URL(`repos/${bundle.path.replace(/\/?$/, '/')}`, options.appBaseUrl).href : undefined;
  return loadPack(new URL(`${BUNDLED_PACKS_DIR}${entry.path as string}`, options.appBaseUrl).href, { identity: bundleIdentity(id), source: 'bundle', abiVersion: options.abiVersion, ...(options.readableAbiVersions ? { readableAbiVersions: options.readableAbiVersions } : {}), ...(bundle ? { label: bundle.name } : {}), ...(baseUrl ? { baseUrl } : {}) }, options);
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
