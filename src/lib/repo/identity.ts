/**
 * Repository identities: the one place that writes and reads them.
 *
 * An identity names a repository's metadata independently of the pool id it is loaded under, and
 * keys the cache: `bundle:<id>` (shipped with the app), `url:<repository root>` (a baseurl, or the
 * metalink/mirrorlist URL the root was chosen from), `pack:<pack folder URL>` (a metadata pack) and
 * `local:<sha256 of repomd.xml>` (dropped files). Configured repository URLs use the same
 * `bundle:<id>` and `pack:<URL>` spellings to name a bundled repository or a pack.
 */
import type { LocalFile } from './archive.ts';
import { expandRepoVars, repoRootOf } from './mirrors.ts';

/** Where a repository's metadata comes from. */
export type RepoSource =
  | { kind: 'bundle'; id: string }
  | { kind: 'url'; url: string; vars?: Record<string, string> }
  | { kind: 'pack'; url: string }
  | { kind: 'local'; files: LocalFile[]; label?: string };

/** An identity taken apart. */
export type ParsedRepoIdentity = { kind: 'bundle'; id: string } | { kind: 'url'; url: string } | { kind: 'pack'; url: string } | { kind: 'local'; repomdSha256: string };

const BUNDLE = 'bundle:';
const URL_PREFIX = 'url:';
const LOCAL = 'local:';
const PACK = 'pack:';

/** The identity of bundled repository ID. */
export function bundleIdentity(id: string): string {
  return `${BUNDLE}${id}`;
}

/** The identity of a repository read from URL (a repository root, or the metalink/mirrorlist it came from). */
export function urlIdentity(url: string): string {
  return `${URL_PREFIX}${url}`;
}

/** The folder URL of the pack at URL (its folder, or its pack.json), ending in `/`. */
export function packFolderUrl(url: string): string {
  const trimmed = url.trim();
  return trimmed.endsWith('/pack.json') ? trimmed.slice(0, -'pack.json'.length) : trimmed.replace(/\/*$/, '/');
}

/** The identity of the metadata pack at URL. */
export function packIdentity(url: string): string {
  return `${PACK}${packFolderUrl(url)}`;
}

/** The identity of dropped files: their repomd.xml's sha256. */
export function localIdentity(repomdSha256: string): string {
  return `${LOCAL}${repomdSha256}`;
}

/** Takes an identity apart; undefined for a string that is not one. */
export function parseRepoIdentity(identity: string): ParsedRepoIdentity | undefined {
  if (identity.startsWith(BUNDLE)) return { kind: 'bundle', id: identity.slice(BUNDLE.length) };
  if (identity.startsWith(URL_PREFIX)) return { kind: 'url', url: identity.slice(URL_PREFIX.length) };
  if (identity.startsWith(LOCAL)) return { kind: 'local', repomdSha256: identity.slice(LOCAL.length) };
  if (identity.startsWith(PACK)) return { kind: 'pack', url: identity.slice(PACK.length) };
  return undefined;
}

/** The source to read IDENTITY from again (a refresh); dropped files cannot be re-read, so undefined. */
export function sourceOfIdentity(identity: string): RepoSource | undefined {
  const parsed = parseRepoIdentity(identity);
  if (parsed?.kind === 'bundle') return { kind: 'bundle', id: parsed.id };
  if (parsed?.kind === 'url') return { kind: 'url', url: parsed.url };
  if (parsed?.kind === 'pack') return { kind: 'pack', url: parsed.url };
  return undefined;
}

/** The source a configured or typed repository location names: `bundle:<id>` a bundled repository, `pack:<URL>` (or a URL ending in pack.json) a metadata pack, anything else a URL. */
export function sourceOfLocation(location: string): RepoSource {
  const trimmed = location.trim();
  if (trimmed.startsWith(BUNDLE)) return { kind: 'bundle', id: trimmed.slice(BUNDLE.length).replace(/\/+$/, '') };
  if (trimmed.startsWith(PACK)) return { kind: 'pack', url: packFolderUrl(trimmed.slice(PACK.length)) };
  if (/\/pack\.json$/.test(trimmed)) return { kind: 'pack', url: packFolderUrl(trimmed) };
  return { kind: 'url', url: trimmed.startsWith(URL_PREFIX) ? trimmed.slice(URL_PREFIX.length) : trimmed };
}

/** The identity SOURCE will be cached under, when it can be known without reading anything (not for metalinks, mirrorlists or files). */
export function identityOfSource(source: RepoSource): string | undefined {
  if (source.kind === 'bundle') return bundleIdentity(source.id);
  if (source.kind === 'pack') return packIdentity(source.url);
  if (source.kind === 'url' && !/metalink|mirrorlist/.test(source.url)) {
    const expanded = expandRepoVars(source.url.trim(), source.vars ?? {});
    return expanded.ok ? urlIdentity(repoRootOf(expanded.value)) : undefined;
  }
  return undefined;
}

/** The URLs an identity stands for, for matching configured repository URLs (`bundle:<id>` included). */
export function locationsOfIdentity(identity: string): string[] {
  const parsed = parseRepoIdentity(identity);
  return parsed?.kind === 'url' ? [identity, parsed.url] : parsed?.kind === 'pack' ? [identity, parsed.url, `${parsed.url}pack.json`] : [identity];
}
