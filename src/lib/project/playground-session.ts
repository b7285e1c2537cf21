/** PlaygroundSession: what the resolver worker serves — the quick request's pool, the project's image builds, and which of them answered last. */
import type { ProjectFiles } from '../config/index.ts';
import type { ExplainResult, Resolver } from '../resolve/resolver.ts';
import type { ResolveRequest, ResolveResult } from '../resolve/types.ts';
import { err, type MessageError, type Result } from '../result.ts';
import { withRe2 } from '../re2.ts';
import { onceUnlessFailed } from '../async/once.ts';
import type { ImageExportFormat } from './build/exports.ts';
import type { CapabilityReport } from './capability-check.ts';
import type { DeviationReport } from '../supply/deviations.ts';
import type { ProjectDescription } from './describe.ts';
import type { ImageBuildOutcome, ImageBuildRequest, ImageSession } from './image-session.ts';
import type { ProjectLoader } from './load.ts';
import { whatIfExcluded, type WhatIfOutcome } from './what-if.ts';
import type { ResolverSession, SessionProgress } from './repo-session.ts';

/** One repository pool for quick requests and a second resolver for image builds, sharing the loaded metadata. */
export class PlaygroundSession {
  private images: ImageSession | undefined;
  // "Why" questions go to the pool that produced the answer on screen.
  private lastAnswer: 'request' | 'image' = 'request';
  private lastRequest: { request: ResolveRequest; result: ResolveResult } | undefined;

  constructor(
    readonly repos: ResolverSession,
    /** Makes the image builds' resolver; called on the first build, so a start that builds nothing does not pay for it. */
    private readonly createImageResolver: () => Promise<Resolver>,
    /** The architecture images are built for when a build names none (the worker's start setting). */
    readonly arch: string,
  ) {}

  /**
   * The project half of the session (azldev config, overlays, image builds), loaded on first use, so a
   * worker that only answers quick requests starts without it; a page opening a project asks early.
   */
  readonly loadProjectCode: () => Promise<{ loader: ProjectLoader; code: typeof import('./project-code.ts') }> = onceUnlessFailed(() =>
    // a failed fetch (offline without the service worker) is forgotten, so the next call tries again
    import('./project-code.ts').then((code) => ({ loader: new code.ProjectLoader(), code })),
  );

  /** The project of the last edit, loaded once for describing it and building its image. */
  async projectLoader(): Promise<ProjectLoader> {
    return (await this.loadProjectCode()).loader;
  }

  private readonly imageSession: () => Promise<ImageSession> = onceUnlessFailed(() =>
    Promise.all([this.createImageResolver(), this.loadProjectCode()]).then(([resolver, { loader, code }]) => (this.images = new code.ImageSession(this.repos, resolver, loader))),
  );

  /** Solves a quick request against the session's pool. */
  async solve(request: ResolveRequest, onProgress?: (p: SessionProgress) => void): Promise<ResolveResult> {
    await this.repos.resolver.ready();
    this.lastAnswer = 'request';
    const result = await this.repos.solve(request, onProgress);
    this.lastRequest = { request, result };
    return result;
  }

  /** The answer on screen solved again with package NAME excluded: what would leave it, or the problem that would result. */
  whatIfExcluded(name: string): WhatIfOutcome {
    if (this.lastAnswer === 'image' && this.images) return this.images.whatIfExcluded(name);
    const last = this.lastRequest;
    if (!last?.result.ok) return { ok: false, kind: 'invalid', message: 'there is no package set to try this on' };
    return whatIfExcluded(this.repos.resolver, last.request, last.result.packages, name);
  }

  /** The project's images and diagnostics. */
  async describeProject(files: ProjectFiles): Promise<ProjectDescription> {
    const { loader, code } = await this.loadProjectCode();
    return withRe2(() => code.describeProject(loader.load(files)));
  }

  /** Builds one image of the project: its repositories are added as needed, then overlays, solve, manifest. */
  async buildImage(request: Omit<ImageBuildRequest, 'arch'> & { arch?: string | undefined }, onProgress?: (p: SessionProgress) => void, signal?: AbortSignal): Promise<ImageBuildOutcome> {
    this.lastAnswer = 'image';
    const images = await this.imageSession();
    return withRe2(() => images.build({ ...request, arch: request.arch ?? this.arch }, onProgress, signal));
  }

  /** The decision chain behind NEVRA in the answer on screen. */
  explain(nevra: string): ExplainResult {
    return this.lastAnswer === 'image' && this.images ? this.images.explain(nevra) : this.repos.explain(nevra);
  }

  /** The project's deviation report with its lint findings (the overlays applied to every spec the project holds). */
  async deviations(files: ProjectFiles): Promise<DeviationReport> {
    return withRe2(async () => {
      // the report's code loads on first use: a first answer does not wait for it
      const [{ deviationReport }, { checkOverlaysAgainstSpecs }, loader] = await Promise.all([import('../supply/deviations.ts'), import('./overlay-checks.ts'), this.projectLoader()]);
      const { project } = loader.load(files);
      return deviationReport(project, await checkOverlaysAgainstSpecs(project, files));
    });
  }

  /** The capability checks of the last successful image build (null: it declares none). */
  checkCapabilities(): Promise<Result<CapabilityReport | null, MessageError>> {
    const images = this.images;
    return images ? withRe2(() => images.checkCapabilities()) : Promise.resolve(err({ message: 'there is no successful image build to check yet' }));
  }

  /** The last successful image build, exported in FORMAT. */
  async exportImage(format: ImageExportFormat, packages?: 'names' | 'nevra'): Promise<Result<string, MessageError>> {
    return this.images ? this.images.export(format, packages) : err({ message: 'there is no successful image build to export yet' });
  }
}
