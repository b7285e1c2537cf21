/** Glue between a load and the cache: facts from RepoInfo, and a load-then-cache step that never stores partial work. */
import { fail, ok, type RepoResult } from './errors.ts';
import type { RepoCache, RepoCachePutResult, RepoFacts } from './repo-cache.ts';
import type { LoadedRepoFiles, RepoInfo } from './types.ts';
import type { Advisory } from './updateinfo.ts';

/** The repomd facts the cache keeps for a loaded repository. */
export function repoFactsOf(info: RepoInfo): RepoFacts {
  const facts: RepoFacts = {
    identity: info.identity,
    source: info.source,
    label: info.label,
    revision: info.revision,
    repomdChecksum: info.repomdChecksum,
    fetchedAt: info.fetchedAt,
    files: Object.values(info.repomd.data).map((d) => {
      const file: RepoFacts['files'][number] = { type: d.type, href: d.href };
      if (d.size !== undefined) file.size = d.size;
      if (d.openSize !== undefined) file.openSize = d.openSize;
      if (d.timestamp !== undefined) file.timestamp = d.timestamp;
      return file;
    }),
  };
  if (info.baseUrl) facts.baseUrl = info.baseUrl;
  if (info.packageCount !== undefined) facts.packageCount = info.packageCount;
  return facts;
}

/** What the resolver derives from the loaded files before they are cached. */
export interface PreparedRepo {
  solv?: Uint8Array;
  /** Its updateinfo.xml read into advisories. */
  advisories?: Advisory[];
}

/** A loaded repository and where its cache record went. */
export interface LoadedAndCached {
  files: LoadedRepoFiles;
  cached: RepoCachePutResult;
}

/** Loads a repository, lets `prepare` derive the `.solv`, then caches it in one transaction; any failure writes nothing. */
export async function loadAndCacheRepo(
  load: () => Promise<RepoResult<LoadedRepoFiles>>,
  cache: RepoCache,
  prepare?: (files: LoadedRepoFiles) => Promise<RepoResult<PreparedRepo>>,
): Promise<RepoResult<LoadedAndCached>> {
  const loaded = await load();
  if (!loaded.ok) return loaded;
  const files = loaded.value;
  let prepared: PreparedRepo = {};
  if (prepare) {
    const result = await prepare(files);
    if (!result.ok) return result;
    prepared = result.value;
  }
  if (prepared.solv && prepared.solv.byteLength === 0) {
    return fail('repo/size-mismatch', `The resolver produced an empty .solv for ${files.info.label}; it was not cached.`, 'Reload the repository; if it happens again, report it with the repository URL.');
  }
  const cached = await cache.put({ facts: repoFactsOf(files.info), ...(prepared.solv ? { solv: prepared.solv } : {}), ...(files.comps ? { comps: files.comps } : {}), ...(prepared.advisories ? { advisories: prepared.advisories } : {}) });
  return ok({ files, cached });
}
