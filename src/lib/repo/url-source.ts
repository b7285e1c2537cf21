/** Loading a repository over HTTP: a baseurl, or a metalink/mirrorlist that names mirrors. */
import { fail, ok, type RepoResult } from './errors.ts';
import { parseRepoIdentity, urlIdentity } from './identity.ts';
import { fetchBytes, type FetchLike } from './fetch-bytes.ts';
import { loadRepoFiles, type LoadRepoContext } from './load-repo.ts';
import { expandRepoVars, parseMetalink, parseMirrorlist, repoRootOf, type RepoVars } from './mirrors.ts';
import type { Checksum } from './repomd.ts';
import type { LoadedRepoFiles, RepoFileReader, RepoLoadProgress } from './types.ts';

/** A repository on the network, as a .repo file would name it. */
export interface UrlRepoSource {
  url: string;
  /** What `url` is; guessed from the URL (`metalink`/`mirrorlist` in it) when absent. */
  kind?: 'baseurl' | 'metalink' | 'mirrorlist';
  /** Values for `$releasever`, `$basearch`, … */
  vars?: RepoVars;
  label?: string;
}

/** Network plumbing for a load: injected fetch, cancel, progress, the page origin (for CORS messages). */
export interface FetchRepoOptions {
  fetch: FetchLike;
  signal?: AbortSignal;
  onProgress?: (progress: RepoLoadProgress) => void;
  appOrigin?: string;
  now?: () => number;
  /** How many mirrors of a metalink/mirrorlist to try before giving up; default 3. */
  maxMirrors?: number;
  /** The decompressed bytes of the download of URL that gave STORED, if they were decompressed as it arrived (RepoFileReader.opened). */
  opened?: (url: string, stored: Uint8Array) => Promise<Uint8Array | undefined>;
}

/** A RepoFileReader over HTTP(S), resolving repomd hrefs against `baseUrl`. */
export function createUrlReader(baseUrl: string, options: FetchRepoOptions): RepoFileReader {
  const opened = options.opened;
  return {
    ...(opened ? { opened: (href: string, stored: Uint8Array) => opened(new URL(href, baseUrl).href, stored) } : {}),
    async read(href, onProgress, expectedSize, maxBytes) {
      const url = new URL(href, baseUrl).href;
      const fetched = await fetchBytes(url, {
        fetch: options.fetch,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(onProgress ? { onProgress } : {}),
        ...(expectedSize !== undefined ? { expectedSize } : {}),
        ...(maxBytes !== undefined ? { maxBytes } : {}),
        ...(options.appOrigin ? { appOrigin: options.appOrigin } : {}),
      });
      return fetched.ok ? ok(fetched.value.bytes) : fetched;
    },
  };
}

function guessKind(url: string): 'baseurl' | 'metalink' | 'mirrorlist' {
  if (/metalink/i.test(url)) return 'metalink';
  if (/mirrorlist/i.test(url)) return 'mirrorlist';
  return 'baseurl';
}

function validUrl(url: string): RepoResult<string> {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http');
    return ok(parsed.href);
  } catch {
    return fail('repo/bad-url', `"${url}" is not an http(s) URL.`, 'Give a full address such as https://mirror.example/fedora/releases/41/Everything/x86_64/os/.');
  }
}

/** The URL a `url:` identity names (the identity itself for any other kind). */
function urlOfIdentity(identity: string): string {
  const parsed = parseRepoIdentity(identity);
  return parsed?.kind === 'url' ? parsed.url : identity;
}

function contextFor(source: UrlRepoSource, identity: string, baseUrl: string, options: FetchRepoOptions, mirrorSource?: string): LoadRepoContext {
  const ctx: LoadRepoContext = { source: 'url', label: source.label ?? urlOfIdentity(identity), identity, baseUrl };
  if (mirrorSource) ctx.mirrorSource = mirrorSource;
  if (options.onProgress) ctx.onProgress = options.onProgress;
  if (options.now) ctx.now = options.now;
  return ctx;
}

async function tryMirrors(
  roots: string[],
  source: UrlRepoSource,
  identity: string,
  listUrl: string,
  options: FetchRepoOptions,
  repomdChecksums: Checksum[],
): Promise<RepoResult<LoadedRepoFiles>> {
  const limit = Math.max(1, options.maxMirrors ?? 3);
  let last: RepoResult<LoadedRepoFiles> | undefined;
  for (const root of roots.slice(0, limit)) {
    const ctx = contextFor(source, identity, root, options, listUrl);
    if (repomdChecksums.length) ctx.repomdChecksums = repomdChecksums;
    const loaded = await loadRepoFiles(createUrlReader(root, options), ctx);
    if (loaded.ok) {
      loaded.value.notes.push(`Mirror used: ${root}`);
      return loaded;
    }
    if (loaded.error.code === 'repo/cancelled') return loaded;
    last = loaded;
  }
  if (last && !last.ok && roots.length > 1) {
    const tried = Math.min(limit, roots.length);
    return fail(last.error.code, `${last.error.message} (${tried} mirror${tried > 1 ? 's' : ''} tried; this was the last.)`, last.error.hint);
  }
  return last as RepoResult<LoadedRepoFiles>;
}

/** Fetches, verifies and decompresses a repository from a baseurl, metalink or mirrorlist. */
export async function fetchRepo(source: UrlRepoSource, options: FetchRepoOptions): Promise<RepoResult<LoadedRepoFiles>> {
  const expanded = expandRepoVars(source.url.trim(), source.vars ?? {});
  if (!expanded.ok) return expanded;
  const checked = validUrl(expanded.value);
  if (!checked.ok) return checked;
  const url = checked.value;
  const kind = source.kind ?? guessKind(url);
  if (kind === 'baseurl') {
    const root = repoRootOf(url);
    const identity = urlIdentity(root);
    return loadRepoFiles(createUrlReader(root, options), contextFor(source, identity, root, options));
  }
  const list = await fetchBytes(url, {
    fetch: options.fetch,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.appOrigin ? { appOrigin: options.appOrigin } : {}),
  });
  if (!list.ok) return list;
  const text = new TextDecoder().decode(list.value.bytes);
  const identity = urlIdentity(url);
  if (kind === 'metalink') {
    const metalink = parseMetalink(text, url);
    if (!metalink.ok) return metalink;
    return tryMirrors(metalink.value.urls.map(repoRootOf), source, identity, url, options, metalink.value.repomdChecksums);
  }
  const mirrors = parseMirrorlist(text, url);
  if (!mirrors.ok) return mirrors;
  return tryMirrors(mirrors.value.map(repoRootOf), source, identity, url, options, []);
}
