/** Playground: the page's state classes put together, and what crosses them — start-up, the mode, a restarted resolver. */
import { CapabilitiesState } from './capabilities.svelte.ts';
import { opensQuickRequest } from '../lib/project/page-mode.ts';
import { DeviationsState } from './deviations.svelte.ts';
import { listBundledRepos } from '../lib/repo/bundle-list.ts';
import type { FetchLike, RepoSource } from '../lib/repo/index.ts';
import { loadExampleProject } from '../lib/project/examples.ts';
import type { AddRepoOptions } from '../lib/project/repo-session.ts';
import type { ResolveResult } from '../lib/resolve/types.ts';
import { sourceOfLocation } from '../lib/repo/identity.ts';
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
import { CheckoutState } from './checkout.svelte.ts';
import { AppUpdateState } from './app-update.svelte.ts';
import { TabPresenceState, type PresenceChannel } from './tab-presence.svelte.ts';
import { saveKey } from './saved-edits.svelte.ts';
import { isUserProjectId } from '../lib/project/edit-store.ts';
import { isShareHash } from '../lib/share/link.ts';
import { whyChain, type WhyHop } from '../lib/project/why-chain.ts';
import { PackageTableState } from './package-table.svelte.ts';
import { DiffState } from './diff.svelte.ts';
import { WorkbenchState, type PreferenceStore } from './workbench.svelte.ts';

/** What the page is working on: an azldev project's images, or a quick package request. */
export type PlaygroundMode = 'project' | 'request';

/** What a settled answer holds, mirrored on `<html data-playground-result>`. */
export type ResultKind = 'ok' | 'problems' | 'no-match' | 'invalid';

/** Why the package set on screen is not the answer to the current input. */
export interface OutOfDate {
  why: 'resolving' | 'invalid' | 'problems' | 'no-match' | 'image-missing';
  /** Where to fix it, when a file line is to blame. */
  at?: { file: string; line: number };
  /** One line for the marker above the dimmed result. */
  text: string;
}

/** The answer on screen and where it came from (an image build or the quick request). */
export interface Answer {
  source: 'image' | 'request';
  /** The newest answer: a package set, problems, specs that matched nothing, or invalid input. */
  result: ResolveResult;
  /** The package set to show: the newest when it is one, else the last good one (dimmed). */
  shown?: Extract<ResolveResult, { ok: true }>;
  /** Set while `shown` is not the answer to the current input. */
  outOfDate?: OutOfDate;
  /** For an image: the whole build's time (repositories, overlays, solve, manifest). */
  buildMs?: number;
}

/** The kind of RESULT for `data-playground-result`. */
export function resultKind(result: ResolveResult): ResultKind {
  return result.ok ? 'ok' : result.kind;
}

function where(at: { file: string; line: number } | undefined): string {
  return at ? (at.line > 0 ? `${at.file}:${at.line}` : at.file) : '';
}

/** Why a non-ok RESULT leaves the shown package set behind, blaming AT when a line is known. */
function outOfDateFor(result: Exclude<ResolveResult, { ok: true }>, at: { file: string; line: number } | undefined): OutOfDate {
  const located = at && at.file !== '<request>' ? at : undefined;
  if (result.kind === 'problems') return { why: 'problems', ...(located ? { at: located } : {}), text: 'out of date: the request has no solution; see Problems' };
  if (result.kind === 'no-match') return { why: 'no-match', ...(located ? { at: located } : {}), text: `out of date: nothing matches ${result.unmatched.map((u) => u.spec).join(', ')}${located ? ` (${where(located)})` : ''}` };
  return { why: 'invalid', ...(located ? { at: located } : {}), text: located ? `out of date: fix the error in ${where(located)}` : `out of date: ${result.message}` };
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
  /** Where small preferences (the theme) are kept; the page passes localStorage. */
  preferences?: PreferenceStore;
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
  /** Folders and .zip files opened from the Projects menu, and the checkout opened in place. */
  readonly checkout: CheckoutState;
  /** A new version of the app, offered by the service worker. */
  readonly update = new AppUpdateState();
  /** Other tabs with the same project open. */
  readonly presence: TabPresenceState;
  readonly capabilities: CapabilitiesState;
  readonly deviations: DeviationsState;
  readonly workbench: WorkbenchState;
  readonly table: PackageTableState;
  readonly diff: DiffState;
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
    this.checkout = new CheckoutState(this.project, this.userProjects, { openUserProject: (id) => this.switchProject(id) });
    this.share = new ShareState(this.project, this.request, this.repositories, this.status, { fetch: env.fetch, appBaseUrl: env.appBaseUrl, ...(env.replaceUrl ? { replaceUrl: env.replaceUrl } : {}) });
    this.capabilities = new CapabilitiesState(this.link, this.status, this.project);
    this.deviations = new DeviationsState(this.link, this.status);
    this.workbench = new WorkbenchState(env.preferences);
    this.diff = new DiffState(() => {
      const shown = this.answer?.shown;
      if (!shown) return undefined;
      const p = this.project;
      return { label: this.mode === 'project' ? `${p.image}${p.profile ? ` (${p.profile})` : ''} ${p.arch}` : 'quick request', packages: shown.packages };
    });
    this.table = new PackageTableState(this.link, () => ({ packages: this.answer?.shown?.packages ?? [], installerSpecs: this.installerSpecs, userSpecs: this.userSpecs }));
  }

  /** The specs an image's installer adds on its own (the package table's "installer" layer). */
  private readonly installerSpecs = $derived.by(() => {
    const build = this.mode === 'project' ? (this.project.lastGood ?? this.project.build) : undefined;
    return new Set(build?.layers.filter((l) => l.kind === 'installer-implied').flatMap((l) => l.entries.map((e) => e.text)) ?? []);
  });

  /** One line about package NAME for the editor's hover: from the answer on screen, else from the loaded metadata. */
  async describePackage(name: string): Promise<string | undefined> {
    const inAnswer = this.answer?.shown?.packages.find((p) => p.name === name);
    if (inAnswer) return `${inAnswer.nevra} (${inAnswer.repo}) — ${inAnswer.summary}`;
    const hit = (await this.repositories.searchNames(name, 5)).find((h) => h.name === name);
    const v = hit?.variants[0];
    return hit ? `${hit.name} ${v ? `${v.evr}.${v.arch} (${v.repo})` : ''} — ${hit.summary}; not in the answer` : undefined;
  }

  /** The shortest chain from what was asked for to NEVRA in the answer on screen. */
  whyChain(nevra: string): WhyHop[] | undefined {
    return whyChain(this.answer?.shown?.packages ?? [], nevra);
  }

  /** The specs the user wrote in an image's user layers (undefined in the quick request, where every job is the user's). */
  private readonly userSpecs = $derived.by((): ReadonlySet<string> | undefined => {
    // not the live request text: rows would be rebuilt on every keystroke
    if (this.mode === 'request') return undefined;
    const build = this.project.lastGood ?? this.project.build;
    return new Set(build?.layers.filter((l) => l.kind === 'user').flatMap((l) => l.entries.map((e) => e.text)) ?? []);
  });

  /** Opens Why for NEVRA of the answer on screen. */
  explain(nevra: string): void {
    this.workbench.showAnswer('why');
    void this.why.explain(nevra);
  }

  /** The answer on screen: the selected image's build in project mode, the quick request's result otherwise. */
  readonly answer = $derived.by((): Answer | undefined => (this.mode === 'project' ? this.imageAnswer() : this.requestAnswer()));

  /** The resolver is working (a solve, a build or a repository load): an update must not reload the page now. */
  get busy(): boolean {
    return this.project.building || this.project.editPending || this.repositories.busy > 0 || this.status.phase === 'resolving' || this.status.phase === 'loading';
  }

  /** The answer on screen belongs to an older input (a newer one is being worked on). */
  readonly stale = $derived.by(() => (this.mode === 'project' ? this.project.building : this.request.stale));

  /** What a settled answer holds, for `data-playground-result`; undefined before the first one. */
  readonly resultKind = $derived.by((): ResultKind | undefined => {
    const answer = this.answer;
    return answer ? resultKind(answer.result) : undefined;
  });

  private imageAnswer(): Answer | undefined {
    const { build, lastGood, firstError } = this.project;
    if (!build) return undefined;
    const result = build.result;
    const answer: Answer = { source: 'image', result, buildMs: build.buildMs };
    const shown = result.ok ? result : lastGood?.result.ok ? lastGood.result : undefined;
    if (shown) answer.shown = shown;
    const errorAt = firstError && firstError.file !== '<request>' ? { file: firstError.file, line: firstError.line } : undefined;
    if (this.project.imageMissing) {
      answer.outOfDate = {
        why: 'image-missing',
        ...(errorAt ? { at: errorAt } : {}),
        text: `out of date: the project no longer defines the image ${this.project.image}${errorAt ? `; fix the error in ${where(errorAt)}` : ''}`,
      };
    } else if (!result.ok) {
      answer.outOfDate = outOfDateFor(result, errorAt);
    } else if (this.project.building) {
      answer.outOfDate = { why: 'resolving', text: 'out of date: resolving your edit…' };
    }
    return answer;
  }

  private requestAnswer(): Answer | undefined {
    const { result, lastGood, stale } = this.request;
    if (!result) return undefined;
    const answer: Answer = { source: 'request', result };
    const shown = result.ok ? result : lastGood;
    if (shown) answer.shown = shown;
    if (!result.ok) answer.outOfDate = outOfDateFor(result, undefined);
    else if (stale) answer.outOfDate = { why: 'resolving', text: 'out of date: resolving…' };
    return answer;
  }

  /**
   * Starts the resolver worker (`arch=`, `cacheDb=`, the memory budget `resolverMemory=MiB` and the
   * test hook `debugTrap=solve` of PARAMS) and lists the bundled repositories; false when the worker
   * cannot start (the banner says why).
   */
  async boot(params: URLSearchParams): Promise<boolean> {
    this.project.arch = params.get('arch') ?? 'x86_64';
    const cacheDb = params.get('cacheDb');
    const memoryMiB = Number(params.get('resolverMemory'));
    // the bundled list is read while the worker compiles the module
    const [init, listed] = await Promise.all([
      this.link.init({
        arch: params.get('arch') ?? 'x86_64',
        appBaseUrl: this.env.appBaseUrl,
        ...(cacheDb ? { cacheDbName: cacheDb } : {}),
        ...(memoryMiB > 0 ? { memoryLimitBytes: memoryMiB * 2 ** 20 } : {}),
        ...(params.get('debugTrap') === 'solve' ? { trapNextSolve: true } : {}),
      }),
      listBundledRepos({ fetch: this.env.fetch, appBaseUrl: this.env.appBaseUrl }),
    ]);
    if (!init.ok) {
      this.status.fail({ source: 'resolver', message: 'The resolver could not start.', hint: init.error.message });
      return false;
    }
    this.repositories.info = init.value;
    if (listed.ok) this.repositories.bundled = listed.value;
    return true;
  }

  /** Starts the worker, then opens the share link in HASH, or the project or quick request the query names (the demo by default). */
  async start(params: URLSearchParams, hash = ''): Promise<void> {
    this.mode = opensQuickRequest(params) ? 'request' : 'project';
    this.request.applyParams(params);
    // An example opened at start is read (and the saved edits' database opened) while the worker starts.
    const id = params.get('project') ?? 'demo';
    const early = this.mode === 'project' && !isShareHash(hash) && !isUserProjectId(id) ? this.readExample(id) : undefined;
    if (!(await this.boot(params))) return;
    if (this.mode === 'project') {
      if (isShareHash(hash) && (await this.share.openHash(hash))) return;
      await this.openProject(id, params.get('image'), early);
      return;
    }
    const sources = params.getAll('repo').map(sourceFromParam);
    for (const { source, options } of sources.length ? sources : [{ source: DEFAULT_REPO, options: {} }]) await this.repositories.add(source, options);
    await this.repositories.refreshCacheList();
    this.request.solveNow();
  }

  /** Starts reading example ID and opening the saved edits' database. */
  private readExample(id: string): ReturnType<typeof loadExampleProject> {
    void this.project.saved.open();
    return loadExampleProject(this.env.fetch, this.env.appBaseUrl, id);
  }

  /** Opens example project ID (or the user's project `my:…`) and builds IMAGE (or its first image); READING: ID's files, when already being read. */
  private async openProject(id: string, image: string | null, reading?: ReturnType<typeof loadExampleProject>): Promise<void> {
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
    const example = await (reading ?? loadExampleProject(this.env.fetch, this.env.appBaseUrl, id));
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
    this.checkout.close();
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
