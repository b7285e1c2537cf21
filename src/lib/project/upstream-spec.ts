/**
 * The Fedora spec an overlay applies to: fetched from dist-git at the component's resolved commit
 * through a configurable URL template, kept in IndexedDB once fetched at a commit (which never
 * changes), or taken from a file the user drops when the server will not answer a web page.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ResolvedComponent } from '../config/index.ts';

/** Fedora's dist-git: the raw spec of `rpms/<name>` at a commit or branch. */
export const DEFAULT_DIST_GIT_TEMPLATE = 'https://src.fedoraproject.org/rpms/{name}/raw/{ref}/f/{name}.spec';

/** Name of the database this module owns. */
export const UPSTREAM_SPEC_DB_NAME = 'azl-playground-upstream-specs';
const DB_VERSION = 1;
const FULL_COMMIT = /^[0-9a-f]{40}$/i;

/** Where a component's upstream spec is fetched from, and at which ref. */
export type UpstreamSpecLocation = { ok: true; url: string; ref: string; pinned: boolean } | { ok: false; message: string };

/**
 * TEMPLATE filled in for COMPONENT: `{name}` is its dist-git name, `{ref}` the commit azldev
 * resolved (lock file or pin) or, without one, the distro version's branch, `{commit}` the commit only.
 */
export function upstreamSpecLocation(template: string, component: ResolvedComponent): UpstreamSpecLocation {
  const upstream = component.upstream;
  if (!upstream) return { ok: false, message: `${component.name} has no upstream spec: its spec is local` };
  const ref = upstream.commit ?? upstream.distGitBranch;
  if (!ref) return { ok: false, message: `${component.name}: neither a commit (lock file or pin) nor a dist-git branch is known, so there is no ref to fetch` };
  if (template.includes('{commit}') && !upstream.commit) return { ok: false, message: `${component.name} has no resolved commit (no lock file or pin), and the URL template asks for {commit}` };
  const url = template.replaceAll('{name}', encodeURIComponent(upstream.upstreamName)).replaceAll('{ref}', encodeURIComponent(ref)).replaceAll('{commit}', encodeURIComponent(upstream.commit ?? ''));
  return { ok: true, url, ref, pinned: upstream.commit !== undefined };
}

/** A fetched spec, or why there is none. */
export type FetchedSpec =
  | { ok: true; text: string; url: string; cached: boolean }
  | { ok: false; kind: 'cors' | 'http' | 'not-a-spec'; message: string };

/** Upstream specs kept by URL; only specs fetched at a full commit are kept, since those never change. */
export interface UpstreamSpecCache {
  get(url: string): Promise<string | undefined>;
  put(url: string, text: string): Promise<void>;
  close(): void;
}

interface SpecSchema extends DBSchema {
  specs: { key: string; value: { url: string; text: string; fetchedAt: number } };
}

/** Opens the cache; undefined where IndexedDB is missing or refused (fetches then simply repeat). */
export async function openUpstreamSpecCache(options: { dbName?: string } = {}): Promise<UpstreamSpecCache | undefined> {
  let db: IDBPDatabase<SpecSchema>;
  try {
    db = await openDB<SpecSchema>(options.dbName ?? UPSTREAM_SPEC_DB_NAME, DB_VERSION, {
      upgrade(database) {
        database.createObjectStore('specs', { keyPath: 'url' });
      },
    });
  } catch {
    return undefined;
  }
  return {
    async get(url) {
      return (await db.get('specs', url))?.text;
    },
    async put(url, text) {
      await db.put('specs', { url, text, fetchedAt: Date.now() });
    },
    close: () => db.close(),
  };
}

/** Fetches LOCATION's spec (from CACHE when it was fetched at that commit before). */
export async function fetchUpstreamSpec(location: Extract<UpstreamSpecLocation, { ok: true }>, options: { fetch?: typeof fetch; cache?: UpstreamSpecCache | undefined } = {}): Promise<FetchedSpec> {
  const keep = location.pinned && FULL_COMMIT.test(location.ref);
  const cached = keep ? await options.cache?.get(location.url) : undefined;
  if (cached !== undefined) return { ok: true, text: cached, url: location.url, cached: true };
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(location.url);
  } catch {
    // A page cannot tell a refused cross-origin read from an unreachable host: both are a TypeError.
    return {
      ok: false,
      kind: 'cors',
      message: `${location.url} could not be read from this page: the server sends no CORS header (Access-Control-Allow-Origin), so the browser withholds its answer, or it cannot be reached. Download the spec yourself and drop it here.`,
    };
  }
  if (!response.ok) return { ok: false, kind: 'http', message: `${location.url}: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}` };
  const text = await response.text();
  if (!/^\s*Name\s*:/im.test(text)) return { ok: false, kind: 'not-a-spec', message: `${location.url} answered, but not with a spec file (no Name: tag); check the URL template` };
  if (keep) await options.cache?.put(location.url, text);
  return { ok: true, text, url: location.url, cached: false };
}
