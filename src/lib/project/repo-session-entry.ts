/** What a ResolverSession keeps per repository, and the small helpers its loads share. */
import type { Advisory, CompsModel, LazyRepoFile, RepoError, RepoFactsCore, RepoResult, RepoSource, SearchIndexData } from '../repo/index.ts';
import type { SessionRepo } from './repo-session-types.ts';

/** dnf's default: repositories are re-read after 48 hours (metadata_expire). */
export const DEFAULT_MAX_AGE_MS = 48 * 3600 * 1000;

/** What the session keeps of one repository in its pool. */
export interface RepoEntry {
  info: SessionRepo;
  sourceSpec: RepoSource;
  facts: RepoFactsCore;
  // Captured at load time: solvOf() after ensureFilelists would also carry the filelists.
  solv: Uint8Array;
  comps?: CompsModel;
  /** The pack's own search index, fetched on the first search. */
  packSearch?: () => Promise<RepoResult<SearchIndexData>>;
  /** The search index once the first search asked for it (read from the cache or the pack, or built from the pool). */
  search?: Promise<SearchIndexData | undefined>;
  filelists?: LazyRepoFile;
  filelistsLoaded: boolean;
  advisories?: Advisory[];
  advisoryError?: string;
}

/** The answer for a load the user cancelled. */
export function cancelledLoad(source: RepoSource): { ok: false; error: RepoError } {
  const what = source.kind === 'bundle' ? source.id : source.kind === 'local' ? 'the local files' : source.url;
  return { ok: false, error: { code: 'repo/cancelled', message: `Loading ${what} was cancelled.`, hint: 'Nothing of it was kept; load it again when you are ready.' } };
}

/** A repository id made from a label or URL: its last path part, with only [A-Za-z0-9._-]. */
export function slug(text: string): string {
  return text.replace(/^[a-z]+:/, '').replace(/[?#].*$/, '').replace(/\/+$/, '').replace(/\/repodata$/, '').split('/').pop()?.replace(/[^A-Za-z0-9._-]/g, '_') || 'repo';
}

/** The core facts of F alone (a cache record or a fresh load carry more), so what the session keeps stays small and cloneable. */
export function factsOf(f: RepoFactsCore): RepoFactsCore {
  return { identity: f.identity, source: f.source, label: f.label, ...(f.baseUrl !== undefined ? { baseUrl: f.baseUrl } : {}), revision: f.revision, repomdChecksum: f.repomdChecksum, fetchedAt: f.fetchedAt };
}
