/** Binary packages: the `# srpm:` map and publish channels (project default → package group → component). */
import type { TableNode } from './located-tree.ts';
import { emptyTable, flattenProvenance, getNode, mergeNodes, toPlain } from './located-tree.ts';
import { FIELD_MERGE } from './merge.ts';
import type { Project } from './model.ts';
import type { Located, PackageConfig } from './types.ts';

/** Merged publish settings of one binary package; `component` defaults to its `# srpm:` source. */
export function resolvePackageConfig(project: Project, binary: string, component?: string): Located<PackageConfig> {
  const entry = project.binaryPackages.get(binary);
  const layers: TableNode[] = [project.defaultPackageConfig];
  const groupDefault = getNode(project.packageGroups.get(entry?.group ?? ''), 'default-package-config');
  if (groupDefault?.kind === 'table') layers.push(groupDefault);
  const own = getNode(project.components.get(component ?? entry?.srpm ?? ''), 'packages', binary);
  if (own?.kind === 'table') layers.push(own);
  let merged: TableNode = emptyTable(project.defaultPackageConfig.loc);
  for (const layer of layers) merged = mergeNodes(merged, layer, FIELD_MERGE) as TableNode;
  return { value: toPlain(merged) as PackageConfig, loc: merged.loc, provenance: flattenProvenance(merged) };
}
