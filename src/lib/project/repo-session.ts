/** ResolverSession: repositories from bundle, URL or files, cached as .solv, resolved by one live pool. */
import {
  fetchRepo,
  identityOfSource,
  loadAndCacheRepo,
  loadBundledPack,
  loadBundledRepo,
  loadLocalRepo,
  loadPack,
  packIdentity,
  searchPackages,
  buildSearchIndex,
  type Advisory,
  type CompsModel,
  type LoadedPack,
  type LoadedRepoFiles,
  type RepoError,
  type RepoLoadProgress,
  type RepoResult,
  type RepoSource,
  type SearchHit,
  type SearchIndexData,
} from '../repo/index.ts';
import { EXPECTED_ABI_VERSION, PACK_READABLE_ABI_VERSIONS } from '../resolve/abi.ts';
import { requestNeedsFilelists } from '../resolve/filelists.ts';
import { advisoriesOf } from './build/loaded-repo.ts';
import type { ExplainResult, Resolver } from '../resolve/resolver.ts';
import { XML_MODULE_HINT } from '../resolve/resolver-errors.ts';
import type { StreamingPrimary } from './primary-stream.ts';
import { DEFAULT_REPO_COST, DEFAULT_REPO_PRIORITY, type ResolveRequest, type ResolveResult } from '../resolve/types.ts';

import { cancelledLoad, DEFAULT_MAX_AGE_MS, factsOf, slug, type RepoEntry } from './repo-session-entry.ts';

export type { AddRepoOptions, SessionProgress, SessionRepo, SessionStats, SessionEnvironment, SessionRepoContent } from './repo-session-types.ts';
import type { AddRepoOptions, SessionProgress, SessionRepo, SessionStats, SessionEnvironment, SessionRepoContent } from './repo-session-types.ts';

/** A pool of repositories with caching, search, solving and explaining; the same in worker and Node. */
export class ResolverSession {
  private readonly repos = new Map<string, RepoEntry>();
  private readonly counters = { xmlParses: 0, xmlBytesParsed: 0, solvLoads: 0 };

  constructor(
    readonly resolver: Resolver,
    private readonly env: SessionEnvironment,
  ) {}

  /** Adds (or replaces) a repository: from the cache when fresh, otherwise read, verified, parsed and cached. */
  async addRepo(source: RepoSource, options: AddRepoOptions = {}, onProgress?: (p: SessionProgress) => void, signal?: AbortSignal): Promise<RepoResult<SessionRepo>> {
    const identity = identityOfSource(source);
    const lock = this.env.lock;
    if (lock && identity && this.env.cache) return lock(`azl-playground-repo:${identity}`, () => this.addRepoNow(source, identity, options, onProgress, signal));
    return this.addRepoNow(source, identity, options, onProgress, signal);
  }

  private async addRepoNow(source: RepoSource, identity: string | undefined, options: AddRepoOptions, onProgress?: (p: SessionProgress) => void, signal?: AbortSignal): Promise<RepoResult<SessionRepo>> {
    if (signal?.aborted) return cancelledLoad(source);
    const t0 = performance.now();
    const cache = this.env.cache;
    if (cache && identity && !options.refresh) {
      const decision = await cache.refreshNeeded(identity, { maxAgeMs: this.env.maxAgeMs ?? DEFAULT_MAX_AGE_MS });
      // the decision already read the entry index: fetch that version's record alone
      const record = decision.needed || !decision.latestRepomdChecksum ? undefined : await cache.get(identity, decision.latestRepomdChecksum);
      const cacheReadMs = performance.now() - t0;
      if (record?.solv) {
        const repoId = options.repoId ?? slug(source.kind === 'bundle' ? source.id : record.facts.label);
        onProgress?.({ phase: 'load-solv', repoId });
        const loaded = this.resolver.loadSolv({ id: repoId, priority: options.priority ?? DEFAULT_REPO_PRIORITY, cost: options.cost ?? DEFAULT_REPO_COST }, record.solv);
        if (loaded.ok) {
          this.counters.solvLoads++;
          const info: SessionRepo = {
            repoId,
            identity,
            label: record.facts.label,
            source: source.kind,
            revision: record.facts.revision,
            solvables: loaded.solvables,
            priority: options.priority ?? DEFAULT_REPO_PRIORITY,
            cost: options.cost ?? DEFAULT_REPO_COST,
            fromCache: true,
            cache: cache.backend,
            fetchedAt: record.facts.fetchedAt,
            notes: [],
            timings: { loadMs: performance.now() - t0, cacheReadMs },
          };
          // A record written before advisories were kept has none although the repository lists updateinfo.
          const stale = !record.advisories && record.facts.files.some((f) => f.type.startsWith('updateinfo'));
          this.repos.set(repoId, {
            info, sourceSpec: source, facts: factsOf(record.facts), solv: record.solv,
            ...(record.comps ? { comps: record.comps } : {}), filelistsLoaded: false,
            ...(record.advisories ? { advisories: record.advisories } : {}),
            ...(stale ? { advisoryError: 'the cached copy predates advisories; refresh the repository to read its updateinfo' } : {}),
          });
          return { ok: true, value: info };
        }
        // an unreadable cache record is dropped and the repository read again
        await cache.delete(identity, record.facts.repomdChecksum);
      }
    }
    return this.addRepoFromSource(source, options, onProgress, t0, signal);
  }

  private readSource(source: RepoSource, onProgress?: (p: RepoLoadProgress) => void, signal?: AbortSignal, streaming?: StreamingPrimary): Promise<RepoResult<LoadedRepoFiles>> {
    const net = {
      fetch: streaming?.fetch ?? this.env.fetch,
      ...(streaming ? { opened: streaming.opened } : {}),
      ...(signal ? { signal } : {}),
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
        return loadLocalRepo(source.files, { ...(source.label ? { label: source.label } : {}), ...(onProgress ? { onProgress } : {}), ...(streaming ? { onRead: streaming.read, opened: streaming.opened } : {}) });
      case 'pack':
        return Promise.resolve({ ok: false, error: { code: 'repo/bad-pack', message: `${source.url} is a metadata pack, not rpm-md.`, hint: 'Packs are read with loadPack.' } });
    }
  }

  /** The pack SOURCE names, or the bundle's pack; undefined for rpm-md sources and bundles the build made no pack for. */
  private readPack(source: RepoSource, onProgress?: (p: RepoLoadProgress) => void, signal?: AbortSignal): Promise<RepoResult<LoadedPack> | undefined> {
    const net = { fetch: this.env.fetch, ...(signal ? { signal } : {}), ...(this.env.appOrigin ? { appOrigin: this.env.appOrigin } : {}), ...(onProgress ? { onProgress } : {}) };
    const abiVersion = this.resolver.version.abiVersion;
    const readableAbiVersions = abiVersion === EXPECTED_ABI_VERSION ? PACK_READABLE_ABI_VERSIONS : [abiVersion];
    if (source.kind === 'pack') return loadPack(source.url, { identity: packIdentity(source.url), source: 'pack', abiVersion, readableAbiVersions }, net);
    if (source.kind === 'bundle' && this.env.appBaseUrl) return loadBundledPack(source.id, { ...net, appBaseUrl: this.env.appBaseUrl, abiVersion, readableAbiVersions });
    return Promise.resolve(undefined);
  }

  /** Adds a verified pack: its .solv straight into the pool, cached like any repository; no XML is parsed. */
  private async addPack(source: RepoSource, pack: LoadedPack, options: AddRepoOptions, onProgress: ((p: SessionProgress) => void) | undefined, t0: number): Promise<RepoResult<SessionRepo>> {
    const repoId = options.repoId ?? slug(source.kind === 'bundle' ? source.id : pack.index.id);
    const priority = options.priority ?? DEFAULT_REPO_PRIORITY;
    const cost = options.cost ?? DEFAULT_REPO_COST;
    onProgress?.({ phase: 'load-solv', repoId });
    const loaded = this.resolver.loadSolv({ id: repoId, priority, cost }, pack.solv);
    if (!loaded.ok) return { ok: false, error: { code: 'repo/bad-pack', message: `${pack.facts.label}: libsolv cannot read the pack's repo.solv (${loaded.message}).`, hint: `Make the pack again: ${pack.index.rebuild}` } };
    this.counters.solvLoads++;
    let cacheState: Pick<SessionRepo, 'cache' | 'cacheNote'> = { cache: 'none' };
    if (this.env.cache) {
      onProgress?.({ phase: 'cache', repoId });
      const put = await this.env.cache.put({ facts: pack.facts, solv: pack.solv, ...(pack.comps ? { comps: pack.comps } : {}), ...(pack.advisories ? { advisories: pack.advisories } : {}) });
      cacheState = { cache: put.storedIn, ...(put.note ? { cacheNote: put.note } : {}) };
    }
    const info: SessionRepo = {
      repoId,
      identity: pack.facts.identity,
      label: pack.facts.label,
      source: source.kind,
      revision: pack.facts.revision,
      solvables: loaded.solvables,
      priority,
      cost,
      fromCache: false,
      fromPack: true,
      ...cacheState,
      fetchedAt: pack.facts.fetchedAt,
      notes: [],
      timings: { loadMs: performance.now() - t0 },
    };
    this.repos.set(repoId, {
      info,
      sourceSpec: source,
      facts: factsOf(pack.facts),
      solv: pack.solv,
      packSearch: pack.searchIndex,
      ...(pack.comps ? { comps: pack.comps } : {}),
      ...(pack.advisories ? { advisories: pack.advisories } : {}),
      ...(pack.filelists ? { filelists: pack.filelists } : {}),
      filelistsLoaded: false,
    });
    return { ok: true, value: info };
  }

  private async addRepoFromSource(source: RepoSource, options: AddRepoOptions, onProgress: ((p: SessionProgress) => void) | undefined, t0: number, signal?: AbortSignal): Promise<RepoResult<SessionRepo>> {
    const fileProgress = (p: RepoLoadProgress) => onProgress?.({ phase: p.step === 'verify' || p.step === 'decompress' ? p.step : 'fetch', file: p.file, loaded: p.loaded, ...(p.total !== undefined ? { total: p.total } : {}) });
    const pack = await this.readPack(source, fileProgress, signal);
    if (signal?.aborted) return cancelledLoad(source);
    if (pack) return pack.ok ? this.addPack(source, pack.value, options, onProgress, t0) : pack;
    // with parse workers, a primary.xml.gz is parsed while it is decompressed, and a download while it arrives (primary-stream.ts)
    const open = this.env.openPartConverters;
    // the parts code loads with the first load that parses XML: a start from packs or the cache never needs it
    const { StreamingPrimary } = open ? await import('./primary-stream.ts') : { StreamingPrimary: undefined };
    const streaming = open && StreamingPrimary?.supported() ? new StreamingPrimary(this.env.fetch, open, undefined, () => this.resolver.startPartJoin()) : undefined;
    try {
      return await this.addRepoRead(source, options, onProgress, fileProgress, t0, signal, streaming);
    } finally {
      streaming?.close();
    }
  }

  private async addRepoRead(
    source: RepoSource,
    options: AddRepoOptions,
    onProgress: ((p: SessionProgress) => void) | undefined,
    fileProgress: (p: RepoLoadProgress) => void,
    t0: number,
    signal: AbortSignal | undefined,
    streaming: StreamingPrimary | undefined,
  ): Promise<RepoResult<SessionRepo>> {
    let repoId = options.repoId ?? '';
    let parseMs = 0;
    let solvables = 0;
    let advisoryError: string | undefined;
    const prepare = async (files: LoadedRepoFiles) => {
      // the last point to stop: from here the repository goes into the pool and the cache
      if (signal?.aborted) return cancelledLoad(source);
      repoId ||= slug(source.kind === 'bundle' ? source.id : files.info.label);
      // rpmmd.wasm is fetched with the first XML to parse (a start from packs or the cache never needs it)
      const xml = await this.resolver.xmlReady();
      if (!xml.ok) return { ok: false as const, error: { code: 'repo/xml-reader-unavailable', message: `${files.info.label}: ${xml.error.message}`, hint: XML_MODULE_HINT } satisfies RepoError };
      onProgress?.({ phase: 'parse', repoId });
      const tp = performance.now();
      const descriptor = { id: repoId, priority: options.priority ?? DEFAULT_REPO_PRIORITY, cost: options.cost ?? DEFAULT_REPO_COST };
      const rpmmd = { primary: files.primary, ...(files.updateinfo ? { updateinfo: files.updateinfo } : {}) };
      const streamed = await streaming?.take(files);
      streaming?.close();
      const open = this.env.parallelParse === 'download' ? undefined : this.env.openPartConverters;
      const loaded = streamed
        ? await this.resolver.loadSolvParts(descriptor, streamed.parts, rpmmd, streamed.join)
        : open
          ? await this.resolver.loadRpmmdInParts(descriptor, rpmmd, open)
          : await this.resolver.loadRpmmd(descriptor, rpmmd);
      parseMs = performance.now() - tp;
      if (!loaded.ok) {
        const error: RepoError = { code: 'repo/malformed-xml', message: `${files.info.label}: ${loaded.message}`, hint: 'The repository metadata is damaged or not rpm-md; check the source, or try another mirror.' };
        return { ok: false as const, error };
      }
      solvables = loaded.solvables;
      this.counters.xmlParses++;
      this.counters.xmlBytesParsed += files.primary.byteLength + (files.updateinfo?.byteLength ?? 0);
      onProgress?.({ phase: 'cache', repoId });
      const read = advisoriesOf(repoId, files.updateinfo);
      if (read.advisoryError) advisoryError = read.advisoryError;
      return { ok: true as const, value: { solv: this.resolver.solvOf(repoId)!, ...(read.advisories ? { advisories: [...read.advisories] } : {}) } };
    };

    let files: LoadedRepoFiles;
    let prepared: { solv: Uint8Array; advisories?: Advisory[] } | undefined;
    let cacheState: Pick<SessionRepo, 'cache' | 'cacheNote'> = { cache: 'none' };
    if (this.env.cache) {
      let captured: { solv: Uint8Array; advisories?: Advisory[] } | undefined;
      const done = await loadAndCacheRepo(() => this.readSource(source, fileProgress, signal, streaming), this.env.cache, async (f) => {
        const r = await prepare(f);
        if (r.ok) captured = r.value;
        return r;
      });
      if (!done.ok) return done;
      files = done.value.files;
      prepared = captured;
      cacheState = { cache: done.value.cached.storedIn, ...(done.value.cached.note ? { cacheNote: done.value.cached.note } : {}) };
    } else {
      const read = await this.readSource(source, fileProgress, signal, streaming);
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
      priority: options.priority ?? DEFAULT_REPO_PRIORITY,
      cost: options.cost ?? DEFAULT_REPO_COST,
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
      ...(files.filelists ? { filelists: files.filelists } : {}),
      filelistsLoaded: false,
      ...(prepared?.advisories ? { advisories: prepared.advisories } : {}),
      ...(advisoryError ? { advisoryError } : {}),
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
    return {
      facts: entry.facts, solv: entry.solv, ...(entry.comps ? { comps: entry.comps } : {}), ...(entry.filelists ? { filelists: entry.filelists } : {}),
      ...(entry.advisories ? { advisories: entry.advisories } : {}), ...(entry.advisoryError ? { advisoryError: entry.advisoryError } : {}),
    };
  }

  /** Comps of every repository in the pool, for group expansion and the UI. */
  compsModels(): CompsModel[] {
    return [...this.repos.values()].flatMap((r) => (r.comps ? [r.comps] : []));
  }

  /** Searches names, provides and summaries of every repository in the pool (the first search reads or builds each index). */
  async search(query: string, limit = 50): Promise<SearchHit[]> {
    const indexes = await Promise.all([...this.repos.entries()].map(([repoId, entry]) => this.searchIndexOf(repoId, entry)));
    return indexes.flatMap((index) => (index ? searchPackages(index, query, limit) : [])).slice(0, limit);
  }

  /**
   * ENTRY's search index, made once: from the cache, else the pack's file, else built from the pool
   * (and then kept in the cache). A load does not build it: a first answer does not wait for search.
   */
  private searchIndexOf(repoId: string, entry: RepoEntry): Promise<SearchIndexData | undefined> {
    entry.search ??= (async () => {
      const cache = this.env.cache;
      const { identity, repomdChecksum } = entry.facts;
      const kept = cache ? await cache.getSearchIndex(identity, repomdChecksum) : undefined;
      if (kept) return kept;
      if (entry.packSearch) {
        const read = await entry.packSearch();
        if (read.ok) {
          if (cache) await cache.putSearchIndex(identity, repomdChecksum, read.value);
          return read.value;
        }
        entry.info.notes.push(`${read.error.message} Search uses an index built from the pool instead.`);
      }
      // the repository may have been removed or replaced while the cache was read
      if (this.repos.get(repoId) !== entry) return undefined;
      const built = buildSearchIndex(this.resolver.packageList(repoId));
      if (cache) await cache.putSearchIndex(identity, repomdChecksum, built);
      return built;
    })();
    return entry.search;
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
      const added = await this.resolver.loadFilelists(repoId, bytes.value);
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
