/** ImageSession: builds a project's images in the browser from the repositories of a ResolverSession. */
import type { ManifestAdvisory } from '../export/index.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { ProjectFiles } from '../config/index.ts';
import { toResolveRequest, type ImagePackageRequest, type SourceRef } from '../image/request.ts';
import { solverDiagnostics } from './answer-lines.ts';
import { whatIfExcluded, type WhatIfOutcome } from './what-if.ts';
import { identityOfSource, locationsOfIdentity, sourceOfLocation } from '../repo/index.ts';
import { requestNeedsFilelists } from '../resolve/filelists.ts';
import { ResolverCrashError, type ExplainResult, type Resolver } from '../resolve/resolver.ts';
import type { ResolveResult } from '../resolve/types.ts';
import { err, ok, type MessageError, type Result } from '../result.ts';
import { buildImage } from './build/build-image.ts';
import type { CapabilityReport } from './capability-check.ts';
import type { ImageExportFormat } from './build/exports.ts';
import { loadedReposFromSession } from './build/loaded-repo.ts';
import type { ComponentOverlayStatus, ImageBuildResult, ImageBuildSuccess, OverlayPackageChange } from './build/types.ts';
import type { ProjectLoader } from './load.ts';
import { planImage, type ImagePlan } from './plan-image.ts';
import type { ResolverSession, SessionProgress } from './repo-session.ts';

/** One layer of what an image asks for, as the page lists it. */
export interface RequestLayerView {
  kind: string;
  label: string;
  entries: { text: string; note?: string; origin: SourceRef }[];
}

/** Solver switches the page sets over what an image's description says. */
export interface BuildOverrides {
  weakDeps?: boolean;
  best?: boolean;
}

/** An image build as the page shows it (cloneable: it crosses the worker boundary). */
export interface ImageBuildOutcome {
  image: string;
  profile: string | null;
  /**
   * The resolver's answer with its own figures; for a project or description that stops the build
   * before the solve, `invalid` with the first error (the diagnostics hold them all).
   */
  result: ResolveResult;
  /** The whole build: repositories, overlays, solve and manifest. */
  buildMs: number;
  overlayChanges: OverlayPackageChange[];
  components: ComponentOverlayStatus[];
  diagnostics: Diagnostic[];
  /** The repositories the build used, with the sha256 of the repomd.xml each was read from (share links record it). */
  repos: { id: string; url: string; repomdSha256: string }[];
  /** What the image asks for, by layer: the user's lists, groups, and what the installer adds on its own. */
  layers: RequestLayerView[];
  /** Advisories (updateinfo of the repositories in use) that affect a package of the image. */
  advisories: ManifestAdvisory[];
  /** The solver switches the build used (the description's, or the page's overrides). */
  settings?: { weakDeps: boolean; best: boolean };
}

/** Which image to build and how. */
export interface ImageBuildRequest {
  files: ProjectFiles;
  image: string;
  profile?: string;
  arch: string;
  overrides?: BuildOverrides;
}

function resolveResultOf(build: ImageBuildResult): ResolveResult {
  if (build.ok) return { ok: true, packages: build.packages, stats: build.stats, skipped: build.skipped };
  if (build.kind === 'problems') return { ok: false, kind: 'problems', problems: build.problems, text: build.text, stats: build.stats };
  if (build.kind === 'no-match') return { ok: false, kind: 'no-match', unmatched: build.unmatched };
  const first = build.diagnostics.find((d) => d.severity === 'error');
  return { ok: false, kind: 'invalid', message: first ? `${first.file}${first.line ? `:${first.line}` : ''}: ${first.message}` : 'the image could not be built' };
}

function layersOf(request: ImagePackageRequest): RequestLayerView[] {
  return request.layers.map((l) => ({
    kind: l.kind,
    label: l.label,
    entries: [
      ...l.specs.map((e) => ({ text: e.spec, origin: e.origin, ...(e.note ? { note: e.note } : {}) })),
      ...l.groups.map((g) => ({ text: `@${g.kind === 'environment' ? '^' : ''}${g.id}`, origin: g.origin, ...(g.note ? { note: g.note } : {}) })),
    ],
  }));
}

/** What the page shows of BUILD, which took MS; a problem or an unmatched spec is also a diagnostic on the line that asked. */
export function imageBuildOutcome(image: string, profile: string | undefined, build: ImageBuildResult, ms: number): ImageBuildOutcome {
  const asked = build.ok || build.kind !== 'input' ? build.request : undefined;
  const solver = !build.ok && build.kind !== 'input' ? solverDiagnostics(build, build.request, build.kind === 'problems' ? build.groupJobs : [], { file: build.entry.loc.file, line: build.entry.loc.line }) : [];
  return {
    image,
    profile: build.ok ? build.profile : (profile ?? null),
    result: resolveResultOf(build),
    buildMs: ms,
    overlayChanges: build.ok ? build.overlayChanges : [],
    components: build.ok ? build.components : [],
    diagnostics: [...build.diagnostics, ...solver],
    repos: build.ok ? build.repos.map((r) => ({ id: r.id, url: r.url, repomdSha256: r.loaded.info.repomdChecksum })) : [],
    layers: asked ? layersOf(asked) : [],
    advisories: build.ok ? (build.manifest.advisories ?? []) : [],
    ...(asked ? { settings: { weakDeps: asked.weakDeps, best: asked.best } } : {}),
  };
}

/** Builds images with their own resolver (the quick-request pool stays as the user left it). */
export class ImageSession {
  private last: ImageBuildSuccess | undefined;
  private lastFiles: ProjectFiles = new Map();

  constructor(
    private readonly session: ResolverSession,
    private readonly imageResolver: Resolver,
    private readonly projects: ProjectLoader,
  ) {}

  /** Makes sure the repositories the plan wants are in the session (from the cache when possible); stops at the first load SIGNAL cancelled, with the error on the line that asked for it. */
  private async ensureRepos(plan: ImagePlan, onProgress?: (p: SessionProgress) => void, signal?: AbortSignal): Promise<{ diagnostics: Diagnostic[]; cancelled?: Diagnostic }> {
    const diagnostics: Diagnostic[] = [];
    for (const repo of plan.wanted) {
      // a pack made from a mirror stands for that mirror's URL too (its facts keep the URL as baseUrl)
      const loaded = new Set(
        this.session.listRepos().flatMap((r) => {
          const baseUrl = this.session.repoContent(r.repoId)?.facts.baseUrl;
          return [...locationsOfIdentity(r.identity), ...(baseUrl ? [baseUrl] : [])];
        }),
      );
      const source = sourceOfLocation(repo.url);
      const identity = identityOfSource(source);
      if ((identity && loaded.has(identity)) || loaded.has(repo.url)) continue;
      const added = await this.session.addRepo(source, { repoId: repo.id, ...(repo.priority !== undefined ? { priority: repo.priority } : {}), ...(repo.cost !== undefined ? { cost: repo.cost } : {}) }, onProgress, signal);
      if (!added.ok && added.error.code === 'repo/cancelled') {
        const at = repo.origin;
        return { diagnostics, cancelled: { file: at.file, line: at.line, col: at.col, severity: 'error', code: 'image/cancelled', message: `the build was cancelled while repository ${repo.id} (${repo.url}) loaded; nothing of it was kept`, hint: 'Build again (edit a file, or choose the image again) when you are ready.' } };
      }
      if (!added.ok)
        diagnostics.push({ file: repo.origin.file, line: repo.origin.line, col: repo.origin.col, severity: 'error', code: 'image/repo-fetch', message: `repository ${repo.id} (${repo.url}): ${added.error.message}`, hint: added.error.hint });
    }
    // a warm-started repository has no filelists at hand; the build needs them for a requested path
    if (requestNeedsFilelists(toResolveRequest(plan.described.request))) {
      const failed = await this.session.ensureFilelists(onProgress);
      const at = plan.entry.loc;
      if (failed) diagnostics.push({ file: at.file, line: at.line, col: at.col, severity: 'warning', code: 'image/filelists', message: `file lists could not be loaded: ${failed}` });
    }
    return { diagnostics };
  }

  /** Plans the image, loads its repositories into the session as needed (SIGNAL cancels those loads, and the build with them), then builds it (overlays, solve, manifest). */
  async build(request: ImageBuildRequest, onProgress?: (p: SessionProgress) => void, signal?: AbortSignal): Promise<ImageBuildOutcome> {
    const t0 = performance.now();
    const { files, image, profile, arch } = request;
    const plan = planImage(files, image, { arch, ...(profile !== undefined ? { profile } : {}), loaded: this.projects.load(files) });
    let build: ImageBuildResult;
    let notice: string | undefined;
    if (!plan.ok) build = { ok: false, kind: 'input', diagnostics: plan.error };
    else {
      const { diagnostics: fetchDiagnostics, cancelled } = await this.ensureRepos(plan.value, onProgress, signal);
      if (cancelled) return imageBuildOutcome(image, profile, { ok: false, kind: 'input', diagnostics: [cancelled, ...fetchDiagnostics] }, performance.now() - t0);
      onProgress?.({ phase: 'solve' });
      const built = await this.buildRecovering(plan.value, request.overrides ?? {});
      build = built.build;
      notice = built.notice;
      if (fetchDiagnostics.length) build.diagnostics.unshift(...fetchDiagnostics);
    }
    this.last = build.ok ? build : undefined;
    this.lastFiles = files;
    const outcome = imageBuildOutcome(image, profile, build, performance.now() - t0);
    if (notice) outcome.result = { ...outcome.result, notice };
    return outcome;
  }

  /**
   * Builds PLAN; if the image resolver's instance traps, waits for it to be rebuilt from the kept
   * .solv files and builds once more, with a notice saying so (as ResolverSession's solves do). A
   * second trap is thrown.
   */
  private async buildRecovering(plan: ImagePlan, overrides: BuildOverrides): Promise<{ build: ImageBuildResult; notice?: string }> {
    await this.imageResolver.ready();
    try {
      return { build: await buildImage(this.imageResolver, plan, loadedReposFromSession(this.session), overrides) };
    } catch (error) {
      if (!(error instanceof ResolverCrashError)) throw error;
      await this.imageResolver.ready();
      return { build: await buildImage(this.imageResolver, plan, loadedReposFromSession(this.session), overrides), notice: `${error.message}; this image is from one retry.` };
    }
  }

  /** The last build solved again with NAME excluded (what would leave the image, or the problem); the pool is left as the build left it. */
  whatIfExcluded(name: string): WhatIfOutcome {
    const last = this.last;
    if (!last) return { ok: false, kind: 'invalid', message: 'there is no successful image build to try this on' };
    return whatIfExcluded(this.imageResolver, last.resolveRequest, last.packages, name);
  }

  /** The decision chain behind one package of the last image build. */
  explain(nevra: string): ExplainResult {
    return this.imageResolver.explain(nevra);
  }

  /** The last successful build's capability checks; null when its image declares no capabilities. */
  async checkCapabilities(): Promise<Result<CapabilityReport | null, MessageError>> {
    const { last, lastFiles } = this;
    if (!last) return err({ message: 'there is no successful image build to check yet' });
    const capabilities = this.projects.load(lastFiles).project.images[last.entry.name]?.value.capabilities;
    if (!capabilities || Object.keys(capabilities).length === 0) return ok(null);
    // the checks' code loads on first use, so a first answer does not wait for it
    const { checkBuildCapabilities } = await import('./capability-check.ts');
    return ok(checkBuildCapabilities(this.imageResolver, last, lastFiles, capabilities));
  }

  /** The last successful build, exported in FORMAT (the bytes `azl-playground image` writes). */
  async export(format: ImageExportFormat, packages?: 'names' | 'nevra'): Promise<Result<string, MessageError>> {
    const last = this.last;
    if (!last) return err({ message: 'there is no successful image build to export yet' });
    // the writers load on first export, so a first answer does not wait for them
    const { exportImage } = await import('./build/exports.ts');
    return ok(exportImage(last, { format, ...(packages ? { packages } : {}) }));
  }
}
