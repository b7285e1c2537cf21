/** Core types of the resolver: what is asked (ResolveRequest) and what comes back (ResolveResult). */

/** dnf's default repository priority (lower wins), used wherever a repository names none. */
export const DEFAULT_REPO_PRIORITY = 99;

/** dnf's default repository cost (lower is preferred among equal versions). */
export const DEFAULT_REPO_COST = 1000;

/** A repository as the resolver knows it. */
export interface RepoDescriptor {
  /** Unique id within one pool, e.g. `baseos`. */
  id: string;
  /** dnf priority: lower number wins; default 99. */
  priority?: number;
  /** dnf cost: lower is preferred among equal versions; default 1000. */
  cost?: number;
}

/** A comps group (or environment) asked for by id, with dnf's package-type switches. */
export interface GroupRequest {
  id: string;
  /** Add `optional` packages too (dnf --with-optional). */
  withOptional?: boolean;
  /** Leave out `default` packages (kickstart --nodefaults). */
  noDefaults?: boolean;
}

/** One package a group asks for, already expanded from comps by the caller. */
export interface GroupPackageJob {
  group: string;
  name: string;
  type: 'mandatory' | 'default' | 'optional' | 'conditional';
  /** For `conditional`: the package whose presence triggers this one. */
  requires?: string;
}

/** A fresh-install request with dnf5's semantics. */
export interface ResolveRequest {
  /** Install specs: name, provide, name.arch, NEVRA, `name >= 1.2`, or an absolute file path. */
  specs: string[];
  /** Group members, already expanded from comps (see lib/repo comps model). */
  groupPackages?: GroupPackageJob[];
  /** Name globs made unavailable (dnf excludepkgs). */
  excludes?: string[];
  /** install_weak_deps; dnf5 default true. */
  weakDeps?: boolean;
  /** best; dnf5 default true. */
  best?: boolean;
  /** Allow i686 (or other multilib) candidates; default false (x86_64 + noarch only). */
  multilib?: boolean;
}

/** Why a package is in the result; `text` is libsolv's own sentence for the decision. */
export type InstallReason = (
  | { kind: 'user'; spec: string }
  | { kind: 'group'; group: string; groupPackageType: GroupPackageJob['type'] }
  | { kind: 'dependency'; by: string; requirement: string }
  | { kind: 'weak-dependency'; by: string; requirement: string; weakKind: 'recommends' | 'supplements' }
  | { kind: 'unknown'; rule: string }
) & { text: string };

/** One package of a solved transaction. */
export interface ResolvedPackage {
  name: string;
  epoch: number;
  version: string;
  release: string;
  arch: string;
  /** `name-[epoch:]version-release.arch`, epoch only when non-zero (libsolv testcase notation). */
  nevra: string;
  repo: string;
  summary: string;
  license: string;
  sourcerpm: string;
  /** Path relative to the repository root (rpm-md `location href`). */
  location: string;
  checksum: { type: string; value: string };
  downloadSize: number;
  installSize: number;
  reason: InstallReason;
  /** NEVRAs of the packages in this result whose requirements this package satisfies. */
  requiredBy: string[];
}

/** One proposed way out of a problem, as libsolv words it. */
export interface ProblemSolution {
  text: string;
  elements: string[];
}

/** One reason the request cannot be satisfied. */
export interface Problem {
  /** libsolv's rule kind, e.g. `SOLVER_RULE_PKG_NOTHING_PROVIDES_DEP`. */
  rule: string;
  /** libsolv's sentence for it. */
  text: string;
  /** The requirement concerned, when there is one. */
  requirement?: string;
  /** The package whose requirement fails, when there is one. */
  source?: string;
  /** The package(s) it concerns on the other side. */
  target?: string;
  /** The user spec or group member behind a job problem. */
  spec?: string;
  /** The comps group whose member `spec` is, when a group asked for it. */
  group?: string;
  /** Packages that could have satisfied the requirement; `excluded` ones were made unavailable. */
  candidates: { nevra: string; excluded: boolean }[];
  /** The full chain libsolv found for this problem, one sentence per rule. */
  details: string[];
  solutions: ProblemSolution[];
}

/** Timings and sizes of one solve. */
export interface ResolveStats {
  solveMs: number;
  poolSolvables: number;
  installCount: number;
  downloadSize: number;
  installSize: number;
}

/** A spec, group or group member that matched nothing. */
export interface UnmatchedSpec {
  spec: string;
  source: 'spec' | 'group';
  /** It matched packages, but every one of them is excluded. */
  excluded?: boolean;
}

/** The answer to a ResolveRequest: a package set, a list of problems, or specs that matched nothing. */
export type ResolveResult = (
  | { ok: true; packages: ResolvedPackage[]; stats: ResolveStats; skipped: UnmatchedSpec[] }
  | { ok: false; kind: 'problems'; problems: Problem[]; /** libsolv's problem lines (testsolv -r). */ text: string; stats: ResolveStats }
  | { ok: false; kind: 'no-match'; unmatched: UnmatchedSpec[] }
  | { ok: false; kind: 'invalid'; message: string }
) & {
  /** Set when the answer came after the resolver crashed and was rebuilt (what happened, for the user). */
  notice?: string;
};

/** One dependency as rpm-md writes it: a plain name, or a name with a comparison; rich deps as text. */
export interface PackageDep {
  name: string;
  flags?: 'EQ' | 'LT' | 'LE' | 'GT' | 'GE' | 'NE' | '';
  evr?: string;
  /** A `Requires(pre)`-style requirement (rpm-md `pre="1"`). */
  pre?: boolean;
}

/** A binary package with every fact and dependency list primary.xml has for it. */
export interface PackageRecord {
  nevra: string;
  name: string;
  evr: string;
  arch: string;
  repo: string;
  /** Name of the source package it was built from. */
  sourceName: string;
  sourcerpm: string;
  summary: string;
  description: string;
  license: string;
  location: string;
  checksumType: string;
  checksum: string;
  downloadSize: number;
  installSize: number;
  provides: PackageDep[];
  requires: PackageDep[];
  conflicts: PackageDep[];
  obsoletes: PackageDep[];
  recommends: PackageDep[];
  suggests: PackageDep[];
  supplements: PackageDep[];
  enhances: PackageDep[];
  /** The file list primary.xml carries (directories and files, as libsolv stored them). */
  files: string[];
}
