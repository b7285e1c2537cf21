/** The loaded project: every definition merged across files, still as located trees. */
import type { TableNode } from './located-tree.ts';
import type { Loc, ProjectFiles } from './types.ts';

/** One `*.overlay.toml` file: its metadata and overlays, with `source` paths already rebased. */
export interface OverlayFileModel {
  path: string;
  metadata: TableNode;
  overlays: TableNode[];
}

/** A binary package named in a package group, and the source package its `# srpm:` comment names. */
export interface BinaryPackageEntry {
  binary: string;
  group: string;
  /** Source package (component) from the `# srpm:` comment, if the line has one. */
  srpm?: string;
  loc: Loc;
}

/** A merged project. Read it through `resolveComponent` / `resolveProject`; the trees keep provenance. */
export interface Project {
  files: ProjectFiles;
  /** Every config file, in load (and merge) order, starting with the built-in defaults. */
  loadedFiles: string[];
  project: TableNode;
  distros: Map<string, TableNode>;
  rpmRepos: Map<string, TableNode>;
  repoSetTemplates: Map<string, TableNode>;
  repoSets: Map<string, TableNode>;
  componentGroups: Map<string, TableNode>;
  /** Each component's definitions merged in load order (azldev 0.4.0 merges repeated definitions). */
  components: Map<string, TableNode>;
  /** Each file's own definition of a component, in load order: where its values came from. */
  componentDefinitions: Map<string, TableNode[]>;
  images: Map<string, TableNode>;
  packageGroups: Map<string, TableNode>;
  tests: Map<string, TableNode>;
  testGroups: Map<string, TableNode>;
  tools: TableNode;
  defaultComponentConfig: TableNode;
  defaultPackageConfig: TableNode;
  /** Overlay files reached from any `overlay-files` pattern, by path. */
  overlayFiles: Map<string, OverlayFileModel>;
  /** Lock files by component name. */
  locks: Map<string, TableNode>;
  /** Component name → names of the groups listing it, alphabetical. */
  groupsOfComponent: Map<string, string[]>;
  /** Binary package → its package group and source package. */
  binaryPackages: Map<string, BinaryPackageEntry>;
  /** Paths of all files, in directory-walk order (for glob expansion). */
  sortedPaths: string[];
  /** The same paths as a set: which files exist, read or not. */
  existing: ReadonlySet<string>;
}
