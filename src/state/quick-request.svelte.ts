/** QuickRequestState: the quick package request (specs, groups, excludes, switches) and its answer, solved as you type. */
import { expandGroup } from '../lib/repo/index.ts';
import type { GroupPackageJob, ResolveRequest, ResolveResult } from '../lib/resolve/types.ts';
import type { AppStatus } from './app-status.svelte.ts';
import type { RepositoriesState } from './repositories.svelte.ts';
import type { ResolverLink } from './resolver-link.ts';

const DEFAULT_SPECS = 'bash\nopenssh-server';
const SOLVE_DEBOUNCE_MS = 150;

/** The non-empty, non-comment entries of a list typed one per line (commas also separate). */
export function listEntries(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

/** A one-line summary of RESULT for the status line. */
export function describeResult(result: ResolveResult): string {
  if (result.ok) return `${result.packages.length} packages · solved in ${result.stats.solveMs.toFixed(1)} ms`;
  if (result.kind === 'problems') return `Unsatisfiable: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}`;
  if (result.kind === 'no-match') return `No match for ${result.unmatched.map((u) => u.spec).join(', ')}`;
  return result.message;
}

/** The quick request form and its answer. */
export class QuickRequestState {
  specsText = $state(DEFAULT_SPECS);
  groupsText = $state('');
  excludesText = $state('');
  weakDeps = $state(true);
  best = $state(true);
  withOptional = $state(false);

  result = $state.raw<ResolveResult | undefined>(undefined);
  /** The newest package set, kept on screen (dimmed) while a newer request has none. */
  lastGood = $state.raw<Extract<ResolveResult, { ok: true }> | undefined>(undefined);
  /** The result on screen belongs to an older request (a newer one is being solved or failed). */
  stale = $state(false);

  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly link: ResolverLink,
    private readonly status: AppStatus,
    private readonly repositories: RepositoriesState,
  ) {}

  /** The groups typed (in the groups box, or as `@group` / `@^environment` among the specs, as dnf takes them), expanded over the loaded comps once per change. */
  readonly groups = $derived.by((): { jobs: GroupPackageJob[]; problems: string[] } => {
    const jobs: GroupPackageJob[] = [];
    const problems: string[] = [];
    const asked = [
      ...listEntries(this.groupsText).map((id) => ({ id, kind: undefined })),
      ...listEntries(this.specsText)
        .filter((s) => s.startsWith('@'))
        .map((s) => (s.startsWith('@^') ? { id: s.slice(2), kind: 'environment' as const } : { id: s.slice(1), kind: 'group' as const })),
    ];
    for (const { id, kind } of asked) {
      const expanded = expandGroup(this.repositories.comps, id, { arch: this.repositories.info?.arch ?? 'x86_64', withOptional: this.withOptional, ...(kind ? { kind } : {}) });
      if (expanded.ok) jobs.push(...expanded.value.jobs);
      else problems.push(`${expanded.error.message} ${expanded.error.hint}`);
    }
    return { jobs, problems };
  });

  /** The request the form describes. */
  readonly request = $derived.by(
    (): ResolveRequest => ({
      specs: listEntries(this.specsText).filter((s) => !s.startsWith('@')),
      groupPackages: this.groups.jobs,
      excludes: listEntries(this.excludesText),
      weakDeps: this.weakDeps,
      best: this.best,
    }),
  );

  /** Takes the request from a link's query (`spec`, `group`, `exclude`, `weak=0`, `best=0`). */
  applyParams(params: URLSearchParams): void {
    const specs = params.getAll('spec');
    if (specs.length) this.specsText = specs.join('\n');
    if (params.has('group')) this.groupsText = params.getAll('group').join('\n');
    if (params.has('exclude')) this.excludesText = params.getAll('exclude').join('\n');
    if (params.get('weak') === '0') this.weakDeps = false;
    if (params.get('best') === '0') this.best = false;
  }

  /** Adds package NAME to the specs (from a search hit) and re-solves shortly after. */
  addSpec(name: string): void {
    this.specsText = `${this.specsText.trimEnd()}\n${name}`.trimStart();
    this.schedule();
  }

  /** Takes spec NAME out of the request (a fix from the Problems tab) and re-solves. */
  removeSpec(name: string): void {
    this.specsText = this.specsText
      .split('\n')
      .filter((l) => l.trim() !== name)
      .join('\n');
    this.schedule();
  }

  /** Re-solves shortly after the last edit (typing should not queue a solve per keystroke). */
  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.solveNow(), SOLVE_DEBOUNCE_MS);
  }

  /** Solves the current request now (nothing while repositories load or none is loaded). */
  solveNow(): void {
    clearTimeout(this.timer);
    if (this.repositories.busy > 0 || this.repositories.repos.length === 0) return;
    const request = $state.snapshot(this.request) as ResolveRequest;
    if (request.specs.length === 0 && (request.groupPackages ?? []).length === 0) {
      this.result = undefined;
      this.status.ready('Type a package name or a group to resolve.');
      return;
    }
    this.stale = true;
    this.status.working('resolving', 'Resolving…');
    this.link.solve(request, (p) => (this.status.progress = p)).then(
      (result) => {
        if ('superseded' in result) return;
        this.result = result;
        if (result.ok) this.lastGood = result;
        this.stale = false;
        if (result.notice) this.status.recovered(result.notice);
        else this.status.banner = undefined;
        this.status.ready(describeResult(result));
        void this.repositories.refreshStats();
      },
      (error) => this.status.thrown('resolver', error),
    );
  }

  /** Stops a pending debounced solve (leaving the quick request). */
  cancelPending(): void {
    clearTimeout(this.timer);
  }
}
