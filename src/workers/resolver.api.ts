/** The resolver worker's interface: cloneable data in and out; domain failures are values, not throws. */
import type { CompsModel, RepoCacheSummary, RepoError, SearchHit } from '../lib/repo/index.ts';
import type { ExplainResult } from '../lib/resolve/resolver.ts';
import type { AddRepoOptions, RepoSource, SessionProgress, SessionRepo, SessionStats } from '../lib/resolve/session.ts';
import type { ResolveRequest, ResolveResult } from '../lib/resolve/types.ts';
import type { Diagnostic } from '../lib/diagnostics.ts';
import type { ImageExportFormat } from '../lib/image/build/exports.ts';
import type { ComponentOverlayStatus, OverlayPackageChange } from '../lib/image/build/types.ts';
import type { ProjectDescription } from '../lib/project/describe.ts';

/** Which image of which project to build (files as path/text pairs: they cross the worker boundary). */
export interface ImageBuildRequest {
  files: [string, string][];
  image: string;
  profile?: string;
  arch?: string;
}

/** An image build as the page shows it: the resolver's answer plus what the overlays did. */
export interface ImageBuildOutcome {
  image: string;
  profile: string | null;
  result: ResolveResult;
  overlayChanges: OverlayPackageChange[];
  components: ComponentOverlayStatus[];
  diagnostics: Diagnostic[];
  repos: { id: string; url: string }[];
  /** What the image asks for, by layer: the user's lists, groups, and what the installer adds on its own. */
  layers: { kind: string; label: string; entries: { text: string; note?: string }[] }[];
}

/** What the worker reports once its wasm module is up. */
export interface ResolverWorkerInfo {
  libsolv: string;
  abiVersion: number;
  arch: string;
  /** wasm/dist/manifest.json facts: Debian revisions the module was built from and its sha256. */
  build: { debianVersions: Record<string, string>; wasmSha256: string };
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
}

/** Failure of initialisation the user can act on (a mismatched wasm build, say). */
export type InitResult = { ok: true; info: ResolverWorkerInfo } | { ok: false; message: string };

/** Outcome of adding a repository. */
export type AddRepoResult = { ok: true; repo: SessionRepo } | { ok: false; error: RepoError };

/** The resolver worker. */
export interface ResolverWorkerApi {
  init(options: ResolverWorkerInit): Promise<InitResult>;
  addRepo(source: RepoSource, options: AddRepoOptions, onProgress?: (p: SessionProgress) => void): Promise<AddRepoResult>;
  removeRepo(repoId: string): Promise<boolean>;
  listRepos(): Promise<SessionRepo[]>;
  comps(): Promise<CompsModel[]>;
  search(query: string, limit: number): Promise<SearchHit[]>;
  solve(request: ResolveRequest, onProgress?: (p: SessionProgress) => void): Promise<ResolveResult>;
  explain(nevra: string): Promise<ExplainResult>;
  setArch(arch: string): Promise<{ ok: true } | { ok: false; message: string }>;
  cacheList(): Promise<RepoCacheSummary[]>;
  cacheDelete(identity: string): Promise<number>;
  stats(): Promise<SessionStats>;
  /** Loads a project and lists its images with their diagnostics. */
  describeProject(files: [string, string][]): Promise<ProjectDescription>;
  /** Builds one image: its repositories are added to the session as needed, then overlays, solve, manifest. */
  buildImage(request: ImageBuildRequest, onProgress?: (p: SessionProgress) => void): Promise<ImageBuildOutcome>;
  /** Exports the last successful image build (the same bytes `azl-playground image` writes). */
  exportImage(format: ImageExportFormat, packages?: 'names' | 'nevra'): Promise<{ ok: true; text: string } | { ok: false; message: string }>;
}
