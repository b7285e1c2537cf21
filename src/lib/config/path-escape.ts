/**
 * Refuses project paths that leave the project root. A project is untrusted input: an include, a
 * spec path or an overlay `source` of `../x` or `/etc/x` would make the CLI read (and render into
 * its output) a file the project does not own.
 */
import type { LNode, TableNode } from './located-tree.ts';
import { getNode } from './located-tree.ts';
import type { DiagnosticSink } from './report.ts';
import type { Loc } from './types.ts';

/** Whether a project-relative path (already normalised) points outside the project root. */
export function escapesProjectRoot(path: string): boolean {
  return path === '..' || path.startsWith('../') || path.startsWith('/');
}

/** Reports PATH, read at LOC for KEY, when it escapes the project root. */
export function checkInsideProject(path: string, loc: Loc, key: string, sink: DiagnosticSink): boolean {
  if (!escapesProjectRoot(path)) return true;
  sink.error(
    'config/path-outside-project',
    loc,
    `${key} "${path}" is outside the project root; it was refused`,
    'a project may only refer to its own files: copy the file into the project and refer to it by a relative path inside it',
  );
  return false;
}

function scalarPath(node: LNode | undefined, key: string, sink: DiagnosticSink): void {
  if (node?.kind === 'scalar' && typeof node.value === 'string' && node.value !== '') checkInsideProject(node.value, node.loc, key, sink);
}

function tables(node: LNode | undefined): TableNode[] {
  if (node?.kind === 'table') return [...node.entries.values()].filter((n): n is TableNode => n.kind === 'table');
  if (node?.kind === 'array') return node.items.filter((n): n is TableNode => n.kind === 'table');
  return [];
}

/** Checks the rebased (project-relative) file paths of one component config: spec path, overlay sources, overlay-files. */
export function checkComponentPaths(config: LNode | undefined, sink: DiagnosticSink): void {
  if (config?.kind !== 'table') return;
  scalarPath(getNode(config, 'spec', 'path'), 'spec path', sink);
  for (const overlay of tables(getNode(config, 'overlays'))) scalarPath(getNode(overlay, 'source'), 'overlay source', sink);
  const overlayFiles = getNode(config, 'overlay-files');
  if (overlayFiles?.kind === 'array') for (const item of overlayFiles.items) scalarPath(item, 'overlay-files pattern', sink);
}

/** Checks every path a config file names, after merge rebased them on the file's directory. */
export function checkFilePaths(root: TableNode, sink: DiagnosticSink): void {
  for (const comp of tables(getNode(root, 'components'))) checkComponentPaths(comp, sink);
  checkComponentPaths(getNode(root, 'default-component-config'), sink);
  for (const group of tables(getNode(root, 'component-groups'))) checkComponentPaths(getNode(group, 'default-component-config'), sink);
}
