/** The list of repositories shipped with the app (`public/repos/index.json`); the page reads it without the loaders. */
import { fail, ok, type RepoResult } from './errors.ts';
import { fetchBytes } from './fetch-bytes.ts';
import type { FetchRepoOptions } from './url-source.ts';

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
