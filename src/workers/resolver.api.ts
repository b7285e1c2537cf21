/** The resolver worker's interface: cloneable data in and out; domain failures are values, not throws. */
import type { CompsModel, RepoCacheSummary, RepoError, RepoSource, SearchHit } from '../lib/repo/index.ts';
import type { ExplainResult } from '../lib/resolve/resolver.ts';
import type { AddRepoOptions, SessionProgress, SessionRepo, SessionStats } from '../lib/project/repo-session.ts';
import type { ResolvedPackage, ResolveRequest, ResolveResult } from '../lib/resolve/types.ts';
import type { PagedArray } from './paged.ts';
import type { ImageExportFormat } from '../lib/project/build/exports.ts';
import type { ProjectDescription } from '../lib/project/describe.ts';
import type { BuildOverrides, ImageBuildOutcome } from '../lib/project/image-session.ts';
import type { CapabilityReport } from '../lib/project/capability-check.ts';
import type { DeviationReport } from '../lib/supply/index.ts';
import type { MessageError, Result } from '../lib/result.ts';
import type { WhatIfOutcome } from '../lib/project/what-if.ts';

export type { ImageBuildOutcome };

/** A ResolveResult as it crosses the boundary: a package set comes in pages (`nextPage`). */
export type PagedResolveResult = Exclude<ResolveResult, { ok: true }> | (Omit<Extract<ResolveResult, { ok: true }>, 'packages'> & { packages: PagedArray<ResolvedPackage> });

/** An ImageBuildOutcome as it crosses the boundary, its result paged. */
export type PagedImageBuildOutcome = Omit<ImageBuildOutcome, 'result'> & { result: PagedResolveResult };

/** Which image of which project to build (files as path/text pairs: they cross the worker boundary). */
export interface ImageBuildCall {
  files: [string, string][];
  image: string;
  profile?: string;
  arch?: string;
  overrides?: BuildOverrides;
}

/** What the worker reports once its wasm module is up. */
export interface ResolverWorkerInfo {
  libsolv: string;
  abiVersion: number;
  arch: string;
  /** wasm/dist/manifest.json facts: Debian revisions the modules were built from, and the sha256 of resolver.wasm and of rpmmd.wasm (the XML reader). */
  build: { debianVersions: Record<string, string>; wasmSha256: string; rpmmdWasmSha256: string };
  cache: { backend: 'indexeddb' | 'memory'; note?: string };
}

/** How the worker starts. */
export interface ResolverWorkerInit {
  arch: string;
  /** Absolute URL of the app root (bundled repositories live under it). */
  appBaseUrl: string;
  /** IndexedDB database for the metadata cache; tests use their own. */
  cacheDbName?: string;
  /** Caps each resolver instance's memory (query `resolverMemory=MiB`); past it loads and solves say "out of memory". */
  memoryLimitBytes?: number;
  /** Test hook (query `debugTrap=solve`): the first solve of each resolver (request, images) traps inside libsolv, to show the rebuild and retry. */
  trapNextSolve?: boolean;
  /** resolver.wasm compiled by the page (ResolverClient) while the worker's scripts loaded; absent, the worker compiles it. */
  module?: WebAssembly.Module;
}

/** Failure of initialisation the user can act on (a mismatched wasm build, say). */
export type InitResult = Result<ResolverWorkerInfo, MessageError>;

/** Outcome of adding a repository. */
export type AddRepoResult = Result<SessionRepo, RepoError>;

/** The resolver worker. */
export interface ResolverWorkerApi {
  init(options: ResolverWorkerInit): Promise<InitResult>;
  /** Starts loading the project code (azldev config, overlays, image builds) now, before init: the page opens a project. */
  preloadProject(): Promise<void>;
  /** Adds a repository; LOAD_ID names the load for `cancelLoad`. */
  addRepo(source: RepoSource, options: AddRepoOptions, onProgress?: (p: SessionProgress) => void, loadId?: number): Promise<AddRepoResult>;
  /** Stops load LOAD_ID (its download is aborted; it answers `repo/cancelled`); nothing when it already ended. */
  cancelLoad(loadId: number): Promise<void>;
  removeRepo(repoId: string): Promise<boolean>;
  listRepos(): Promise<SessionRepo[]>;
  comps(): Promise<CompsModel[]>;
  search(query: string, limit: number): Promise<SearchHit[]>;
  /** Solves REQUEST; a package set longer than a page comes back in pages (`nextPage`). */
  solve(request: ResolveRequest, onProgress?: (p: SessionProgress) => void): Promise<PagedResolveResult>;
  /** The next page of a paged answer (undefined: the worker no longer holds it). */
  nextPage(token: number): Promise<unknown[] | undefined>;
  explain(nevra: string): Promise<ExplainResult>;
  /** The answer on screen solved again with package NAME excluded: the delta, or the problem it would make. */
  whatIfExcluded(name: string): Promise<WhatIfOutcome>;
  cacheList(): Promise<RepoCacheSummary[]>;
  cacheDelete(identity: string): Promise<number>;
  stats(): Promise<SessionStats>;
  /** Loads a project and lists its images with their diagnostics. */
  describeProject(files: [string, string][]): Promise<ProjectDescription>;
  /** Builds one image: its repositories are added to the session as needed, then overlays, solve, manifest; LOAD_ID lets `cancelLoad` stop its repository loads. */
  buildImage(call: ImageBuildCall, onProgress?: (p: SessionProgress) => void, loadId?: number): Promise<PagedImageBuildOutcome>;
  /** Exports the last successful image build (the same bytes `azl-playground image` writes). */
  exportImage(format: ImageExportFormat, packages?: 'names' | 'nevra'): Promise<Result<string, MessageError>>;
  /** The last successful image build's declared capabilities checked against its packages (null: it declares none). */
  checkCapabilities(): Promise<Result<CapabilityReport | null, MessageError>>;
  /** How the project departs from its upstream: overlays with their metadata, pins, build options, lint findings. */
  deviations(files: [string, string][]): Promise<DeviationReport>;
}
