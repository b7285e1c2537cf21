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
 * The definition a component lives at: its first one that sets something and is not a commit pin,
 * else its first that is not a pin, else its first. A pin is generated and sits apart from the
 * component's files, and a bare `[components.X]` in a list of names says only that X exists; the
 * playground looks for a component's spec beside the file it lives in.
 */
export function homeDefinition(project: Project, name: string): TableNode | undefined {
  const definitions = definitionsOf(project, name);
  const own = definitions.filter((d) => !isCommitOnly(d));
  return own.find((d) => d.entries.size > 0) ?? own[0] ?? definitions[0];
}
