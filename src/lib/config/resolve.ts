/** Component inheritance (azl-format.md §2.4): distro-version defaults → project defaults → groups → component. */
import { DEFAULTS_PATH } from './defaults.ts';
import type { LNode, TableNode } from './located-tree.ts';
import { COMPONENT_MERGE } from './merge.ts';
import { emptyTable, flattenProvenance, getNode, getString, mergeNodes, toPlain } from './located-tree.ts';
import type { Project } from './model.ts';
import { expandOverlayFiles } from './overlay-files.ts';
import { definitionsOf, homeDefinition } from './pins.ts';
import type { ComponentConfig, Loc, LockFile, Located, OverlayConfig, OverlayMetadata, Provenance, TypedOverlayConfig } from './types.ts';


/** An overlay in apply order, with where it was written. */
export interface ResolvedOverlay {
  overlay: TypedOverlayConfig;
  loc: Loc;
  /** The `*.overlay.toml` file it came from; absent for inline and inherited overlays. */
  overlayFile?: string;
  /** The file-level metadata of its overlay file, or its own inline metadata. */
  metadata?: OverlayMetadata;
}

/** Where a component's upstream spec is fetched from, and which commit (§2.4 "Which upstream commit"). */
export interface UpstreamSource {
  distro: string;
  version: string;
  releaseVer?: string;
  distGitBranch?: string;
  /** dist-git package name: `upstream-name`, else the component name. */
  upstreamName: string;
  /** `dist-git-base-uri` with `$pkg` filled in. */
  cloneUri?: string;
  snapshot?: string;
  /** The commit to fetch, when known before talking to dist-git. */
  commit?: string;
  /** Why that commit: a lock file, a config pin, the last commit before the snapshot, or HEAD. */
  commitFrom: 'lock' | 'pin' | 'snapshot' | 'head';
}

/** A component's fully merged configuration with per-value provenance. */
export interface ResolvedComponent {
  name: string;
  /** Where the component itself is defined: its first definition that is not a generated commit pin. */
  loc: Loc;
  /** Every definition of the component in load order (azldev 0.4.0 merges them); `loc` is one of them. */
  definedIn: Loc[];
  /** Groups listing the component, in the (alphabetical) order their defaults apply. */
  groups: string[];
  config: ComponentConfig;
  /** Value path → file:line of the layer that supplied it. */
  provenance: Provenance;
  /** Inherited and inline overlays, then those of `overlay-files`, in apply order. */
  overlays: ResolvedOverlay[];
  /** Overlay files in the order their overlays apply. */
  overlayFiles: string[];
  upstream?: UpstreamSource;
  lock?: Located<LockFile>;
  /** `<rendered-specs-dir>/<first letter>/<name>`. */
  renderedSpecDir: string;
}

/** The project's default distro and version (`project.default-distro`, version falling back to `default-version`). */
export function defaultDistro(project: Project): { name: string; version: string } | undefined {
  const ref = getNode(project.project, 'default-distro');
  const name = getString(ref, 'name');
  if (!name) return undefined;
  const version = getString(ref, 'version') || getString(project.distros.get(name), 'default-version') || '';
  return { name, version };
}

function distroVersionNode(project: Project, name: string, version: string): LNode | undefined {
  return getNode(project.distros.get(name), 'versions', version);
}

// The distro-version layer is the same for every component of a (loaded, unchanging) project.
const distroLayerCache = new WeakMap<Project, { label: string; node: TableNode } | null>();

function distroLayer(project: Project): { label: string; node: TableNode } | null {
  if (distroLayerCache.has(project)) return distroLayerCache.get(project) ?? null;
  const distro = defaultDistro(project);
  const node = distro ? getNode(distroVersionNode(project, distro.name, distro.version), 'default-component-config') : undefined;
  const layer = distro && node?.kind === 'table' ? { label: `distro ${distro.name} ${distro.version}`, node } : null;
  distroLayerCache.set(project, layer);
  return layer;
}

/** The inheritance layers of a component, lowest priority first, each labelled. */
export function componentLayers(project: Project, name: string): { label: string; node: TableNode }[] {
  const layers: { label: string; node: TableNode }[] = [];
  const push = (label: string, node: LNode | undefined) => {
    if (node?.kind === 'table') layers.push({ label, node });
  };
  const distro = distroLayer(project);
  if (distro) layers.push(distro);
  push('project default-component-config', project.defaultComponentConfig);
  for (const group of project.groupsOfComponent.get(name) ?? []) {
    push(`component group ${group}`, getNode(project.componentGroups.get(group), 'default-component-config'));
  }
  push(`component ${name}`, project.components.get(name));
  return layers;
}

function tableOverlays(node: LNode | undefined): TableNode[] {
  return node?.kind === 'array' ? node.items.filter((n): n is TableNode => n.kind === 'table') : [];
}

/** The parts of an upstream source that depend only on the merged spec, not on the component name. */
interface UpstreamBase {
  source: Omit<UpstreamSource, 'upstreamName'>;
  upstreamName?: string;
  cloneTemplate?: string;
}

const upstreamCache = new WeakMap<TableNode, UpstreamBase | null>();

function upstreamBase(project: Project, merged: TableNode): UpstreamBase | null {
  if (upstreamCache.has(merged)) return upstreamCache.get(merged) ?? null;
  let base: UpstreamBase | null = null;
  if (getString(merged, 'spec', 'type') !== 'local') {
    const ref = getNode(merged, 'spec', 'upstream-distro');
    const distroName = getString(ref, 'name') || defaultDistro(project)?.name || '';
    const distro = project.distros.get(distroName);
    const version = getString(ref, 'version') || getString(distro, 'default-version') || '';
    const versionNode = distroVersionNode(project, distroName, version);
    const source: UpstreamBase['source'] = { distro: distroName, version, commitFrom: 'head' };
    const releaseVer = getString(versionNode, 'release-ver');
    if (releaseVer) source.releaseVer = releaseVer;
    const branch = getString(versionNode, 'dist-git-branch');
    if (branch) source.distGitBranch = branch;
    const snapshot = getString(ref, 'snapshot');
    const pinned = getString(merged, 'spec', 'upstream-commit');
    if (snapshot) source.snapshot = snapshot;
    if (pinned) Object.assign(source, { commit: pinned, commitFrom: 'pin' });
    else if (snapshot) source.commitFrom = 'snapshot';
    base = { source };
    const upstreamName = getString(merged, 'spec', 'upstream-name');
    if (upstreamName) base.upstreamName = upstreamName;
    const template = getString(distro, 'dist-git-base-uri');
    if (template) base.cloneTemplate = template;
  }
  upstreamCache.set(merged, base);
  return base;
}

function upstreamOf(project: Project, name: string, merged: TableNode, lock: TableNode | undefined): UpstreamSource | undefined {
  const base = upstreamBase(project, merged);
  if (!base) return undefined;
  const upstreamName = base.upstreamName ?? name;
  const source: UpstreamSource = { ...base.source, upstreamName };
  if (base.cloneTemplate) source.cloneUri = base.cloneTemplate.replaceAll('$pkg', upstreamName);
  const locked = getString(lock, 'upstream-commit');
  if (locked) Object.assign(source, { commit: locked, commitFrom: 'lock' });
  return source;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

// Most components inherit everything (97 % of the real tree are bare `[components.X]`), so their
// merged tree is the very same node; its plain form and provenance are computed once and shared,
// frozen so that no consumer can change one component through another.
const plainCache = new WeakMap<TableNode, { config: ComponentConfig; provenance: Provenance }>();

function plainWithProvenance(merged: TableNode): { config: ComponentConfig; provenance: Provenance } {
  let cached = plainCache.get(merged);
  if (!cached) {
    cached = deepFreeze({ config: toPlain(merged) as ComponentConfig, provenance: flattenProvenance(merged) });
    plainCache.set(merged, cached);
  }
  return cached;
}

/** OVERLAY with a string `type` (the schema requires one; an overlay without it already has its diagnostic). */
function typed(overlay: OverlayConfig): TypedOverlayConfig {
  return typeof overlay.type === 'string' ? (overlay as TypedOverlayConfig) : { ...overlay, type: '' };
}

/** Resolves one component, or returns undefined when no component has that name. */
export function resolveComponent(project: Project, name: string): ResolvedComponent | undefined {
  const own = project.components.get(name);
  const home = homeDefinition(project, name);
  if (!own || !home) return undefined;
  let merged: TableNode = emptyTable(home.loc);
  for (const layer of componentLayers(project, name)) merged = mergeNodes(merged, layer.node, COMPONENT_MERGE) as TableNode;

  const { config, provenance } = plainWithProvenance(merged);
  const overlays: ResolvedOverlay[] = tableOverlays(getNode(merged, 'overlays')).map((node, i) => {
    const entry: ResolvedOverlay = { overlay: typed(config.overlays?.[i] as OverlayConfig), loc: node.loc };
    if (entry.overlay.metadata) entry.metadata = entry.overlay.metadata;
    return entry;
  });
  const overlayFiles: string[] = [];
  for (const match of expandOverlayFiles(project, getNode(merged, 'overlay-files'))) {
    const file = project.overlayFiles.get(match.path);
    if (!file) continue;
    overlayFiles.push(file.path);
    const metadata = toPlain(file.metadata) as OverlayMetadata;
    for (const node of file.overlays) overlays.push({ overlay: typed(toPlain(node) as OverlayConfig), loc: node.loc, overlayFile: file.path, metadata });
  }

  const lockNode = project.locks.get(name);
  const specsDir = getString(project.project, 'rendered-specs-dir') || 'specs';
  const resolved: ResolvedComponent = {
    name,
    loc: home.loc,
    definedIn: definitionsOf(project, name).map((d) => d.loc),
    groups: project.groupsOfComponent.get(name) ?? [],
    config,
    provenance,
    overlays,
    overlayFiles,
    renderedSpecDir: `${specsDir}/${name.charAt(0).toLowerCase()}/${name}`,
  };
  const upstream = upstreamOf(project, name, merged, lockNode);
  if (upstream) resolved.upstream = upstream;
  if (lockNode) resolved.lock = { value: toPlain(lockNode) as LockFile, loc: lockNode.loc, provenance: flattenProvenance(lockNode) };
  return resolved;
}

/** Wraps a located tree as a plain value with provenance. */
export function locate<T>(node: TableNode): Located<T> {
  return { value: toPlain(node) as T, loc: node.loc, provenance: flattenProvenance(node) };
}

/** The built-in location of defaults applied after merging. */
export const BUILTIN_LOC: Loc = { file: DEFAULTS_PATH, line: 0, col: 0 };
