/** PlaygroundState: what the page shows and does — repositories, the request, the resolver's answer. */
import { expandGroup, listBundledRepos, type BundledRepoEntry, type CompsModel, type RepoCacheSummary, type RepoError, type SearchHit } from '../lib/repo/index.ts';
import type { ExplainResult } from '../lib/resolve/resolver.ts';
import type { AddRepoOptions, RepoSource, SessionProgress, SessionRepo, SessionStats } from '../lib/resolve/session.ts';
import type { GroupPackageJob, ResolveRequest, ResolveResult } from '../lib/resolve/types.ts';
import type { ResolverWorkerInfo } from '../workers/resolver.api.ts';
import { ResolverClient, WorkerCrashedError } from '../workers/resolver.client.ts';
import type { ImageBuildOutcome } from '../workers/resolver.api.ts';
import { ProjectState } from './project.svelte.ts';

/** What the page is working on: an azldev project's images, or a quick package request. */
export type PlaygroundMode = 'project' | 'request';

/** The page's state word, mirrored on `<html data-playground-state>` for tests and embedders. */
export type PlaygroundPhase = 'loading' | 'resolving' | 'ready' | 'error';

/** The banner for an answer that came from a retry after the resolver crashed, or none. */
function crashNotice(result: ResolveResult): Banner | undefined {
  if (!result.notice) return undefined;
  return { message: 'The resolver crashed and was rebuilt from the cached repositories.', hint: 'The answer shown is from one retry; if it happens again, reload the page.', details: result.notice };
}

/** A failure shown in the banner: what happened, what to do, and details folded away. */
export interface Banner {
  message: string;
  hint?: string;
  details?: string;
}

const DEFAULT_REPO: RepoSource = { kind: 'bundle', id: 'centos-stream-9-baseos-2022' };
const DEFAULT_SPECS = 'bash\nopenssh-server';
const SOLVE_DEBOUNCE_MS = 150;

function lines(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

/** Parses a `repo=` query value: `[ID=]bundle:NAME` or `[ID=]URL`, ID naming the repository in the pool. */
function sourceFromParam(value: string): { source: RepoSource; options: AddRepoOptions } {
  const named = /^([A-Za-z0-9._-]+)=(.+)$/.exec(value);
  const options: AddRepoOptions = named ? { repoId: named[1]! } : {};
  const rest = named ? named[2]! : value;
  if (rest.startsWith('bundle:')) return { source: { kind: 'bundle', id: rest.slice('bundle:'.length) }, options };
  return { source: { kind: 'url', url: rest.replace(/^url:/, '') }, options };
}

/** The playground page's state, as Svelte rune fields; every slow step runs in the resolver worker. */
export class PlaygroundState {
  mode = $state<PlaygroundMode>('project');
  phase = $state<PlaygroundPhase>('loading');
  status = $state('Starting the resolver…');
  info = $state.raw<ResolverWorkerInfo | undefined>(undefined);
  bundled = $state.raw<BundledRepoEntry[]>([]);
  repos = $state.raw<SessionRepo[]>([]);
  comps = $state.raw<CompsModel[]>([]);
  cacheEntries = $state.raw<RepoCacheSummary[]>([]);
  stats = $state.raw<SessionStats | undefined>(undefined);

  specsText = $state(DEFAULT_SPECS);
  groupsText = $state('');
  excludesText = $state('');
  weakDeps = $state(true);
  best = $state(true);
  withOptional = $state(false);

  result = $state.raw<ResolveResult | undefined>(undefined);
  /** The result on screen belongs to an older request (a newer one is being solved or failed). */
  stale = $state(false);
  banner = $state.raw<Banner | undefined>(undefined);
  repoError = $state.raw<RepoError | undefined>(undefined);
  progress = $state.raw<SessionProgress | undefined>(undefined);
  busyRepos = $state(0);
  why = $state.raw<{ nevra: string; result: ExplainResult } | undefined>(undefined);
  searchQuery = $state('');
  searchHits = $state.raw<SearchHit[]>([]);

  private client: ResolverClient | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** The project side: files, images, the selected image's build. */
  readonly project = new ProjectState(
    () => this.client,
    () => {
      this.phase = 'resolving';
      this.stale = true;
      this.status = `Building ${this.project.image}…`;
    },
    (outcome) => this.showBuild(outcome),
    (err) => this.reportThrown(err),
    (err) => this.onOverlayCrash(err),
  );

  constructor() {
    $effect.root(() => {
      $effect(() => {
        document.documentElement.dataset.playgroundState = this.phase;
      });
    });
  }

  /** Group ids that match nothing in the loaded comps, with the expander's message. */
  groupProblems = $derived.by(() => this.expandGroups().problems);

  /** The request the form describes. */
  request = $derived.by((): ResolveRequest => ({
    specs: lines(this.specsText),
    groupPackages: this.expandGroups().jobs,
    excludes: lines(this.excludesText),
    weakDeps: this.weakDeps,
    best: this.best,
  }));

  private expandGroups(): { jobs: GroupPackageJob[]; problems: string[] } {
    const jobs: GroupPackageJob[] = [];
    const problems: string[] = [];
    for (const id of lines(this.groupsText)) {
      const expanded = expandGroup(this.comps, id, { arch: this.info?.arch ?? 'x86_64', withOptional: this.withOptional });
      if (expanded.ok) jobs.push(...expanded.value.jobs);
      else problems.push(`${expanded.error.message} ${expanded.error.hint}`);
    }
    return { jobs, problems };
  }

  /** Starts the worker, adds the repositories named in the URL (or the default bundle) and solves. */
  async start(params: URLSearchParams): Promise<void> {
    const quick = ['spec', 'group', 'repo'].some((k) => params.has(k)) || params.get('mode') === 'request';
    this.mode = quick ? 'request' : 'project';
    const specs = params.getAll('spec');
    if (specs.length) this.specsText = specs.join('\n');
    if (params.has('group')) this.groupsText = params.getAll('group').join('\n');
    if (params.has('exclude')) this.excludesText = params.getAll('exclude').join('\n');
    if (params.get('weak') === '0') this.weakDeps = false;
    if (params.get('best') === '0') this.best = false;

    this.client = new ResolverClient((err) => this.onCrash(err));
    const appBaseUrl = new URL(import.meta.env.BASE_URL, location.href).href;
    const memoryMiB = Number(params.get('resolverMemory'));
    const init = await this.client.init({
      arch: params.get('arch') ?? 'x86_64',
      appBaseUrl,
      ...(params.get('cacheDb') ? { cacheDbName: params.get('cacheDb')! } : {}),
      ...(memoryMiB > 0 ? { memoryLimitBytes: memoryMiB * 2 ** 20 } : {}),
      ...(params.get('debugTrap') === 'solve' ? { trapNextSolve: true } : {}),
    });
    if (!init.ok) {
      this.fail({ message: 'The resolver could not start.', hint: init.message });
      return;
    }
    this.info = init.info;
    const listed = await listBundledRepos({ fetch: fetch.bind(globalThis), appBaseUrl });
    if (listed.ok) this.bundled = listed.value;
    if (this.mode === 'project') {
      await this.openProject(appBaseUrl, params.get('project') ?? 'demo', params.get('image'));
      return;
    }
    const sources = params.getAll('repo').map(sourceFromParam);
    for (const { source, options } of sources.length ? sources : [{ source: DEFAULT_REPO, options: {} }]) await this.addRepo(source, options);
    await this.refreshCacheList();
    this.solveNow();
  }

  /** Opens an example project and builds its first image (or IMAGE). */
  private async openProject(appBaseUrl: string, id: string, image: string | null): Promise<void> {
    this.status = `Opening the ${id} project…`;
    try {
      if (!(await this.project.loadExample(appBaseUrl, id))) {
        this.fail({ message: `There is no example project called "${id}".`, hint: 'Open the playground without ?project= to get the demo.' });
        return;
      }
      if (image) this.project.selectImage(image);
      await this.project.buildNow();
    } catch (err) {
      this.reportThrown(err);
    }
  }

  /** Switches between the project view and the quick request. */
  async switchMode(mode: PlaygroundMode): Promise<void> {
    this.mode = mode;
    if (mode === 'request') {
      if (this.repos.length === 0) await this.addRepo(DEFAULT_REPO);
      else this.solveNow();
    } else if (this.project.files.size === 0) {
      await this.openProject(new URL(import.meta.env.BASE_URL, location.href).href, 'demo', null);
    } else await this.project.buildNow();
  }

  private showBuild(outcome: ImageBuildOutcome): void {
    this.result = outcome.result;
    if (outcome.result.notice) this.banner = crashNotice(outcome.result);
    this.stale = false;
    this.progress = undefined;
    this.phase = 'ready';
    const errors = outcome.diagnostics.filter((d) => d.severity === 'error').length;
    this.status = `${outcome.image}${outcome.profile ? ` (${outcome.profile})` : ''}: ${this.describe(outcome.result)}${errors ? ` · ${errors} error${errors === 1 ? '' : 's'} in the project` : ''}`;
    void this.refreshRepos();
  }

  /** Adds a repository from the bundle, a URL or local files, then re-solves. */
  async addRepo(source: RepoSource, options: AddRepoOptions = {}): Promise<boolean> {
    if (!this.client) return false;
    this.repoError = undefined;
    this.busyRepos++;
    this.phase = 'loading';
    this.status = `Loading ${source.kind === 'bundle' ? source.id : source.kind === 'url' ? source.url : 'local files'}…`;
    try {
      const added = await this.client.addRepo(source, options, (p) => (this.progress = p));
      if (!added.ok) {
        this.repoError = added.error;
        return false;
      }
      const r = added.repo;
      this.status = r.fromCache
        ? `${r.label}: ${r.solvables} packages from the cache (${Math.round(r.timings.loadMs)} ms, no XML parsed)`
        : `${r.label}: ${r.solvables} packages parsed in ${Math.round(r.timings.parseMs ?? 0)} ms${r.cacheNote ? ` — ${r.cacheNote}` : ''}`;
      await this.refreshRepos();
      return true;
    } catch (err) {
      this.reportThrown(err);
      return false;
    } finally {
      this.busyRepos--;
      this.progress = undefined;
      if (this.phase === 'loading') this.phase = this.banner ? 'error' : 'ready';
      if (this.mode === 'request') this.schedule();
    }
  }

  /** Removes a repository from the pool and re-solves. */
  async removeRepo(repoId: string): Promise<void> {
    await this.client?.removeRepo(repoId);
    await this.refreshRepos();
    this.schedule();
  }

  private async refreshRepos(): Promise<void> {
    if (!this.client) return;
    this.repos = await this.client.remote.listRepos();
    this.comps = await this.client.remote.comps();
    this.stats = await this.client.remote.stats();
  }

  /** Re-reads the cache listing (size, age) for the cache pane. */
  async refreshCacheList(): Promise<void> {
    if (this.client) this.cacheEntries = await this.client.remote.cacheList();
  }

  /** Deletes a cached repository. */
  async deleteCached(identity: string): Promise<void> {
    await this.client?.remote.cacheDelete(identity);
    await this.refreshCacheList();
  }

  /** Re-solves shortly after the last edit (typing should not queue a solve per keystroke). */
  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.solveNow(), SOLVE_DEBOUNCE_MS);
  }

  /** Solves the current request now. */
  solveNow(): void {
    clearTimeout(this.timer);
    if (this.mode !== 'request' || !this.client || this.busyRepos > 0 || this.repos.length === 0) return;
    const request = $state.snapshot(this.request) as ResolveRequest;
    if (request.specs.length === 0 && (request.groupPackages ?? []).length === 0) {
      this.result = undefined;
      this.phase = 'ready';
      this.status = 'Type a package name or a group to resolve.';
      return;
    }
    this.phase = 'resolving';
    this.stale = true;
    this.status = 'Resolving…';
    this.client.solve(request, (p) => (this.progress = p)).then(
      (result) => {
        if ('superseded' in result) return;
        this.result = result;
        this.stale = false;
        this.progress = undefined;
        this.banner = crashNotice(result);
        this.phase = 'ready';
        this.status = this.describe(result);
        void this.client?.remote.stats().then((s) => (this.stats = s));
      },
      (err) => this.reportThrown(err),
    );
  }

  private describe(result: ResolveResult): string {
    if (result.ok) return `${result.packages.length} packages · solved in ${result.stats.solveMs.toFixed(1)} ms`;
    if (result.kind === 'problems') return `Unsatisfiable: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}`;
    if (result.kind === 'no-match') return `No match for ${result.unmatched.map((u) => u.spec).join(', ')}`;
    return result.message;
  }

  /** Asks the worker why NEVRA is in the result. */
  async explain(nevra: string): Promise<void> {
    if (!this.client) return;
    this.why = { nevra, result: await this.client.remote.explain(nevra) };
  }

  /** Searches package names, provides and summaries of the loaded repositories. */
  async search(query: string): Promise<void> {
    this.searchQuery = query;
    if (!this.client || !query.trim()) {
      this.searchHits = [];
      return;
    }
    const hits = await this.client.remote.search(query, 20);
    if (this.searchQuery === query) this.searchHits = hits;
  }

  private onCrash(err: WorkerCrashedError): void {
    if (this.mode === 'project') {
      this.banner = { message: 'The resolver stopped and was restarted.', hint: 'Your edits are kept; the image is being built again.', details: err.message };
      void this.project.buildNow();
    } else {
      this.banner = { message: 'The resolver stopped and was restarted.', hint: 'Your request is kept; it is solved again once the repositories are back.', details: err.message };
      this.schedule();
    }
  }

  private onOverlayCrash(err: WorkerCrashedError): void {
    this.banner = { message: 'The overlay engine stopped and was restarted.', hint: 'Your edits are kept; the component is rendered again.', details: err.message };
  }

  private reportThrown(err: unknown): void {
    // The crash callbacks say what happened and start the work again; the calls a crash rejected have nothing to add.
    if (err instanceof WorkerCrashedError) return;
    const message = err instanceof Error ? err.message : String(err);
    this.fail({ message: 'Something went wrong in the resolver.', hint: 'Your edits are kept. Try again; if it repeats, reload the page.', details: message });
    console.error(err);
  }

  private fail(banner: Banner): void {
    this.banner = banner;
    this.phase = 'error';
    this.status = banner.message;
  }
}
