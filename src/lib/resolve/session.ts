/** ResolverSession: repositories from bundle, URL or files, cached as .solv, resolved by one live pool. */
import {
  expandRepoVars,
  fetchRepo,
  loadAndCacheRepo,
  loadBundledRepo,
  loadLocalRepo,
  repoRootOf,
  searchPackages,
  buildSearchIndex,
  type CompsModel,
  type FetchLike,
  type LazyRepoFile,
  type LoadedRepoFiles,
  type LocalFile,
  type RepoCache,
  type RepoError,
  type RepoFacts,
  type RepoLoadProgress,
  type RepoResult,
  type SearchHit,
  type SearchIndexData,
} from '../repo/index.ts';
import { requestNeedsFilelists } from './filelists.ts';
import type { ExplainResult, Resolver } from './resolver.ts';
import type { ResolveRequest, ResolveResult } from './types.ts';

/** Where a repository's metadata comes from. */
export type RepoSource =
  | { kind: 'bundle'; id: string }
  | { kind: 'url'; url: string; vars?: Record<string, string> }
  | { kind: 'local'; files: LocalFile[]; label?: string };

/** How to add a repository to the pool. */
export interface AddRepoOptions {
  /** Id in the pool; defaults to a slug of the source. */
  repoId?: string;
  priority?: number;
  cost?: number;
  /** Ignore the cache and read the metadata again. */
  refresh?: boolean;
}

/** Progress of slow work, by phase; bytes for downloads. */
export interface SessionProgress {
  phase: 'fetch' | 'parse' | 'index' | 'cache' | 'load-solv' | 'filelists' | 'solve';
  repoId?: string;
  file?: string;
  loaded?: number;
  total?: number;
}

/** A repository in the pool, as the UI lists it. */
export interface SessionRepo {
  repoId: string;
  identity: string;
  label: string;
  source: RepoSource['kind'];
  revision: string;
  solvables: number;
  priority: number;
  cost: number;
  /** Started from the cached .solv: nothing was fetched and no XML was parsed. */
  fromCache: boolean;
  /** Where the cache record lives, or why there is none. */
  cache: 'indexeddb' | 'memory' | 'none';
  cacheNote?: string;
  fetchedAt: number;
  notes: string[];
  timings: { loadMs: number; parseMs?: number };
}

/** Counters that let tests and the UI prove what a start cost. */
export interface SessionStats {
  xmlParses: number;
  xmlBytesParsed: number;
  solvLoads: number;
  memoryBytes: number;
}

/** Everything the session needs from its environment (browser worker or Node). */
export interface SessionEnvironment {
  fetch: FetchLike;
  /** Absolute URL of the app root for bundled repositories; absent in Node. */
  appBaseUrl?: string;
  /** Page origin, so a failed cross-origin fetch can be named a CORS failure. */
  appOrigin?: string;
  cache?: RepoCache;
  /** Max age of a cached URL or bundle repository before it is read again. */
  maxAgeMs?: number;
}

/** dnf's default: repositories are re-read after 48 hours (metadata_expire). */
const DEFAULT_MAX_AGE_MS = 48 * 3600 * 1000;

/** The facts a repository was read with: from the load itself, or on a warm start from the cache record. */
export type SessionRepoFacts = Pick<RepoFacts, 'identity' | 'source' | 'label' | 'baseUrl' | 'revision' | 'repomdChecksum' | 'fetchedAt'>;

/** A repository of the pool as an image build takes it: its facts, the .solv it was loaded from, comps and lazy filelists. */
export interface SessionRepoContent {
  facts: SessionRepoFacts;
  /** The same bytes on every call until the repository is re-read, so callers can memoise on them. */
  solv: Uint8Array;
  comps?: CompsModel;
  filelists?: LazyRepoFile;
}

interface RepoEntry {
  info: SessionRepo;
  sourceSpec: RepoSource;
  facts: SessionRepoFacts;
  // Captured at load time: solvOf() after ensureFilelists would also carry the filelists.
  solv: Uint8Array;
  comps?: CompsModel;
  search?: SearchIndexData;
  filelists?: LazyRepoFile;
  filelistsLoaded: boolean;
}

function slug(text: string): string {
  return text.replace(/^[a-z]+:/, '').replace(/[?#].*$/, '').replace(/\/+$/, '').replace(/\/repodata$/, '').split('/').pop()?.replace(/[^A-Za-z0-9._-]/g, '_') || 'repo';
}

/** The cache identity of a source when it can be known without reading anything. */
function identityOf(source: RepoSource): string | undefined {
  if (source.kind === 'bundle') return `bundle:${source.id}`;
  if (source.kind === 'url' && !/metalink|mirrorlist/.test(source.url)) {
    const expanded = expandRepoVars(source.url.trim(), source.vars ?? {});
    return expanded.ok ? `url:${repoRootOf(expanded.value)}` : undefined;
  }
  return undefined;
}

function factsOf(f: SessionRepoFacts): SessionRepoFacts {
  return { identity: f.identity, source: f.source, label: f.label, ...(f.baseUrl !== undefined ? { baseUrl: f.baseUrl } : {}), revision: f.revision, repomdChecksum: f.repomdChecksum, fetchedAt: f.fetchedAt };
}

/** A pool of repositories with caching, search, solving and explaining; the same in worker and Node. */
export class ResolverSession {
  private readonly repos = new Map<string, RepoEntry>();
  private readonly counters = { xmlParses: 0, xmlBytesParsed: 0, solvLoads: 0 };

  constructor(
    readonly resolver: Resolver,
    private readonly env: SessionEnvironment,
  ) {}

  /** Adds (or replaces) a repository: from the cache when fresh, otherwise read, verified, parsed and cached. */
  async addRepo(source: RepoSource, options: AddRepoOptions = {}, onProgress?: (p: SessionProgress) => void): Promise<RepoResult<SessionRepo>> {
    const t0 = performance.now();
    const identity = identityOf(source);
    const cache = this.env.cache;
    if (cache && identity && !options.refresh) {
      const decision = await cache.refreshNeeded(identity, { maxAgeMs: this.env.maxAgeMs ?? DEFAULT_MAX_AGE_MS });
      const record = decision.needed ? undefined : await cache.getLatest(identity);
      if (record?.solv) {
        const repoId = options.repoId ?? slug(source.kind === 'bundle' ? source.id : record.facts.label);
        onProgress?.({ phase: 'load-solv', repoId });
        const loaded = this.resolver.loadSolv({ id: repoId, priority: options.priority ?? 99, cost: options.cost ?? 1000 }, record.solv);
        if (loaded.ok) {
          this.counters.solvLoads++;
          const info: SessionRepo = {
            repoId,
            identity,
            label: record.facts.label,
            source: source.kind,
            revision: record.facts.revision,
            solvables: loaded.solvables,
            priority: options.priority ?? 99,
            cost: options.cost ?? 1000,
            fromCache: true,
            cache: cache.backend,
            fetchedAt: record.facts.fetchedAt,
            notes: [],
            timings: { loadMs: performance.now() - t0 },
          };
          this.repos.set(repoId, { info, sourceSpec: source, facts: factsOf(record.facts), solv: record.solv, ...(record.comps ? { comps: record.comps } : {}), ...(record.searchIndex ? { search: record.searchIndex } : {}), filelistsLoaded: false });
          return { ok: true, value: info };
        }
        // an unreadable cache record is dropped and the repository read again
        await cache.delete(identity, record.facts.repomdChecksum);
      }
    }
    return this.addRepoFromSource(source, options, onProgress, t0);
  }

  private readSource(source: RepoSource, onProgress?: (p: RepoLoadProgress) => void): Promise<RepoResult<LoadedRepoFiles>> {
    const net = {
      fetch: this.env.fetch,
      ...(this.env.appOrigin ? { appOrigin: this.env.appOrigin } : {}),
      ...(onProgress ? { onProgress } : {}),
    };
    switch (source.kind) {
      case 'bundle':
        if (!this.env.appBaseUrl) return Promise.resolve({ ok: false, error: { code: 'repo/unknown-bundle', message: 'Bundled repositories exist only in the web app.', hint: 'Give a directory, archive or URL instead.' } });
        return loadBundledRepo(source.id, { ...net, appBaseUrl: this.env.appBaseUrl });
      case 'url':
        return fetchRepo({ url: source.url, ...(source.vars ? { vars: source.vars } : {}) }, net);
      case 'local':
        return loadLocalRepo(source.files, { ...(source.label ? { label: source.label } : {}), ...(onProgress ? { onProgress } : {}) });
    }
  }

  private async addRepoFromSource(source: RepoSource, options: AddRepoOptions, onProgress: ((p: SessionProgress) => void) | undefined, t0: number): Promise<RepoResult<SessionRepo>> {
    let repoId = options.repoId ?? '';
    let parseMs = 0;
    let solvables = 0;
    const fileProgress = (p: RepoLoadProgress) => onProgress?.({ phase: 'fetch', file: p.file, loaded: p.loaded, ...(p.total !== undefined ? { total: p.total } : {}) });
    const prepare = async (files: LoadedRepoFiles) => {
      repoId ||= slug(source.kind === 'bundle' ? source.id : files.info.label);
      onProgress?.({ phase: 'parse', repoId });
      const tp = performance.now();
      const loaded = this.resolver.loadRpmmd(
        { id: repoId, priority: options.priority ?? 99, cost: options.cost ?? 1000 },
        { primary: files.primary, ...(files.updateinfo ? { updateinfo: files.updateinfo } : {}) },
      );
      parseMs = performance.now() - tp;
      if (!loaded.ok) {
        const error: RepoError = { code: 'repo/malformed-xml', message: `${files.info.label}: ${loaded.message}`, hint: 'The repository metadata is damaged or not rpm-md; check the source, or try another mirror.' };
        return { ok: false as const, error };
      }
      solvables = loaded.solvables;
      this.counters.xmlParses++;
      this.counters.xmlBytesParsed += files.primary.byteLength + (files.updateinfo?.byteLength ?? 0);
      onProgress?.({ phase: 'index', repoId });
      const searchIndex = buildSearchIndex(this.resolver.packageList(repoId));
      onProgress?.({ phase: 'cache', repoId });
      return { ok: true as const, value: { solv: this.resolver.solvOf(repoId)!, searchIndex } };
    };

    let files: LoadedRepoFiles;
    let prepared: { solv: Uint8Array; searchIndex: SearchIndexData } | undefined;
    let cacheState: Pick<SessionRepo, 'cache' | 'cacheNote'> = { cache: 'none' };
    if (this.env.cache) {
      let captured: { solv: Uint8Array; searchIndex: SearchIndexData } | undefined;
      const done = await loadAndCacheRepo(() => this.readSource(source, fileProgress), this.env.cache, async (f) => {
        const r = await prepare(f);
        if (r.ok) captured = r.value;
        return r;
      });
      if (!done.ok) return done;
      files = done.value.files;
      prepared = captured;
      cacheState = { cache: done.value.cached.storedIn, ...(done.value.cached.note ? { cacheNote: done.value.cached.note } : {}) };
    } else {
      const read = await this.readSource(source, fileProgress);
      if (!read.ok) return read;
      files = read.value;
      const r = await prepare(files);
      if (!r.ok) return r;
      prepared = r.value;
    }
    const info: SessionRepo = {
      repoId,
      identity: files.info.identity,
      label: files.info.label,
      source: source.kind,
      revision: files.info.revision,
      solvables,
      priority: options.priority ?? 99,
      cost: options.cost ?? 1000,
      fromCache: false,
      ...cacheState,
      fetchedAt: files.info.fetchedAt,
      notes: files.notes,
      timings: { loadMs: performance.now() - t0, parseMs },
    };
    this.repos.set(repoId, {
      info,
      sourceSpec: source,
      facts: factsOf(files.info),
      solv: prepared?.solv ?? this.resolver.solvOf(repoId)!,
      ...(files.comps ? { comps: files.comps } : {}),
      ...(prepared ? { search: prepared.searchIndex } : {}),
      ...(files.filelists ? { filelists: files.filelists } : {}),
      filelistsLoaded: false,
    });
    return { ok: true, value: info };
  }

  /** Drops a repository from the pool (the cache keeps it). */
  removeRepo(repoId: string): boolean {
    this.repos.delete(repoId);
    return this.resolver.removeRepo(repoId);
  }

  /** The repositories in the pool, in load order. */
  listRepos(): SessionRepo[] {
    return [...this.repos.values()].map((r) => r.info);
  }

  /** What an image build needs of repository REPOID (see `loadedReposFromSession`); undefined when it is not in the pool. */
  repoContent(repoId: string): SessionRepoContent | undefined {
    const entry = this.repos.get(repoId);
    if (!entry) return undefined;
    return { facts: entry.facts, solv: entry.solv, ...(entry.comps ? { comps: entry.comps } : {}), ...(entry.filelists ? { filelists: entry.filelists } : {}) };
  }

  /** Comps of every repository in the pool, for group expansion and the UI. */
  compsModels(): CompsModel[] {
    return [...this.repos.values()].flatMap((r) => (r.comps ? [r.comps] : []));
  }

  /** Searches names, provides and summaries of every repository in the pool. */
  search(query: string, limit = 50): SearchHit[] {
    const hits = [...this.repos.values()].flatMap((r) => (r.search ? searchPackages(r.search, query, limit) : []));
    return hits.slice(0, limit);
  }

  /** Solves REQUEST; loads filelists first when a requested path needs them (dnf5's rule). */
  async solve(request: ResolveRequest, onProgress?: (p: SessionProgress) => void): Promise<ResolveResult> {
    if (requestNeedsFilelists(request)) {
      const failed = await this.ensureFilelists(onProgress);
      if (failed) return { ok: false, kind: 'invalid', message: failed };
    }
    onProgress?.({ phase: 'solve' });
    return this.resolver.solveRecovering(request);
  }

  /** Loads every repository's filelists (re-reading warm-started ones); returns a message on failure. */
  async ensureFilelists(onProgress?: (p: SessionProgress) => void): Promise<string | undefined> {
    for (const [repoId, entry] of this.repos) {
      if (entry.filelistsLoaded) continue;
      if (!entry.filelists && entry.info.fromCache) {
        // a warm start has no filelists at hand: read the repository again, then add them
        const again = await this.addRepoFromSource(entry.sourceSpec, { repoId, priority: entry.info.priority, cost: entry.info.cost }, onProgress, performance.now());
        if (!again.ok) return again.error.message;
      }
      const fresh = this.repos.get(repoId)!;
      if (!fresh.filelists) {
        fresh.filelistsLoaded = true;
        continue;
      }
      onProgress?.({ phase: 'filelists', repoId });
      const bytes = await fresh.filelists.load();
      if (!bytes.ok) return bytes.error.message;
      const added = this.resolver.loadFilelists(repoId, bytes.value);
      if (!added.ok) return added.message;
      this.counters.xmlParses++;
      this.counters.xmlBytesParsed += bytes.value.byteLength;
      fresh.filelistsLoaded = true;
    }
    return undefined;
  }

  /** The decision chain behind one package of the last result. */
  explain(nevra: string): ExplainResult {
    return this.resolver.explain(nevra);
  }

  /** What this session has parsed and loaded so far, and its wasm memory. */
  stats(): SessionStats {
    return { ...this.counters, memoryBytes: this.resolver.memoryBytes };
  }
}
