/** Merges config files in load order (azl-format.md §1), rebasing relative paths on the defining file. */
import type { LNode, MergePolicy, TableNode } from './located-tree.ts';
import { emptyTable, getNode, mergeNodes } from './located-tree.ts';
import type { BinaryPackageEntry, Project } from './model.ts';
import type { ParsedFile } from './parse-file.ts';
import { dirname, resolvePath } from '../files/paths.ts';
import type { DiagnosticSink } from './report.ts';
import type { Loc } from './types.ts';

/** Per-field merge where later non-empty values win and slices are replaced (mergo WithOverride). */
export const FIELD_MERGE: MergePolicy = { arrays: 'replace' };

/** mergo WithOverride + WithAppendSlice, except that `overlay-files` replaces what it inherits. */
export const COMPONENT_MERGE: MergePolicy = { arrays: 'append', replaceKeys: new Set(['overlay-files']) };

// Components are not here: since azldev 0.4.0 (#296) repeated definitions merge (see mergeComponents).
// `test-suites` is not either: azldev 1.0.0 (#350) removed it, and file-rules refuses it.
const UNION_KINDS = [
  ['component-groups', 'component group'],
  ['images', 'image'],
  ['package-groups', 'package group'],
  ['tests', 'test'],
  ['test-groups', 'test group'],
] as const;

type UnionKey = (typeof UNION_KINDS)[number][0];

function rebaseScalar(node: LNode | undefined, dir: string): void {
  if (node?.kind === 'scalar' && typeof node.value === 'string' && node.value !== '') node.value = resolvePath(dir, node.value);
}

function rebaseEach(node: LNode | undefined, dir: string, ...path: string[]): void {
  const list = getNode(node, ...path);
  if (list?.kind === 'array') for (const item of list.items) rebaseScalar(item, dir);
}

function tables(node: LNode | undefined): TableNode[] {
  if (node?.kind === 'table') return [...node.entries.values()].filter((n): n is TableNode => n.kind === 'table');
  if (node?.kind === 'array') return node.items.filter((n): n is TableNode => n.kind === 'table');
  return [];
}

/** Rebases the paths of a component config; exported for overlay files, whose `source` is rebased the same way. */
export function rebaseComponentPaths(config: LNode | undefined, dir: string): void {
  if (config?.kind !== 'table' || config.entries.size === 0) return;
  rebaseScalar(getNode(config, 'spec', 'path'), dir);
  for (const overlay of tables(getNode(config, 'overlays'))) rebaseScalar(getNode(overlay, 'source'), dir);
  rebaseEach(config, dir, 'overlay-files');
  for (const ref of tables(getNode(config, 'source-files'))) rebaseScalar(getNode(ref, 'origin', 'script'), dir);
}

// Mutates nodes that were built from this one file only, before anything shares them.
function rebaseFile(root: TableNode, dir: string): void {
  const project = getNode(root, 'project');
  for (const key of ['log-dir', 'work-dir', 'output-dir', 'rendered-specs-dir', 'lock-dir']) rebaseScalar(getNode(project, key), dir);
  for (const comp of tables(getNode(root, 'components'))) rebaseComponentPaths(comp, dir);
  rebaseComponentPaths(getNode(root, 'default-component-config'), dir);
  for (const group of tables(getNode(root, 'component-groups'))) {
    rebaseEach(group, dir, 'specs');
    rebaseEach(group, dir, 'excluded-paths');
    rebaseComponentPaths(getNode(group, 'default-component-config'), dir);
  }
  for (const distro of tables(getNode(root, 'distros'))) {
    for (const version of tables(getNode(distro, 'versions'))) {
      for (const key of ['mock-config', 'mock-config-x86_64', 'mock-config-aarch64']) rebaseScalar(getNode(version, key), dir);
      rebaseComponentPaths(getNode(version, 'default-component-config'), dir);
    }
  }
  for (const distro of tables(getNode(root, 'distros'))) {
    for (const version of tables(getNode(distro, 'versions'))) rebaseScalar(getNode(version, 'kiwi-config-override'), dir);
  }
  for (const image of tables(getNode(root, 'images'))) rebaseScalar(getNode(image, 'definition', 'path'), dir);
  // `[tests.X.pytest] working-dir` is kept as authored: azldev 1.0.0 (#350) resolves it only when a test runs.
}

const SRPM_COMMENT = /#\s*srpm:\s*([^\s#]+)/;

function collectBinaryPackages(file: ParsedFile, project: Project, sink: DiagnosticSink): void {
  let lines: string[] | undefined;
  const groups = getNode(file.root, 'package-groups');
  if (groups?.kind !== 'table') return;
  for (const [group, def] of groups.entries) {
    const packages = getNode(def, 'packages');
    if (packages?.kind !== 'array') continue;
    for (const item of packages.items) {
      if (item.kind !== 'scalar' || typeof item.value !== 'string') continue;
      lines ??= file.text.split('\n');
      const srpm = SRPM_COMMENT.exec(lines[item.loc.line - 1] ?? '')?.[1];
      const previous = project.binaryPackages.get(item.value);
      if (previous && previous.group !== group) {
        sink.error('config/package-in-two-groups', item.loc, `package "${item.value}" is in package group "${group}" and in "${previous.group}"`, `a binary package belongs to one group; it is also listed at ${previous.loc.file}:${previous.loc.line}`);
        continue;
      }
      const entry: BinaryPackageEntry = { binary: item.value, group, loc: item.loc };
      if (srpm) entry.srpm = srpm;
      project.binaryPackages.set(item.value, entry);
    }
  }
}

function mergeMapField(target: Map<string, TableNode>, node: LNode | undefined, mode: 'field' | 'replace'): void {
  if (node?.kind !== 'table') return;
  for (const [name, def] of node.entries) {
    if (def.kind !== 'table') continue;
    const prev = target.get(name);
    target.set(name, mode === 'replace' || !prev ? def : (mergeNodes(prev, def, FIELD_MERGE) as TableNode));
  }
}

/** A project with nothing loaded yet; `rootLoc` locates the (empty) merged tables. */
export function emptyProject(files: Project['files'], sortedPaths: string[], rootLoc: Loc): Project {
  return {
    files,
    sortedPaths,
    existing: new Set(sortedPaths),
    loadedFiles: [],
    project: emptyTable(rootLoc),
    distros: new Map(),
    rpmRepos: new Map(),
    repoSetTemplates: new Map(),
    repoSets: new Map(),
    componentGroups: new Map(),
    components: new Map(),
    images: new Map(),
    packageGroups: new Map(),
    componentDefinitions: new Map(),
    tests: new Map(),
    testGroups: new Map(),
    tools: emptyTable(rootLoc),
    defaultComponentConfig: emptyTable(rootLoc),
    defaultPackageConfig: emptyTable(rootLoc),
    overlayFiles: new Map(),
    locks: new Map(),
    groupsOfComponent: new Map(),
    binaryPackages: new Map(),
  };
}

const UNION_FIELDS: Record<UnionKey, keyof Project> = {
  'component-groups': 'componentGroups',
  images: 'images',
  'package-groups': 'packageGroups',
  tests: 'tests',
  'test-groups': 'testGroups',
};

/**
 * Repeated `[components.X]` definitions merge in load order (azldev 0.4.0, #296): later non-empty
 * values override, lists append (overlays among them) and `overlay-files` is replaced, the rule of
 * component inheritance. Each file's own definition is kept for provenance.
 */
function mergeComponents(project: Project, node: LNode | undefined): void {
  if (node?.kind !== 'table') return;
  for (const [name, def] of node.entries) {
    if (def.kind !== 'table') continue;
    const definitions = project.componentDefinitions.get(name);
    if (!definitions) {
      project.componentDefinitions.set(name, [def]);
      project.components.set(name, def);
      continue;
    }
    definitions.push(def);
    project.components.set(name, mergeNodes(project.components.get(name), def, COMPONENT_MERGE) as TableNode);
  }
}

/** Merges one parsed file into `project`, reporting duplicate definitions where azldev still forbids them. */
export function mergeFile(project: Project, file: ParsedFile, sink: DiagnosticSink): void {
  const root = file.root;
  rebaseFile(root, dirname(file.path));
  project.loadedFiles.push(file.path);
  mergeComponents(project, getNode(root, 'components'));

  for (const [key, word] of UNION_KINDS) {
    const node = getNode(root, key);
    if (node?.kind !== 'table') continue;
    const target = project[UNION_FIELDS[key]] as Map<string, TableNode>;
    for (const [name, def] of node.entries) {
      if (def.kind !== 'table') continue;
      const prev = target.get(name);
      if (prev) {
        sink.error('config/duplicate', def.loc, `duplicate ${word} "${name}": already defined at ${prev.loc.file}:${prev.loc.line}`, `each ${word} is defined once; merge the two definitions or rename one`);
        continue;
      }
      target.set(name, def);
    }
  }
  mergeMapField(project.distros, getNode(root, 'distros'), 'field');
  mergeMapField(project.rpmRepos, getNode(root, 'resources', 'rpm-repos'), 'replace');
  mergeMapField(project.repoSetTemplates, getNode(root, 'resources', 'rpm-repo-set-templates'), 'replace');
  mergeMapField(project.repoSets, getNode(root, 'resources', 'rpm-repo-sets'), 'replace');
  const fieldMerged = [
    ['project', 'project'],
    ['tools', 'tools'],
    ['default-component-config', 'defaultComponentConfig'],
    ['default-package-config', 'defaultPackageConfig'],
  ] as const;
  for (const [key, field] of fieldMerged) {
    const node = getNode(root, key);
    if (node?.kind === 'table') project[field] = mergeNodes(project[field], node, FIELD_MERGE) as TableNode;
  }
  collectBinaryPackages(file, project, sink);
}
