import { OVERLAY_TYPES } from '../config/schema-defs.ts';
import type { BuildConfig, OverlayMetadata as ConfigOverlayMetadata, TypedOverlayConfig } from '../config/types.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { PackageChangeSet } from './effects/types.ts';
import type { ReleaseRule } from './release.ts';

/** The 17 overlay types azldev knows, as spelled in TOML (one list, owned by the config schema). */
export { OVERLAY_TYPES };

/** One of the 17 overlay type names. */
export type OverlayType = (typeof OVERLAY_TYPES)[number];

/** `metadata` of an overlay file (or, where azldev still allows it, of one overlay). */
export type OverlayMetadata = ConfigOverlayMetadata;

/** One `[[components.X.overlays]]` entry exactly as written in TOML (kebab-case keys); its type is required. */
export type OverlayInput = TypedOverlayConfig;

/** `[components.X.build]` keys that feed the render (TOML spelling). */
export type BuildInput = Pick<BuildConfig, 'with' | 'without' | 'defines' | 'undefines' | 'check'>;

/** One `[[components.X.source-files]]` entry (TOML spelling). */
export interface SourceFileInput {
  filename: string;
  hash?: string;
  'hash-type'?: string;
  origin?: { type?: string; uri?: string };
}

/** The overlay-relevant part of a component's resolved config, in TOML shape. */
export interface ComponentOverlayConfig {
  /** Component name; names the spec (`<name>.spec`) and the macros file (`<name>.azl.macros`). */
  name: string;
  /** Inline overlays, for a component rendered without the config model (`resolvedOverlays` replaces them). */
  overlays?: OverlayInput[];
  build?: BuildInput;
  'source-files'?: SourceFileInput[];
  /** `release.calculation`; absent means `auto`. */
  release?: { calculation?: string };
}

/** File contents: text as a string, anything else as bytes. */
export type FileContent = string | Uint8Array;

/** A flat virtual file system: `/`-separated relative paths to contents. */
export type VirtualFiles = Record<string, FileContent>;

/** An overlay the config model has already placed in apply order; `overlayFile` names the file it came from. */
export interface ResolvedOverlayInput {
  overlay: OverlayInput;
  overlayFile?: string;
}

/** Everything needed to render one component. */
export interface RenderRequest {
  component: ComponentOverlayConfig;
  /** The component's sources (spec, patches, archives, sidecar files), keyed by path relative to the sources root. */
  sources: VirtualFiles;
  /** Project files that overlays refer to (`source` files, overlay files), keyed by project-relative path. */
  projectFiles?: VirtualFiles;
  /**
   * Overlays already merged and rebased by the config model (`source` paths project-relative), in
   * apply order (overlay files included); when given, they replace `component.overlays`.
   */
  resolvedOverlays?: ResolvedOverlayInput[];
  /** Project-relative directory of the component's TOML file; the `source` of inline `component.overlays` resolves against it. */
  componentDir?: string;
  /** Spec path inside `sources`; defaults to `<name>.spec`, else the only `.spec` at the root. */
  specPath?: string;
  /**
   * Synthetic commits azldev would put on the component's history since its upstream commit (one per
   * change of its config); the release calculation bumps a static Release by this many. Default 0:
   * no bump, as for a component azldev has no changes for.
   */
  syntheticCommits?: number;
  /** Which static Release values the calculation bumps (default `azldev-1.0`). */
  releaseRule?: ReleaseRule;
  /** Value of `%{dist}` used when expanding tags for package change sets. */
  dist?: string;
  /** Also derive the package change sets after every step (to credit each change to the overlay that made it). */
  packageChangesPerStep?: boolean;
  /** Keep the spec as each overlay found it (`OverlayResult.specBefore`), for checks that need the lines an overlay saw. */
  keepSpecBefore?: boolean;
}

/** Where an overlay in the apply order came from. */
export type OverlayOrigin =
  | { kind: 'inline'; index: number }
  | { kind: 'overlay-file'; file: string; index: number }
  | { kind: 'archive'; archive: string; index: number; from: 'inline' | 'overlay-file'; file?: string }
  | { kind: 'macros' }
  | { kind: 'check-skip' }
  | { kind: 'header' }
  | { kind: 'release' };

/** A 1-based inclusive line range; `count` 0 marks an insertion point before `start`. */
export interface LineRange {
  start: number;
  count: number;
}

/** One contiguous change to one file, in line numbers before and after the overlay. */
export interface FileChange {
  file: string;
  kind: 'modified' | 'added' | 'removed' | 'renamed' | 'binary';
  before: LineRange | null;
  after: LineRange | null;
  /** For renames: the new path. */
  renamedTo?: string;
}

/** What one overlay did. */
export interface OverlayResult {
  /** Position in the apply order (0-based). */
  order: number;
  origin: OverlayOrigin;
  type: string;
  /** The overlay's description, or a generated one when it has none. */
  description: string;
  status: 'ok' | 'error';
  /** Empty when ok; what went wrong otherwise. */
  message: string;
  /** 1-based spec line the error concerns (in the spec as it was when the overlay ran), 0 if none. */
  specLine: number;
  changes: FileChange[];
  /** Warnings and notes beyond ok/error: doc/code mismatches, fragile patterns, collisions. */
  diagnostics: Diagnostic[];
  /** With `packageChangesPerStep`: the package change sets after this step, against the original spec. */
  packageChanges?: PackageChangeSet[];
  /** With `keepSpecBefore`: the spec lines as this overlay found them (null when there is no spec). */
  specBefore?: string[] | null;
}

/** The outcome of rendering a component. */
export interface RenderResult {
  component: string;
  specPath: string;
  /** All files after rendering (text as strings, binary as bytes). */
  files: VirtualFiles;
  /** Unified diff per changed file (text), keyed by path; each is computed when first read (or serialised). */
  diffs: Record<string, string>;
  overlays: OverlayResult[];
  /** Problems not tied to one overlay (missing spec, overlay-file errors, archive notes). */
  diagnostics: Diagnostic[];
  /** Per-subpackage changes derived from the original versus the rendered spec. */
  packageChanges: PackageChangeSet[];
  ok: boolean;
}
