/** Loads a project from its virtual file system: built-in defaults, then `azldev.toml` and its includes, depth-first. */
import type { Diagnostic } from '../diagnostics.ts';
import { DEFAULTS_PATH, DEFAULTS_TOML, PROJECT_DIR_DEFAULTS } from './defaults.ts';
import { checkFileSemantics } from './file-rules.ts';
import { expandGlob, isLiteralPattern } from '../files/glob.ts';
import type { TableNode } from './located-tree.ts';
import { getNode, getString } from './located-tree.ts';
import { emptyProject, mergeFile } from './merge.ts';
import type { Project } from './model.ts';
import { loadOverlayFiles } from './overlay-files.ts';
import { parseTomlFile } from './parse-file.ts';
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
}

/** A loaded project and every diagnostic of the load; the project is best-effort when there are errors. */
export interface LoadResult {
  project: Project;
  diagnostics: Diagnostic[];
}

function visitIncludes(
  files: ProjectFiles,
  project: Project,
  path: string,
  text: string,
  includedFrom: Loc | undefined,
  seen: Map<string, Loc | undefined>,
  permissive: boolean,
  sink: DiagnosticSink,
): void {
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
  checkFileSemantics(parsed.root, sink);
  // Includes are read before merging, which rebases only path-valued keys, never `includes`.
  const includes = getNode(parsed.root, 'includes');
  mergeFile(project, parsed, sink);
  if (includes?.kind !== 'array') return;
  for (const item of includes.items) {
    if (item.kind !== 'scalar' || typeof item.value !== 'string') continue;
    const pattern = item.value;
    const matches = expandGlob(project.sortedPaths, files, dirname(path), pattern);
    if (matches.length === 0 && isLiteralPattern(pattern)) {
      sink.error('config/include-missing', item.loc, `included file "${resolvePath(dirname(path), pattern)}" does not exist`, 'fix the path (relative to this file) or remove the include; globs that match nothing are ignored');
    }
    for (const match of matches) visitIncludes(files, project, match, files.get(match) ?? '', item.loc, seen, permissive, sink);
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

function loadLocks(project: Project, permissive: boolean, sink: DiagnosticSink): void {
  const dir = lockDir(project);
  for (const name of project.components.keys()) {
    const path = `${dir}/${name}.lock`;
    const text = project.files.get(path);
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

/** Loads and validates a whole project, reporting every problem found. */
export function loadProject(files: ProjectFiles, options: LoadOptions = {}): LoadResult {
  const permissive = options.permissive ?? false;
  const sink = new DiagnosticSink();
  const sortedPaths = [...files.keys()].sort(comparePaths);
  const project = emptyProject(files, sortedPaths, { file: ROOT_CONFIG, line: 0, col: 0 });
  const seen = new Map<string, Loc | undefined>();

  const defaults = parseTomlFile(DEFAULTS_PATH, DEFAULTS_TOML, configFileSchema, false, sink);
  if (defaults) mergeFile(project, defaults, sink);

  const rootText = files.get(ROOT_CONFIG);
  if (rootText === undefined) {
    sink.error('config/no-root', { file: ROOT_CONFIG, line: 0, col: 0 }, `no ${ROOT_CONFIG} at the project root`, `a project starts at ${ROOT_CONFIG}; open the folder that contains it`);
  } else {
    visitIncludes(files, project, ROOT_CONFIG, rootText, undefined, seen, permissive, sink);
  }
  indexGroups(project);
  loadOverlayFiles(project, permissive, sink);
  loadLocks(project, permissive, sink);
  checkProject(project, sink);
  return { project, diagnostics: sink.list };
}
