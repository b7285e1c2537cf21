/** RepositoriesState: the metadata in the resolver's pool, the bundled choices, the cache listing and package search. */
import type { SessionRepo, SessionStats, AddRepoOptions } from '../lib/project/repo-session.ts';
import { sourceOfIdentity } from '../lib/repo/identity.ts';
import type { BundledRepoEntry, CompsModel, RepoCacheSummary, RepoError, RepoSource, SearchHit } from '../lib/repo/index.ts';
import type { ResolverWorkerInfo } from '../workers/resolver.api.ts';
import type { AppStatus } from './app-status.svelte.ts';
import type { ResolverLink } from './resolver-link.ts';

/** A label for SOURCE while it loads. */
function sourceLabel(source: RepoSource): string {
  return source.kind === 'bundle' ? source.id : source.kind === 'url' || source.kind === 'pack' ? source.url : 'local files';
}

/** The repositories side of the page. */
export class RepositoriesState {
  info = $state.raw<ResolverWorkerInfo | undefined>(undefined);
  bundled = $state.raw<BundledRepoEntry[]>([]);
  repos = $state.raw<SessionRepo[]>([]);
  comps = $state.raw<CompsModel[]>([]);
  cacheEntries = $state.raw<RepoCacheSummary[]>([]);
  stats = $state.raw<SessionStats | undefined>(undefined);
  /** The last load that failed, with what to do. */
  error = $state.raw<RepoError | undefined>(undefined);
  /** Loads in flight; a solve waits until they end. */
  busy = $state(0);
  searchQuery = $state('');
  searchHits = $state.raw<SearchHit[]>([]);
  /** The repository being loaded now (its progress is `status.progress`), for the pane's Cancel. */
  loading = $state.raw<{ label: string } | undefined>(undefined);
  /** The last load the user cancelled, said once in the pane. */
  cancelled = $state<string | undefined>(undefined);

  private controller: AbortController | undefined;

  constructor(
    private readonly link: ResolverLink,
    private readonly status: AppStatus,
  ) {}

  /** Adds a repository from the bundle, a URL or local files; true when it is in the pool. */
  async add(source: RepoSource, options: AddRepoOptions = {}): Promise<boolean> {
    this.error = undefined;
    this.cancelled = undefined;
    this.busy++;
    this.status.working('loading', `Loading ${sourceLabel(source)}…`);
    const controller = new AbortController();
    this.controller = controller;
    this.loading = { label: sourceLabel(source) };
    try {
      const added = await this.link.addRepo(source, options, (p) => (this.status.progress = p), controller.signal);
      if (!added.ok) {
        if (added.error.code === 'repo/cancelled' && controller.signal.aborted) {
          this.cancelled = added.error.message;
          this.status.status = added.error.message;
        } else this.error = added.error;
        return false;
      }
      const r = added.value;
      this.status.status = r.fromCache
        ? `${r.label}: ${r.solvables} packages from the cache (${Math.round(r.timings.loadMs)} ms, no XML parsed)`
        : r.fromPack
          ? `${r.label}: ${r.solvables} packages from its metadata pack (${Math.round(r.timings.loadMs)} ms, no XML parsed)${r.cacheNote ? ` — ${r.cacheNote}` : ''}`
        : `${r.label}: ${r.solvables} packages parsed in ${Math.round(r.timings.parseMs ?? 0)} ms${r.cacheNote ? ` — ${r.cacheNote}` : ''}`;
      await this.refresh();
      return true;
    } catch (error) {
      this.status.thrown('metadata', error);
      return false;
    } finally {
      if (this.controller === controller) {
        this.controller = undefined;
        this.loading = undefined;
      }
      this.busy--;
      this.status.progress = undefined;
      if (this.status.phase === 'loading') this.status.phase = this.status.banner ? 'error' : 'ready';
    }
  }

  /** Stops the repository load in progress (its download is aborted in the worker; nothing of it is kept). */
  cancelLoad(): void {
    this.controller?.abort();
  }

  /** Reads REPO again from its source (not possible for dropped files). */
  async refreshRepo(repo: SessionRepo): Promise<boolean> {
    const source = sourceOfIdentity(repo.identity);
    return source ? this.add(source, { repoId: repo.repoId, refresh: true }) : false;
  }

  /** Removes a repository from the pool. */
  async remove(repoId: string): Promise<void> {
    await this.link.removeRepo(repoId);
    await this.refresh();
  }

  /** Re-reads the pool's repositories, comps and counters from the worker. */
  async refresh(): Promise<void> {
    this.repos = await this.link.remote.listRepos();
    this.comps = await this.link.remote.comps();
    this.stats = await this.link.remote.stats();
  }

  /** Re-reads the counters alone (after a solve). */
  async refreshStats(): Promise<void> {
    this.stats = await this.link.remote.stats();
  }

  /** Re-reads the cache listing (size, age) for the cache pane. */
  async refreshCacheList(): Promise<void> {
    this.cacheEntries = await this.link.remote.cacheList();
  }

  /** Deletes a cached repository. */
  async deleteCached(identity: string): Promise<void> {
    await this.link.remote.cacheDelete(identity);
    await this.refreshCacheList();
  }

  /** Package names of the loaded repositories matching PREFIX (the editor's completion); nothing is kept. */
  async searchNames(prefix: string, limit = 30): Promise<SearchHit[]> {
    if (!prefix.trim()) return [];
    return (await this.link.remote.search(prefix, limit * 2)).filter((h) => h.match === 'name-exact' || h.match === 'name-prefix' || h.match === 'name').slice(0, limit);
  }

  /** Searches package names, provides and summaries of the loaded repositories; only the newest query's hits are kept. */
  async search(query: string): Promise<void> {
    this.searchQuery = query;
    if (!query.trim()) {
      this.searchHits = [];
      return;
    }
    const hits = await this.link.remote.search(query, 20);
    if (this.searchQuery === query) this.searchHits = hits;
  }
}
