/** Playground: the page's state classes put together, and what crosses them — start-up, the mode, a restarted resolver. */
import { listBundledRepos, type FetchLike, type RepoSource } from '../lib/repo/index.ts';
import { loadExampleProject } from '../lib/project/examples.ts';
import type { AddRepoOptions } from '../lib/project/repo-session.ts';
import type { ResolveResult } from '../lib/resolve/types.ts';
import { sourceOfLocation } from '../lib/repo/index.ts';
import type { WorkerCrashedError } from '../workers/restarting-worker.ts';
import { AppStatus } from './app-status.svelte.ts';
import { OverlaysState, type OverlayLinkFactory } from './overlays.svelte.ts';
import { ProjectState } from './project.svelte.ts';
import { QuickRequestState } from './quick-request.svelte.ts';
import { RepositoriesState } from './repositories.svelte.ts';
import type { ResolverLink } from './resolver-link.ts';
import { SavedEditsState } from './saved-edits.svelte.ts';
import { WhyState } from './why.svelte.ts';
import { ShareState } from './share.svelte.ts';
import { UserProjectsState } from './user-projects.svelte.ts';
import { AppUpdateState } from './app-update.svelte.ts';
import { TabPresenceState, type PresenceChannel } from './tab-presence.svelte.ts';
import { saveKey } from './saved-edits.svelte.ts';
import { isUserProjectId } from '../lib/project/edit-store.ts';
import { isShareHash } from '../lib/share/link.ts';

/** What the page is working on: an azldev project's images, or a quick package request. */
export type PlaygroundMode = 'project' | 'request';

/** The answer on screen and where it came from (an image build or the quick request). */
export interface Answer {
  source: 'image' | 'request';
  result: ResolveResult;
  /** For an image: the whole build's time (repositories, overlays, solve, manifest). */
  buildMs?: number;
}

/** Everything the page's state is made from, outside Svelte: the workers' clients and the network. */
export interface PlaygroundEnvironment {
  /** Makes the resolver worker's client; ONCRASH runs after it died and was restarted. */
  createResolver(onCrash: (error: WorkerCrashedError) => void): ResolverLink;
  createOverlays: OverlayLinkFactory;
  fetch: FetchLike;
  /** Absolute URL of the app root (examples and bundled repositories live under it). */
  appBaseUrl: string;
  /** Replaces the page's address without a reload (history.replaceState); absent in tests. */
  replaceUrl?: (url: string) => void;
  /** The channel tabs with one project open warn each other on (a BroadcastChannel); absent in tests. */
  presenceChannel?: PresenceChannel;
}

const DEFAULT_REPO: RepoSource = { kind: 'bundle', id: 'centos-stream-9-baseos-2022' };

/** Parses a `repo=` query value: `[ID=]bundle:NAME` or `[ID=]URL`, ID naming the repository in the pool. */
function sourceFromParam(value: string): { source: RepoSource; options: AddRepoOptions } {
  const named = /^([A-Za-z0-9._-]+)=(.+)$/.exec(value);
  return { source: sourceOfLocation(named ? named[2]! : value), options: named ? { repoId: named[1]! } : {} };
}

/** The playground page's state; every slow step runs in a worker. */
export class Playground {
  mode = $state<PlaygroundMode>('project');
  readonly status = new AppStatus();
  readonly repositories: RepositoriesState;
  readonly request: QuickRequestState;
  readonly project: ProjectState;
  readonly why: WhyState;
  readonly share: ShareState;
  readonly userProjects: UserProjectsState;
  /** A new version of the app, offered by the service worker. */
  readonly update = new AppUpdateState();
  /** Other tabs with the same project open. */
  readonly presence: TabPresenceState;
  private readonly link: ResolverLink;

  constructor(private readonly env: PlaygroundEnvironment) {
    this.link = env.createResolver((error) => this.resolverRestarted(error));
    this.repositories = new RepositoriesState(this.link, this.status);
    this.request = new QuickRequestState(this.link, this.status, this.repositories);
    this.project = new ProjectState(this.link, this.status, this.repositories, new OverlaysState(this.status, env.createOverlays), new SavedEditsState());
    this.why = new WhyState(this.link, this.status);
    this.presence = new TabPresenceState(env.presenceChannel);
    this.project.saved.observer = { targetChanged: (key) => this.presence.watch(key), saved: (at) => this.presence.saved(at) };
    this.userProjects = new UserProjectsState(this.project, this.status, { fetch: env.fetch, appBaseUrl: env.appBaseUrl });
    this.share = new ShareState(this.project, this.request, this.repositories, this.status, { fetch: env.fetch, appBaseUrl: env.appBaseUrl, ...(env.replaceUrl ? { replaceUrl: env.replaceUrl } : {}) });
  }

  /** The answer on screen: the selected image's build in project mode, the quick request's result otherwise. */
  readonly answer = $derived.by((): Answer | undefined => {
    if (this.mode === 'project') {
      const build = this.project.build;
      return build ? { source: 'image', result: build.result, buildMs: build.buildMs } : undefined;
    }
    return this.request.result ? { source: 'request', result: this.request.result } : undefined;
  });

  /** The resolver is working (a solve, a build or a repository load): an update must not reload the page now. */
  get busy(): boolean {
    return this.project.building || this.project.editPending || this.repositories.busy > 0 || this.status.phase === 'resolving' || this.status.phase === 'loading';
  }

  /** The answer on screen belongs to an older input (a newer one is being worked on). */
  readonly stale = $derived.by(() => (this.mode === 'project' ? this.project.building : this.request.stale));

  /** Starts the resolver worker (`arch=` and `cacheDb=` of PARAMS) and lists the bundled repositories; false when the worker cannot start (the banner says why). */
  async boot(params: URLSearchParams): Promise<boolean> {
    const cacheDb = params.get('cacheDb');
    const init = await this.link.init({ arch: params.get('arch') ?? 'x86_64', appBaseUrl: this.env.appBaseUrl, ...(cacheDb ? { cacheDbName: cacheDb } : {}) });
    if (!init.ok) {
      this.status.fail({ source: 'resolver', message: 'The resolver could not start.', hint: init.error.message });
      return false;
    }
    this.repositories.info = init.value;
    const listed = await listBundledRepos({ fetch: this.env.fetch, appBaseUrl: this.env.appBaseUrl });
    if (listed.ok) this.repositories.bundled = listed.value;
    return true;
  }

  /** Starts the worker, then opens the share link in HASH, or the project or quick request the query names (the demo by default). */
  async start(params: URLSearchParams, hash = ''): Promise<void> {
    const quick = ['spec', 'group', 'repo'].some((k) => params.has(k)) || params.get('mode') === 'request';
    this.mode = quick ? 'request' : 'project';
    this.request.applyParams(params);
    if (!(await this.boot(params))) return;
    if (this.mode === 'project') {
      if (isShareHash(hash) && (await this.share.openHash(hash))) return;
      await this.openProject(params.get('project') ?? 'demo', params.get('image'));
      return;
    }
    const sources = params.getAll('repo').map(sourceFromParam);
    for (const { source, options } of sources.length ? sources : [{ source: DEFAULT_REPO, options: {} }]) await this.repositories.add(source, options);
    await this.repositories.refreshCacheList();
    this.request.solveNow();
  }

  /** Opens example project ID (or the user's project `my:…`) and builds IMAGE (or its first image). */
  private async openProject(id: string, image: string | null): Promise<void> {
    if (isUserProjectId(id)) {
      this.status.working('loading', 'Opening your project…');
      if (await this.userProjects.open(id)) {
        if (image) this.project.selectImage(image);
        await this.project.buildNow();
        return;
      }
      id = 'demo';
    }
    this.status.working('loading', `Opening the ${id} project…`);
    const example = await loadExampleProject(this.env.fetch, this.env.appBaseUrl, id);
    if (!example.ok) {
      const e = example.error;
      this.status.fail(
        e.kind === 'not-found'
          ? { source: 'example project', message: `There is no example project called "${id}".`, hint: `Open the playground without ?project= to get the demo${e.available.length ? `, or pick one of ${e.available.join(', ')}` : ''}.` }
          : { source: 'example project', message: `The ${id} example could not be read.`, hint: `${e.url}: ${e.message}.` },
      );
      return;
    }
    try {
      await this.project.open(example.value);
      if (image) this.project.selectImage(image);
      await this.project.buildNow();
    } catch (error) {
      this.status.thrown('resolver', error);
    }
  }

  /** Opens example ID or the user's project ID in place (the project menu), with the page's address following. */
  async switchProject(id: string): Promise<void> {
    this.share.opened = undefined;
    this.mode = 'project';
    this.env.replaceUrl?.(`${this.env.appBaseUrl}?project=${encodeURIComponent(id)}`);
    await this.openProject(id, null);
    void this.userProjects.refresh();
  }

  /** The shipped files of example ID (a new project starts from them); undefined when it cannot be read (the banner says why). */
  async exampleFiles(id: string): Promise<Map<string, string> | undefined> {
    const example = await loadExampleProject(this.env.fetch, this.env.appBaseUrl, id);
    if (example.ok) return example.value.files;
    this.status.fail({ source: 'example project', message: `The ${id} example could not be read.`, hint: example.error.kind === 'unreadable' ? `${example.error.url}: ${example.error.message}.` : 'This site does not ship it.' });
    return undefined;
  }

  /** Opens the open project again from what is saved (another tab saved newer edits). */
  async reloadSaved(): Promise<void> {
    const key = saveKey(this.project.saved.target);
    if (!key) return;
    this.presence.resolved();
    await this.openProject(key, this.project.image || null);
  }

  /** Switches between the project view and the quick request. */
  async switchMode(mode: PlaygroundMode): Promise<void> {
    this.mode = mode;
    if (mode === 'request') {
      if (this.repositories.repos.length === 0) await this.addRepo(DEFAULT_REPO);
      else this.request.solveNow();
    } else if (this.project.files.size === 0) {
      await this.openProject('demo', null);
    } else {
      this.request.cancelPending();
      await this.project.buildNow();
    }
  }

  /** Adds a repository to the pool; the quick request is solved again with it. */
  async addRepo(source: RepoSource, options: AddRepoOptions = {}): Promise<boolean> {
    const added = await this.repositories.add(source, options);
    if (this.mode === 'request') this.request.schedule();
    return added;
  }

  /** Removes a repository from the pool; the quick request is solved again without it. */
  async removeRepo(repoId: string): Promise<void> {
    await this.repositories.remove(repoId);
    if (this.mode === 'request') this.request.schedule();
  }

  private resolverRestarted(error: WorkerCrashedError): void {
    if (this.mode === 'project') {
      this.status.restarted('resolver', 'Your edits are kept; the image is being built again.', error);
      void this.project.buildNow();
    } else {
      this.status.restarted('resolver', 'Your request is kept; it is solved again once the repositories are back.', error);
      this.request.schedule();
    }
  }
}
