/** Tagged results and error codes of the repository layer: domain failures are values, throws are bugs. */
import type { Diagnostic } from '../diagnostics.ts';
import type { Result } from '../result.ts';

/** Every way loading repository metadata can fail, as a stable machine-readable code. */
export type RepoErrorCode =
  | 'repo/cors'
  | 'repo/network'
  | 'repo/host-not-found'
  | 'repo/refused'
  | 'repo/blocked-port'
  | 'repo/mixed-content'
  | 'repo/offline'
  | 'repo/http-not-found'
  | 'repo/http-error'
  | 'repo/cancelled'
  | 'repo/html-not-xml'
  | 'repo/malformed-xml'
  | 'repo/xml-reader-unavailable'
  | 'repo/not-repomd'
  | 'repo/not-updateinfo'
  | 'repo/missing-primary'
  | 'repo/file-missing'
  | 'repo/checksum-mismatch'
  | 'repo/open-checksum-mismatch'
  | 'repo/size-mismatch'
  | 'repo/unsupported-checksum'
  | 'repo/corrupt-compressed'
  | 'repo/too-large'
  | 'repo/unsupported-compression'
  | 'repo/bad-url'
  | 'repo/unexpanded-variable'
  | 'repo/no-mirror'
  | 'repo/metalink-mismatch'
  | 'repo/bad-archive'
  | 'repo/no-repomd'
  | 'repo/unknown-bundle'
  | 'repo/bad-bundle-index'
  | 'repo/bad-pack'
  | 'repo/pack-version'
  | 'comps/malformed-xml'
  | 'comps/unknown-group';

/** A failure the user can act on: what happened, and what to do about it. */
export interface RepoError {
  code: RepoErrorCode;
  /** What happened, naming the file or URL concerned. */
  message: string;
  /** What to do about it. */
  hint: string;
  /** Where in an input file the problem is, when it is located (XML errors). */
  diagnostic?: Diagnostic;
}

/** The outcome of a repository operation: a value, or a RepoError. */
export type RepoResult<T> = Result<T, RepoError>;

/** Wraps a value as a successful RepoResult. */
export function ok<T>(value: T): RepoResult<T> {
  return { ok: true, value };
}

/** Builds a failed RepoResult. */
export function fail<T = never>(code: RepoErrorCode, message: string, hint: string, diagnostic?: Diagnostic): RepoResult<T> {
  return { ok: false, error: diagnostic ? { code, message, hint, diagnostic } : { code, message, hint } };
}

/** The hint offered whenever the network path fails, pointing at the two other ways in. */
export const OTHER_WAYS_HINT =
  'Download the repodata/ folder (or a .tar, .tar.gz or .zip of it) and drop it here, or start from a bundled repository.';
