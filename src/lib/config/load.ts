/** Loads a project from its virtual file system: built-in defaults, then `azldev.toml` and its includes, depth-first. */
import type { Diagnostic } from '../diagnostics.ts';
import { DEFAULTS_PATH, DEFAULTS_TOML, PROJECT_DIR_DEFAULTS } from './defaults.ts';
import { checkFileSemantics } from './file-rules.ts';
import { expandGlob, isLiteralPattern } from '../files/glob.ts';
import type { TableNode } from './located-tree.ts';
import { getNode, getString } from './located-tree.ts';
import { emptyProject, mergeFile } from './merge.ts';
import type { Project } from './model.ts';
import { loadOverlayFiles, overlayFilePaths, overlayFilePatterns } from './overlay-files.ts';
import { parseTomlFile } from './parse-file.ts';
import { checkFilePaths, checkInsideProject } from './path-escape.ts';
import { comparePaths, dirname, resolvePath } from '../files/paths.ts';
import { checkProject } from './project-rules.ts';
import { DiagnosticSink } from './report.ts';
import { configFileSchema, lockFileSchema } from './schema-defs.ts';
import type { Loc, ProjectFiles } from './types.ts';

/** The file every project starts from. */
export const ROOT_CONFIG = 'azldev.toml';

/** Options of `loadProject`. */
export interface LoadOptions {
  /** Unknown keys become warnings instead of errors, like azldev `--permissive-config`. */
  permissive?: boolean;
  /**
   * Every file of the checkout, when `files` holds the text of only some of them (a checkout read
   * lazily): globs and existence checks use these paths. A listed file the load needs must be in
   * `files` or in `unreadable`.
   */
  paths?: Iterable<string>;
  /** Listed files whose text was not read, and why (too large, not UTF-8 text). */
  unreadable?: ReadonlyMap<string, string>;
}

/** A loaded project and every diagnostic of the load; the project is best-effort when there are errors. */
export interface LoadResult {
  project: Project;
  diagnostics: Diagnostic[];
}

/**
 * The text of a config file the load needs. A file a lazy reader left unread on purpose is
 * reported; one it forgot is a bug in that reader, not in the user's tree.
 */
function textOf(project: Project, path: string, unreadable: ReadonlyMap<string, string> | undefined, at: Loc, sink: DiagnosticSink): string | undefined {
  const text = project.files.get(path);
  if (text !== undefined) return text;
  const why = unreadable?.get(path);
  if (why !== undefined) {
    sink.error('config/unreadable', at, `config file "${path}" was not read: ${why}`, 'a config file must be UTF-8 TOML of reasonable size');
    return undefined;
  }
  if (project.existing.has(path)) throw new Error(`internal: ${path} is in the checkout but was not read before the load`);
  return undefined;
}

function visitIncludes(
  pending: PendingLoad,
  path: string,
  text: string,
  includedFrom: Loc | undefined,
  seen: Map<string, Loc | undefined>,
): void {
  const { project, permissive, sink } = pending;
  if (seen.has(path)) {
    const first = seen.get(path);
    sink.error(
      'config/circular-include',
      includedFrom ?? { file: path, line: 0, col: 0 },
      `circular include: "${path}" is already loaded`,
      first ? `it was first included at ${first.file}:${first.line}; remove one of the includes` : 'a file may be included only once',
    );
    return;
  }
  seen.set(path, includedFrom);
  const parsed = parseTomlFile(path, text, configFileSchema, permissive, sink);
  if (!parsed) return;
  checkFileSemantics(parsed.root, permissive, sink);
  // Includes are read before merging, which rebases only path-valued keys, never `includes`.
  const includes = getNode(parsed.root, 'includes');
  mergeFile(project, parsed, sink);
  checkFilePaths(parsed.root, sink);
  if (includes?.kind !== 'array') return;
  for (const item of includes.items) {
    if (item.kind !== 'scalar' || typeof item.value !== 'string') continue;
    const pattern = item.value;
    if (!checkInsideProject(resolvePath(dirname(path), pattern), item.loc, 'include', sink)) continue;
    const matches = expandGlob(project.sortedPaths, project.existing, dirname(path), pattern);
    if (matches.length === 0 && isLiteralPattern(pattern)) {
      sink.error('config/include-missing', item.loc, `included file "${resolvePath(dirname(path), pattern)}" does not exist`, 'fix the path (relative to this file) or remove the include; globs that match nothing are ignored');
    }
    for (const match of matches) {
      const included = textOf(project, match, pending.unreadable, item.loc, sink);
      if (included !== undefined) visitIncludes(pending, match, included, item.loc, seen);
    }
  }
}

function indexGroups(project: Project): void {
  const names = [...project.componentGroups.keys()].sort();
  for (const group of names) {
    const members = getNode(project.componentGroups.get(group), 'components');
    for (const item of members?.kind === 'array' ? members.items : []) {
      if (item.kind !== 'scalar') continue;
      const name = String(item.value);
      const list = project.groupsOfComponent.get(name) ?? [];
      if (!list.includes(group)) list.push(group);
      project.groupsOfComponent.set(name, list);
    }
  }
}

/** The project's lock directory after defaults: `lock-dir` if set, else `locks` at the project root. */
export function lockDir(project: Project): string {
  return getString(project.project, 'lock-dir') || (PROJECT_DIR_DEFAULTS['lock-dir'] as string);
}

/** The lock files a load reads: `<lock-dir>/<component>.lock` for each component that has one. */
function lockPaths(project: Project): string[] {
  const dir = lockDir(project);
  return [...project.components.keys()].map((name) => `${dir}/${name}.lock`).filter((path) => project.existing.has(path));
}

function loadLocks(pending: PendingLoad): void {
  const { project, permissive, sink } = pending;
  const dir = lockDir(project);
  for (const path of lockPaths(project)) {
    const name = path.slice(dir.length + 1, -'.lock'.length);
    const text = textOf(project, path, pending.unreadable, { file: path, line: 0, col: 0 }, sink);
    if (text === undefined) continue;
    const parsed = parseTomlFile(path, text, lockFileSchema, permissive, sink);
    if (!parsed) continue;
    const version = getNode(parsed.root, 'version');
    if (version?.kind === 'scalar' && version.value !== 1) {
      sink.error('config/lock-version', version.loc, `lock file "${path}" has unsupported version ${version.value}`, 'this playground reads lock file version 1');
    }
    project.locks.set(name, parsed.root as TableNode);
  }
}

/** A load between its two halves: the config tree read and merged; overlay files and locks still to read. */
export interface PendingLoad {
  project: Project;
  permissive: boolean;
  sink: DiagnosticSink;
  unreadable?: ReadonlyMap<string, string>;
}

/** The first half of a load: built-in defaults, then `azldev.toml` and its includes, depth-first, merged. */
export function startLoad(files: ProjectFiles, options: LoadOptions = {}): PendingLoad {
  const permissive = options.permissive ?? false;
  const sink = new DiagnosticSink();
  const sortedPaths = [...(options.paths ?? files.keys())].sort(comparePaths);
  const project = emptyProject(files, sortedPaths, { file: ROOT_CONFIG, line: 0, col: 0 });
  const pending: PendingLoad = { project, permissive, sink };
  if (options.unreadable) pending.unreadable = options.unreadable;

  const defaults = parseTomlFile(DEFAULTS_PATH, DEFAULTS_TOML, configFileSchema, false, sink);
  if (defaults) mergeFile(project, defaults, sink);

  const root: Loc = { file: ROOT_CONFIG, line: 0, col: 0 };
  const rootText = project.existing.has(ROOT_CONFIG) ? textOf(project, ROOT_CONFIG, pending.unreadable, root, sink) : undefined;
  if (!project.existing.has(ROOT_CONFIG)) {
    sink.error('config/no-root', root, `no ${ROOT_CONFIG} at the project root`, `a project starts at ${ROOT_CONFIG}; open the folder that contains it`);
  } else if (rootText !== undefined) {
    visitIncludes(pending, ROOT_CONFIG, rootText, undefined, new Map());
  }
  indexGroups(project);
  return pending;
}

/**
 * The paths and patterns whose files the second half of PENDING looks for: every `overlay-files`
 * pattern, the lock files, and each distro version's kiwi-config-override.
 */
export function pathsTheLoadChecks(pending: PendingLoad): string[] {
  const { project } = pending;
  const overrides = [...project.distros.values()].flatMap((distro) => {
    const versions = getNode(distro, 'versions');
    return versions?.kind === 'table' ? [...versions.entries.values()].map((v) => getString(v, 'kiwi-config-override') ?? '') : [];
  });
  return [...overlayFilePatterns(project), `${lockDir(project)}/x.lock`, ...overrides.filter((p) => p !== '')];
}

/** Gives PENDING's project the listing PATHS, after a lazy reader listed more of the checkout. */
export function refreshPaths(pending: PendingLoad, paths: Iterable<string>): void {
  const sorted = [...paths].sort(comparePaths);
  pending.project.sortedPaths = sorted;
  pending.project.existing = new Set(sorted);
}

/** The files the second half of PENDING reads: every overlay file any component config reaches, and the lock files. */
export function pendingReads(pending: PendingLoad): string[] {
  return [...new Set([...overlayFilePaths(pending.project), ...lockPaths(pending.project)])];
}

/** The second half of a load: overlay files, lock files and the checks that need the whole project. */
export function finishLoad(pending: PendingLoad): LoadResult {
  const { project, permissive, sink } = pending;
  loadOverlayFiles(project, permissive, sink, pending.unreadable);
  loadLocks(pending);
  checkProject(project, sink);
  return { project, diagnostics: sink.list };
}

/** Loads and validates a whole project, reporting every problem found. */
export function loadProject(files: ProjectFiles, options: LoadOptions = {}): LoadResult {
  return finishLoad(startLoad(files, options));
}
