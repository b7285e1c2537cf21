/** Types of the azldev project model: the TOML schema as data, plus located and resolved forms. */

/** The virtual file system a project is read from: project-relative POSIX path → file text. */
export type ProjectFiles = ReadonlyMap<string, string>;

/** Where a value was defined: a project-relative file and a 1-based line and column. */
export interface Loc {
  file: string;
  line: number;
  col: number;
}

/** Value path (`build.defines.foo`, `overlays[2].type`) → where that value was defined. */
export type Provenance = Record<string, Loc>;

/** A TOML-decoded value; datetimes are rejected by the schema, so only these kinds remain. */
export type ConfigValue = string | number | boolean | ConfigValue[] | ConfigTable;

/** A TOML table after decoding. */
export interface ConfigTable {
  [key: string]: ConfigValue;
}

/** `{name, version?, snapshot?}`: which distro (and version, snapshot) a thing refers to. */
export interface DistroReference {
  name?: string;
  version?: string;
  snapshot?: string;
}

/** Where a component's spec comes from. */
export interface SpecSource {
  type?: 'upstream' | 'local' | '';
  path?: string;
  'upstream-distro'?: DistroReference;
  'upstream-name'?: string;
  'upstream-commit'?: string;
}

/** Overlay provenance metadata (§3.1). */
export interface OverlayMetadata {
  category?: string;
  'upstream-status'?: string;
  commits?: { url?: string }[];
  bugs?: { url?: string }[];
}

/** One overlay: an edit to the spec or the sources (§3). */
export interface OverlayConfig {
  type?: string;
  description?: string;
  file?: string;
  archive?: string;
  section?: string;
  package?: string;
  tag?: string;
  value?: string;
  regex?: string;
  replacement?: string;
  lines?: string[];
  source?: string;
  metadata?: OverlayMetadata;
}

/** An overlay with its `type` filled in (`""` when the TOML left it out; validation reports that): what the overlay engine takes. */
export type TypedOverlayConfig = OverlayConfig & { type: string };

/** `[components.X.build]`. */
export interface BuildConfig {
  with?: string[];
  without?: string[];
  defines?: Record<string, string>;
  undefines?: string[];
  'emit-upstream-provenance'?: boolean;
  check?: { skip?: boolean; skip_reason?: string };
  failure?: { expected?: boolean; 'expected-reason'?: string };
  hints?: { expensive?: boolean };
}

/** One `source-files` entry. */
export interface SourceFileConfig {
  filename?: string;
  hash?: string;
  'hash-type'?: 'SHA256' | 'SHA512';
  origin?: { type?: 'download' | 'custom' | 'overlay'; uri?: string; script?: string; 'mock-packages'?: string[]; inputs?: string[] };
  'replace-upstream'?: boolean;
  'replace-reason'?: string;
}

/** Publish settings of one binary package. */
export interface PackageConfig {
  publish?: { 'rpm-channel'?: string; 'debuginfo-channel'?: string; channel?: string };
}

/** A reference to a `[tests.X]` entry or a `[test-groups.X]` bundle. */
export interface TestRef {
  name?: string;
  group?: string;
}

/** A component's configuration; also the shape of every `default-component-config`. */
export interface ComponentConfig {
  spec?: SpecSource;
  release?: { calculation?: 'auto' | 'manual' | 'autorelease' | 'static' };
  overlays?: OverlayConfig[];
  'overlay-files'?: string[];
  build?: BuildConfig;
  render?: { 'skip-file-filter'?: boolean };
  'source-files'?: SourceFileConfig[];
  packages?: Record<string, PackageConfig>;
  publish?: { 'rpm-channel'?: string; 'srpm-channel'?: string; 'debuginfo-channel'?: string };
  tests?: { tests?: TestRef[] };
}

/** `[component-groups.X]`. */
export interface ComponentGroupConfig {
  description?: string;
  components?: string[];
  specs?: string[];
  'excluded-paths'?: string[];
  'default-component-config'?: ComponentConfig;
  metadata?: OverlayMetadata;
}

/** One entry of a distro version's `inputs` list: a repo id or a repo-set name. */
export interface RepoInputRef {
  repo?: string;
  set?: string;
}

/** `[distros.D.versions.V]`. */
export interface DistroVersionConfig {
  'release-ver'?: string;
  description?: string;
  'dist-git-branch'?: string;
  'default-component-config'?: ComponentConfig;
  'mock-config'?: string;
  'mock-config-x86_64'?: string;
  'mock-config-aarch64'?: string;
  /** A KIWI configuration file passed to image builds (azldev 0.4.0), rebased on the defining file. */
  'kiwi-config-override'?: string;
  inputs?: { 'rpm-build'?: RepoInputRef[]; 'image-build'?: RepoInputRef[] };
}

/** `[distros.D]`. */
export interface DistroConfig {
  description?: string;
  'default-version'?: string;
  'dist-git-base-uri'?: string;
  'lookaside-base-uri'?: string;
  repos?: { 'base-uri'?: string }[];
  'disable-origins'?: boolean;
  versions?: Record<string, DistroVersionConfig>;
}

/** `[resources.rpm-repos.ID]`. */
export interface RpmRepoConfig {
  type?: 'rpm-md';
  'base-uri'?: string;
  metalink?: string;
  'disable-gpg-check'?: boolean;
  'gpg-key'?: string;
  arches?: string[];
  description?: string;
}

/** `[resources.rpm-repo-set-templates.T]`. */
export interface RepoSetTemplateConfig {
  description?: string;
  subrepos?: { name?: string; subpath?: string; kind?: 'binary' | 'debug' | 'source' }[];
}

/** `[resources.rpm-repo-sets.S]`. */
export interface RepoSetConfig {
  description?: string;
  template?: string;
  'base-uri'?: string;
  'name-prefix'?: string;
  'gpg-key'?: string;
  'disable-gpg-check'?: boolean;
  arches?: string[];
  subrepos?: string[];
}

/** The playground's own image extension: a package set composed without kiwi. */
export interface ImagePlaygroundConfig {
  packages?: string[];
  groups?: string[];
  exclude?: string[];
  'weak-deps'?: boolean;
}

/** `[images.X]`. */
export interface ImageConfig {
  description?: string;
  definition?: { type?: 'kiwi'; path?: string; profile?: string };
  capabilities?: Record<string, boolean>;
  tests?: { tests?: TestRef[] };
  publish?: { channels?: string[] };
  /** The architectures the image is built for (azldev 1.0.0); absent or empty means every one. */
  architectures?: ('x86_64' | 'aarch64')[];
  playground?: ImagePlaygroundConfig;
}

/** `[package-groups.G]`. */
export interface PackageGroupConfig {
  description?: string;
  packages?: string[];
  'default-package-config'?: PackageConfig;
}

/** `[project]`. */
export interface ProjectInfo {
  description?: string;
  'default-distro'?: DistroReference;
  'default-author-email'?: string;
  'log-dir'?: string;
  'work-dir'?: string;
  'output-dir'?: string;
  'rendered-specs-dir'?: string;
  'lock-dir'?: string;
}


/** A lock file, `locks/<component>.lock`. */
export interface LockFile {
  version?: number;
  'import-commit'?: string;
  'upstream-commit'?: string;
  'manual-bump'?: number;
  'input-fingerprint'?: string;
  'resolution-input-hash'?: string;
}

/** A value together with where it and each of its parts were defined. */
export interface Located<T> {
  value: T;
  /** Where the entity itself (its table header or key) was first defined. */
  loc: Loc;
  provenance: Provenance;
}
