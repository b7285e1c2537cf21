/** The dependency tags of a binary package that overlays can change. */
export const DEPENDENCY_KINDS = ['Requires', 'Provides', 'Conflicts', 'Obsoletes', 'Recommends', 'Supplements', 'Suggests', 'Enhances'] as const;

/** One of the binary dependency tags. */
export type DependencyKind = (typeof DEPENDENCY_KINDS)[number];

/** One dependency from a spec tag, split out of comma/space-separated lists. */
export interface SpecDependency {
  kind: DependencyKind;
  /** `Requires(post)` gives `post`; empty otherwise. */
  qualifier: string;
  /** As written in the spec. */
  raw: string;
  /** With the spec's simple macros expanded (unknown macros are kept as written). */
  expanded: string;
  /** The dependency's name: the first word of `expanded` (a rich dependency keeps its parentheses). */
  name: string;
  /** Enclosing `%if` lines, outermost first: the dependency only exists when they hold. */
  conditions: string[];
}

/** A value before and after the overlays (expanded); null where the package or tag is absent. */
export interface ValueChange {
  before: string | null;
  after: string | null;
}

/** How overlays changed one binary package built from the component's spec. */
export interface PackageChangeSet {
  /** The package as sections name it: `""` for the main package, the suffix (`devel`) or the `-n` name. */
  specPackage: string;
  /** Binary package name before and after (expanded). */
  name: ValueChange;
  status: 'added' | 'removed' | 'modified' | 'unchanged';
  /** Present only when the value changed. Sub-packages inherit the main package's values. */
  epoch?: ValueChange;
  version?: ValueChange;
  release?: ValueChange;
  /** Dependencies the overlays added to this package. */
  added: SpecDependency[];
  /** Dependencies the overlays removed from this package. */
  removed: SpecDependency[];
}

/** Inputs for macro expansion beyond the spec itself. */
export interface ExpansionOptions {
  build?: { with?: string[]; without?: string[]; defines?: Record<string, string>; undefines?: string[] } | undefined;
  /** `%{dist}`; defaults to `.azl4`. */
  dist?: string | undefined;
}
