/** Types shared by the image build pipeline: loaded repositories, the resolver surface it needs, and what a build returns. */
import type { Diagnostic } from '../../diagnostics.ts';
import type { Loc } from '../../config/index.ts';
import type { Manifest } from '../../export/index.ts';
import type { Advisory, CompsModel, LazyRepoFile, RepoFactsCore } from '../../repo/index.ts';
import type { AdvisorySource } from '../../supply/index.ts';
import type { Resolver } from '../../resolve/resolver.ts';
import type { GroupPackageJob, Problem, ResolvedPackage, ResolveRequest, ResolveStats, UnmatchedSpec } from '../../resolve/types.ts';
import type { ImagePackageRequest } from '../../image/request.ts';

/** The package metadata of a repository in the form it is at hand: rpm-md XML (CLI, cold load) or libsolv's .solv (warm browser start). */
export type LoadedRepoContent = { kind: 'rpmmd'; primary: Uint8Array; updateinfo?: Uint8Array } | { kind: 'solv'; solv: Uint8Array };

/** A repository whose metadata has been read, with the names it can be matched by. */
export interface LoadedRepo {
  /** Matched against the config's repository id, e.g. `centos-stream-9-baseos`. */
  id: string;
  /** The URL it was loaded from (or `bundle:<id>`), matched against the config's expanded URL; `info` is consulted too. */
  url?: string;
  /** A full `RepoInfo` (cold load) or the cached core facts (warm start) both fit. */
  info: RepoFactsCore;
  comps?: CompsModel;
  /** Loaded only when a requested path needs file lists (dnf5's rule). */
  filelists?: LazyRepoFile;
  /** Builds on one resolver re-load a repository only when these bytes (by identity), its priority or its cost change. */
  content: LoadedRepoContent;
  /** Its updateinfo.xml read into advisories, when it has one. */
  advisories?: readonly Advisory[];
  /** Why its updateinfo.xml could not be read, when it could not (the build warns and goes on). */
  advisoryError?: string;
}

/** The part of `Resolver` an image build uses; the browser worker and the CLI both pass a `Resolver`. */
export type ImageResolver = Pick<Resolver, 'setArch' | 'loadedRepos' | 'loadRpmmd' | 'loadRecords' | 'loadSolv' | 'loadFilelists' | 'removeRepo' | 'packagesFromSources' | 'packageList' | 'solve' | 'resultText'>;

/** How an image is defined. */
export type ImageKind = 'kiwi' | 'kickstart' | 'playground';

/** One image a project defines: a TOML `[images.X]` entry or a top-level kickstart file. */
export interface ImageEntry {
  name: string;
  kind: ImageKind | 'none';
  description: string;
  /** Project-relative path of the KIWI or kickstart file. */
  path?: string;
  /** `definition.profile` of a KIWI image. */
  profile?: string;
  /** `images.X.architectures` (azldev 1.0.0): the only architectures the image is built for; absent means all. */
  architectures?: string[];
  loc: Loc;
}

/** A repository of the build: the config entry it came from, matched to loaded metadata. */
export interface ImageRepo {
  id: string;
  /** The configured URL with `$releasever` and `$basearch` filled in; package URLs in the manifest start with it. */
  url: string;
  priority: number;
  cost: number;
  loaded: LoadedRepo;
  origin: Loc;
}

/** An overlay named as the cause of a package change. */
export interface OverlayCause {
  description: string;
  type: string;
  file: string;
  line: number;
}

/** One binary package the overlays changed, as it is written into the shadow repository. */
export interface OverlayPackageChange {
  component: string;
  name: string;
  arch: string;
  /** NEVRA in the upstream repository. */
  before: string;
  /** NEVRA in the shadow repository; null when an overlay removed the subpackage. */
  after: string | null;
  /** One line per change, e.g. `Release: 6.el9 → 7.el9` or `Requires: + audit`. */
  changes: string[];
  overlays: OverlayCause[];
  /** Whether the resolved image contains this package (set after the solve). */
  inImage: boolean;
}

/** Why a component with overlays could or could not reach the package set. */
export interface ComponentOverlayStatus {
  component: string;
  status: 'applied' | 'unchanged' | 'no-spec' | 'render-failed' | 'no-binaries';
  message: string;
}

/** Options of `buildImage` beyond the plan and the metadata. */
export interface ImageBuildOptions {
  /** Apply component overlays through the shadow repository; default true. */
  overlays?: boolean;
  /** Repositories added as advisory sources only (their packages are not in the pool), e.g. Fedora's updates beside a snapshot. */
  advisorySources?: readonly AdvisorySource[];
  /** Install weak dependencies, over what the description says (the playground's switch). */
  weakDeps?: boolean;
  /** dnf's `best`, over what the description says. */
  best?: boolean;
}

/** Everything an image build produced on success. */
export interface ImageBuildSuccess {
  ok: true;
  entry: ImageEntry;
  profile: string | null;
  request: ImagePackageRequest;
  resolveRequest: ResolveRequest;
  repos: ImageRepo[];
  packages: ResolvedPackage[];
  /** The resolver's figures for the solve (its time, the pool size, the totals). */
  stats: ResolveStats;
  /** Specs and group members skipped as missing (`--skip-broken`/`ignoremissing`). */
  skipped: UnmatchedSpec[];
  manifest: Manifest;
  overlayChanges: OverlayPackageChange[];
  components: ComponentOverlayStatus[];
  diagnostics: Diagnostic[];
}

/** Why an image build stopped: bad input, no match for a spec, or an unsatisfiable request. */
export type ImageBuildFailure =
  | { ok: false; kind: 'input'; diagnostics: Diagnostic[] }
  | { ok: false; kind: 'no-match'; unmatched: UnmatchedSpec[]; diagnostics: Diagnostic[]; entry: ImageEntry; request: ImagePackageRequest }
  | {
      ok: false;
      kind: 'problems';
      problems: Problem[];
      text: string;
      stats: ResolveStats;
      diagnostics: Diagnostic[];
      entry: ImageEntry;
      request: ImagePackageRequest;
      /** The comps members the solve was given, so a problem about one is blamed on its group's line. */
      groupJobs: GroupPackageJob[];
    };

/** The outcome of `buildImage`. */
export type ImageBuildResult = ImageBuildSuccess | ImageBuildFailure;
