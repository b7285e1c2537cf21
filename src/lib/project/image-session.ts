/** ImageSession: builds a project's images in the browser from the repositories of a ResolverSession. */
import { loadProject, resolveProject } from '../config/index.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { listImages } from './build/catalog.ts';
import { buildImage } from './build/build-image.ts';
import { exportImage, type ImageExportFormat } from './build/exports.ts';
import { describeImage } from './build/image-request.ts';
import { loadedReposFromSession } from './build/loaded-repo.ts';
import { wantedRepos } from './build/repos.ts';
import { toResolveRequest } from '../image/request.ts';
import { requestNeedsFilelists } from '../resolve/filelists.ts';
import type { ImageBuildResult, ImageBuildSuccess } from './build/types.ts';
import type { ExplainResult, Resolver } from '../resolve/resolver.ts';
import type { RepoSource, ResolverSession, SessionProgress } from './repo-session.ts';
import type { ResolveResult } from '../resolve/types.ts';

/** What the page shows of one image build (for a build, `stats.solveMs` is the whole build's time and the pool size is not known). */
export interface ImageBuildView {
  image: string;
  profile: string | null;
  result: ResolveResult;
  build: ImageBuildResult;
}

/** The repository source a configured URL names: `bundle:<id>` is a bundled repository, anything else a URL. */
export function sourceForRepoUrl(url: string): RepoSource {
  return url.startsWith('bundle:') ? { kind: 'bundle', id: url.slice('bundle:'.length) } : { kind: 'url', url };
}

function asResolveResult(build: ImageBuildResult, ms: number): ResolveResult {
  if (build.ok) {
    const packages = build.packages;
    return {
      ok: true,
      packages,
      skipped: [],
      stats: {
        solveMs: ms,
        poolSolvables: 0,
        installCount: packages.length,
        downloadSize: packages.reduce((n, p) => n + p.downloadSize, 0),
        installSize: packages.reduce((n, p) => n + p.installSize, 0),
      },
    };
  }
  if (build.kind === 'problems') return { ok: false, kind: 'problems', problems: build.problems, text: build.text, stats: { solveMs: 0, poolSolvables: 0, installCount: 0, downloadSize: 0, installSize: 0 } };
  if (build.kind === 'no-match') return { ok: false, kind: 'no-match', unmatched: build.unmatched };
  const first = build.diagnostics.find((d) => d.severity === 'error');
  return { ok: false, kind: 'invalid', message: first ? `${first.file}${first.line ? `:${first.line}` : ''}: ${first.message}` : 'the image could not be built' };
}

/** Builds images with their own resolver (the quick-request pool stays as the user left it). */
export class ImageSession {
  private last: ImageBuildSuccess | undefined;

  constructor(
    private readonly session: ResolverSession,
    private readonly imageResolver: Resolver,
  ) {}

  /** Makes sure the repositories IMAGE asks for are in the session (from the cache when possible). */
  private async ensureRepos(files: ReadonlyMap<string, string>, image: string, profile: string | undefined, arch: string, onProgress?: (p: SessionProgress) => void): Promise<Diagnostic[]> {
    const project = resolveProject(loadProject(files).project);
    const entry = listImages(project, files).find((e) => e.name === image);
    if (!entry) return [];
    const described = describeImage(project, files, entry, { arch, ...(profile ? { profile } : {}) });
    if (!described.request) return [];
    const wanted = wantedRepos(project, described.request);
    const diagnostics: Diagnostic[] = [];
    const loaded = new Set(this.session.listRepos().map((r) => r.identity));
    for (const repo of wanted.repos) {
      const source = sourceForRepoUrl(repo.url);
      const identity = source.kind === 'bundle' ? `bundle:${source.id}` : undefined;
      if (identity && loaded.has(identity)) continue;
      if (!identity && this.session.listRepos().some((r) => r.identity === `url:${repo.url}` || r.identity === `url:${repo.url.replace(/\/?$/, '/')}`)) continue;
      const added = await this.session.addRepo(source, { repoId: repo.id, ...(repo.priority !== undefined ? { priority: repo.priority } : {}), ...(repo.cost !== undefined ? { cost: repo.cost } : {}) }, onProgress);
      if (!added.ok)
        diagnostics.push({ file: repo.origin.file, line: repo.origin.line, col: repo.origin.col, severity: 'error', code: 'image/repo-fetch', message: `repository ${repo.id} (${repo.url}): ${added.error.message}`, hint: added.error.hint });
    }
    // a warm-started repository has no filelists at hand; the build needs them for a requested path
    if (requestNeedsFilelists(toResolveRequest(described.request))) {
      const failed = await this.session.ensureFilelists(onProgress);
      if (failed) diagnostics.push({ file: entry.loc.file, line: entry.loc.line, col: entry.loc.col, severity: 'warning', code: 'image/filelists', message: `file lists could not be loaded: ${failed}` });
    }
    return diagnostics;
  }

  /** Loads the image's repositories into the session as needed, then builds it (overlays, solve, manifest). */
  async build(files: ReadonlyMap<string, string>, image: string, profile?: string, arch = 'x86_64', onProgress?: (p: SessionProgress) => void): Promise<ImageBuildView> {
    const fetchDiagnostics = await this.ensureRepos(files, image, profile, arch, onProgress);
    onProgress?.({ phase: 'solve' });
    const t0 = performance.now();
    const build = await buildImage(this.imageResolver, { files, image, arch, repos: loadedReposFromSession(this.session), ...(profile ? { profile } : {}) });
    if (fetchDiagnostics.length) build.diagnostics.unshift(...fetchDiagnostics);
    this.last = build.ok ? build : undefined;
    return { image, profile: build.ok ? build.profile : (profile ?? null), result: asResolveResult(build, performance.now() - t0), build };
  }

  /** The decision chain behind one package of the last image build. */
  explain(nevra: string): ExplainResult {
    return this.imageResolver.explain(nevra);
  }

  /** The last successful build, exported in FORMAT (the bytes `azl-playground image` writes). */
  export(format: ImageExportFormat, packages?: 'names' | 'nevra'): { ok: true; text: string } | { ok: false; message: string } {
    if (!this.last) return { ok: false, message: 'there is no successful image build to export yet' };
    return { ok: true, text: exportImage(this.last, { format, ...(packages ? { packages } : {}) }) };
  }
}
