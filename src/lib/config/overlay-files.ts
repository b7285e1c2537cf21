/** `overlay-files`: per-file overlays (`*.overlay.toml`), loaded and validated at load time (§3.4). */
import type { LNode, TableNode } from './located-tree.ts';
import { getNode } from './located-tree.ts';
import { expandGlob, isLiteralPattern } from '../files/glob.ts';
import { rebaseComponentPaths } from './merge.ts';
import { checkComponentPaths } from './path-escape.ts';
import type { OverlayFileModel, Project } from './model.ts';
import { checkMetadata, checkOverlay } from './overlay-rules.ts';
import { parseTomlFile } from './parse-file.ts';
import { basename, dirname } from '../files/paths.ts';
import type { DiagnosticSink } from './report.ts';
import { overlayFileSchema } from './schema-defs.ts';

/** One matched overlay file and the pattern entry that reached it. */
export interface OverlayFileMatch {
  path: string;
  pattern: LNode;
}

/**
 * Expands already-rebased `overlay-files` patterns: each pattern's matches sorted by basename then
 * path, patterns concatenated, duplicates dropped. A missing literal path is reported when `sink` is given.
 */
export function expandOverlayFiles(project: Project, patterns: LNode | undefined, sink?: DiagnosticSink): OverlayFileMatch[] {
  if (patterns?.kind !== 'array') return [];
  const out: OverlayFileMatch[] = [];
  const seen = new Set<string>();
  for (const pattern of patterns.items) {
    if (pattern.kind !== 'scalar' || typeof pattern.value !== 'string') continue;
    const matches = expandGlob(project.sortedPaths, project.existing, '', pattern.value);
    if (matches.length === 0 && isLiteralPattern(pattern.value)) {
      sink?.error('config/overlay-file-missing', pattern.loc, `overlay file "${pattern.value}" does not exist`, 'fix the path (relative to the component file) or use a glob');
    }
    matches.sort((a, b) => {
      const [x, y] = [basename(a), basename(b)];
      if (x !== y) return x < y ? -1 : 1;
      return a < b ? -1 : a > b ? 1 : 0;
    });
    for (const path of matches) {
      if (seen.has(path)) continue;
      seen.add(path);
      out.push({ path, pattern });
    }
  }
  return out;
}

function loadOverlayFile(project: Project, path: string, permissive: boolean, sink: DiagnosticSink, unreadable: ReadonlyMap<string, string> | undefined): OverlayFileModel | undefined {
  const text = project.files.get(path);
  const why = unreadable?.get(path);
  if (text === undefined && why !== undefined) {
    sink.error('config/unreadable', { file: path, line: 0, col: 0 }, `overlay file "${path}" was not read: ${why}`, 'an overlay file must be UTF-8 TOML of reasonable size');
    return undefined;
  }
  if (text === undefined) throw new Error(`internal: ${path} is in the checkout but was not read before the load`);
  if (text.trim() === '') {
    sink.error('config/overlay-file-empty', { file: path, line: 0, col: 0 }, `overlay file "${path}" is empty`, 'add a [metadata] table and at least one [[overlays]] entry, or delete the file');
    return undefined;
  }
  const parsed = parseTomlFile(path, text, overlayFileSchema, permissive, sink);
  if (!parsed) return undefined;
  const overlaysNode = getNode(parsed.root, 'overlays');
  const overlays = overlaysNode?.kind === 'array' ? overlaysNode.items.filter((n): n is TableNode => n.kind === 'table') : [];
  if (overlaysNode?.kind === 'array' && overlays.length === 0) {
    sink.error('config/overlay-file-empty', overlaysNode.loc, `overlay file "${path}" has no overlays`, 'add at least one [[overlays]] entry');
  }
  overlays.forEach((overlay, i) => {
    const metadata = getNode(overlay, 'metadata');
    if (metadata) {
      sink.error('config/overlay-file-metadata', metadata.loc, `overlay ${i + 1} in "${path}" has its own metadata; per-overlay metadata is not allowed in overlay files`, 'move it to the file-level [metadata] table, or split the file');
    }
    checkOverlay(overlay, `overlay file "${path}" overlay ${i + 1}`, sink);
  });
  const metadata = getNode(parsed.root, 'metadata');
  checkMetadata(metadata, `overlay file "${path}" metadata`, sink);
  // Overlay `source` paths resolve against the overlay file's own directory.
  rebaseComponentPaths(parsed.root, dirname(path));
  checkComponentPaths(parsed.root, sink);
  return { path, metadata: metadata?.kind === 'table' ? metadata : parsed.root, overlays };
}

function componentConfigs(project: Project): TableNode[] {
  const out: TableNode[] = [project.defaultComponentConfig, ...project.components.values()];
  const dcc = (n: LNode | undefined) => {
    const c = getNode(n, 'default-component-config');
    if (c?.kind === 'table') out.push(c);
  };
  for (const group of project.componentGroups.values()) dcc(group);
  for (const distro of project.distros.values()) {
    const versions = getNode(distro, 'versions');
    if (versions?.kind === 'table') for (const v of versions.entries.values()) dcc(v);
  }
  return out;
}

/** Every `overlay-files` pattern of any component or default config, already rebased on its file. */
export function overlayFilePatterns(project: Project): string[] {
  const patterns = new Set<string>();
  for (const config of componentConfigs(project)) {
    const list = getNode(config, 'overlay-files');
    for (const item of list?.kind === 'array' ? list.items : []) if (item.kind === 'scalar' && typeof item.value === 'string') patterns.add(item.value);
  }
  return [...patterns];
}

/** Every overlay file any component or default config points at, in the order a load reads them. */
export function overlayFilePaths(project: Project): string[] {
  const paths = new Set<string>();
  for (const config of componentConfigs(project)) for (const match of expandOverlayFiles(project, getNode(config, 'overlay-files'))) paths.add(match.path);
  return [...paths];
}

/** Loads every overlay file any component or default config points at, reporting all problems. */
export function loadOverlayFiles(project: Project, permissive: boolean, sink: DiagnosticSink, unreadable?: ReadonlyMap<string, string>): void {
  const attempted = new Set<string>();
  for (const config of componentConfigs(project)) {
    for (const match of expandOverlayFiles(project, getNode(config, 'overlay-files'), sink)) {
      if (attempted.has(match.path)) continue;
      attempted.add(match.path);
      const model = loadOverlayFile(project, match.path, permissive, sink, unreadable);
      if (model) project.overlayFiles.set(match.path, model);
    }
  }
}
