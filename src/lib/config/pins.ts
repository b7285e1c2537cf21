/** Generated upstream-commit pins (azldev 1.0.0 `--without-lockfile`, #323): definitions that set only `spec.upstream-commit`. */
import type { TableNode } from './located-tree.ts';
import { getNode } from './located-tree.ts';
import type { Project } from './model.ts';

/** Whether DEF sets nothing but `spec.upstream-commit`, the shape of `base/upstream-commits/<name>.toml`. */
export function isCommitOnly(def: TableNode): boolean {
  if (def.entries.size !== 1) return false;
  const spec = getNode(def, 'spec');
  return spec?.kind === 'table' && spec.entries.size === 1 && spec.entries.has('upstream-commit');
}

/** Each file's own definition of component NAME, in load order. */
export function definitionsOf(project: Project, name: string): TableNode[] {
  const own = project.componentDefinitions.get(name);
  if (own) return own;
  const merged = project.components.get(name);
  return merged ? [merged] : [];
}

/**
 * The definition a component lives at: its first one that is not a commit pin. A pin file is
 * generated and sits apart from the component's own files, so it is where the component is only
 * when nothing else defines it.
 */
export function homeDefinition(project: Project, name: string): TableNode | undefined {
  const definitions = definitionsOf(project, name);
  return definitions.find((d) => !isCommitOnly(d)) ?? definitions[0];
}
