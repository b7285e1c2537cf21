/** Shared types of the repository layer: what a loaded repository is, and how its files are read. */
import type { CompsModel } from './comps.ts';
import type { RepoResult } from './errors.ts';
import type { RepomdInfo } from './repomd.ts';

/** The ways metadata comes in: rpm-md over HTTP, dropped files, the app's bundle, or a metadata pack (no XML). */
export type RepoSourceKind = 'url' | 'local' | 'bundle' | 'pack';

/** Which version of which repository's metadata, and where it was read: the facts every layer passes along (cache, pool, image build, manifest). */
export interface RepoFactsCore {
  /** Stable identity (see identity.ts): `url:<base url>`, `bundle:<id>`, or `local:<sha256 of repomd.xml>`. */
  identity: string;
  source: RepoSourceKind;
  /** Human-readable name (URL, bundle name, or dropped folder name). */
  label: string;
  /** Repository root the hrefs in repomd.xml are relative to (URL and bundle sources). */
  baseUrl?: string;
  /** sha256 of repomd.xml as served; part of the cache key. */
  repomdChecksum: string;
  revision: string;
  /** `packages="N"` of primary.xml, when it says. */
  packageCount?: number;
  /** Epoch milliseconds when the files were read. */
  fetchedAt: number;
}

/** Facts of a repository just read from its source (what the cache keys and the UI lists). */
export interface RepoInfo extends RepoFactsCore {
  /** The metalink or mirrorlist the base URL was chosen from. */
  mirrorSource?: string;
  repomd: RepomdInfo;
  /** Bytes read, compressed, for the files loaded eagerly. */
  downloadedBytes: number;
}

/** A metadata file that is verified and decompressed only when someone asks for it (filelists). */
export interface LazyRepoFile {
  type: string;
  href: string;
  size?: number;
  openSize?: number;
  /** Reads, verifies and decompresses the file; the result is memoised on success. */
  load(): Promise<RepoResult<Uint8Array>>;
}

/** The outcome of loading one repository: decompressed, verified XML bytes for the resolver plus parsed comps. */
export interface LoadedRepoFiles {
  info: RepoInfo;
  /** primary.xml, decompressed; kept as bytes because the resolver's wasm parses it. */
  primary: Uint8Array;
  filelists?: LazyRepoFile;
  updateinfo?: Uint8Array;
  comps?: CompsModel;
  /** Things the user may want to know that are not failures (ignored modules, missing optional files). */
  notes: string[];
}

/** Byte progress of one file of a repository load. */
export interface RepoLoadProgress {
  /** repomd data type (`primary`, `group_gz`, …) or `repomd`. */
  type: string;
  /** File name as repomd.xml gives it. */
  file: string;
  loaded: number;
  total?: number;
  /** What is being done with the file: downloaded (the default), its checksum verified, or decompressed. */
  step?: 'download' | 'verify' | 'decompress';
}

/** Reads files of one repository by repomd href; absent files fail with `repo/file-missing` or `repo/http-not-found`. */
export interface RepoFileReader {
  /** EXPECTED_SIZE is repomd.xml's size (for progress); a download past MAX_BYTES is stopped and refused (`repo/too-large`). */
  read(href: string, onProgress?: (loaded: number, total: number | undefined) => void, expectedSize?: number, maxBytes?: number): Promise<RepoResult<Uint8Array>>;
  /**
   * The decompressed bytes of STORED (what `read` gave for HREF, already checked against
   * repomd's checksum), when something already decompressed exactly those bytes while they
   * arrived; the open-checksum is still checked.
   */
  opened?(href: string, stored: Uint8Array): Promise<Uint8Array | undefined>;
}
