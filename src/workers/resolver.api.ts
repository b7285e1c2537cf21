/** The resolver worker's interface: cloneable data in and out; domain failures are values, not throws. */
import type { CompsModel, RepoCacheSummary, RepoError, SearchHit } from '../lib/repo/index.ts';
import type { ExplainResult } from '../lib/resolve/resolver.ts';
import type { AddRepoOptions, RepoSource, SessionProgress, SessionRepo, SessionStats } from '../lib/resolve/session.ts';
import type { ResolveRequest, ResolveResult } from '../lib/resolve/types.ts';

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
}
