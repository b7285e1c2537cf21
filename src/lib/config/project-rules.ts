/** Checks that need the whole merged project: references between definitions and required merged fields. */
import type { LNode, TableNode } from './located-tree.ts';
import { getNode, getString } from './located-tree.ts';
import type { Project } from './model.ts';
import { isCommitOnly } from './pins.ts';
import type { DiagnosticSink } from './report.ts';
import { componentLayers } from './resolve.ts';

function arrayTables(node: LNode | undefined): TableNode[] {
  return node?.kind === 'array' ? node.items.filter((n): n is TableNode => n.kind === 'table') : [];
}

function versionsOf(distro: TableNode | undefined): Map<string, LNode> {
  const v = getNode(distro, 'versions');
  return v?.kind === 'table' ? v.entries : new Map();
}

function checkDistroRef(project: Project, ref: LNode | undefined, owner: string, sink: DiagnosticSink): void {
  const name = getString(ref, 'name');
  if (!ref || name === undefined) return;
  const distro = project.distros.get(name);
  if (!distro) {
    sink.error('config/unknown-distro', getNode(ref, 'name')?.loc ?? ref.loc, `${owner} refers to undefined distro "${name}"`, `defined distros: ${[...project.distros.keys()].join(', ') || 'none'}`);
    return;
  }
  const version = getString(ref, 'version');
  if (version && !versionsOf(distro).has(version)) {
    sink.error('config/unknown-distro-version', getNode(ref, 'version')?.loc ?? ref.loc, `${owner} refers to undefined version "${version}" of distro "${name}"`, `versions: ${[...versionsOf(distro).keys()].join(', ')}`);
  }
}

function checkTestRefs(project: Project, list: LNode | undefined, owner: string, sink: DiagnosticSink): void {
  for (const ref of arrayTables(list)) {
    const name = getString(ref, 'name');
    const group = getString(ref, 'group');
    if (Boolean(name) === Boolean(group)) {
      sink.error('config/test-ref', ref.loc, `${owner}: a test reference must set exactly one of 'name' or 'group'`, 'write { name = "test" } or { group = "group" }');
    } else if (name && !project.tests.has(name)) {
      sink.error('config/test-ref', ref.loc, `${owner} references undefined test "${name}"`, 'define it under [tests.NAME]');
    } else if (group && !project.testGroups.has(group)) {
      sink.error('config/test-ref', ref.loc, `${owner} references undefined test-group "${group}"`, 'define it under [test-groups.NAME]');
    }
  }
}

// The spec type in effect for a component: the last non-empty `spec.type` of its inheritance layers.
function effectiveSpecType(project: Project, name: string): { type: string; loc?: LNode['loc'] } {
  let found: { type: string; loc?: LNode['loc'] } = { type: '' };
  for (const layer of componentLayers(project, name)) {
    const node = getNode(layer.node, 'spec', 'type');
    if (node?.kind === 'scalar' && node.value !== '') found = { type: String(node.value), loc: node.loc };
  }
  return found;
}

const UPSTREAM_ONLY = ['upstream-commit', 'upstream-name'] as const;

/**
 * Checks what needs a component's definitions together (azldev 1.0.0): upstream-only spec fields
 * against the spec type after merging and inheritance (a commit-only pin inherits `type` from the
 * defaults, #361), pins that load after the definition they pin, and components only pins define.
 */
function checkComponentDefinitions(project: Project, sink: DiagnosticSink): void {
  for (const [name, definitions] of project.componentDefinitions) {
    const merged = project.components.get(name);
    if (!merged || merged.entries.size === 0) continue;
    const fields = UPSTREAM_ONLY.map((key) => getNode(merged, 'spec', key)).filter((n): n is LNode => n !== undefined);
    if (fields.length > 0) {
      const spec = effectiveSpecType(project, name);
      if (spec.type !== 'upstream') {
        const key = UPSTREAM_ONLY.find((k) => getNode(merged, 'spec', k)) as string;
        const why = spec.type === '' ? 'no spec type is set by the component or the defaults it inherits' : `its spec type is "${spec.type}" (${spec.loc?.file}:${spec.loc?.line})`;
        sink.error('config/upstream-only', (fields[0] as LNode).loc, `component "${name}": spec.${key} applies only to upstream specs, but ${why}`, 'azldev 1.0.0 checks this after merging, so a pin may inherit type = "upstream" from the distro or project defaults; otherwise set spec.type = "upstream" or drop the field');
      }
    }
    if (definitions.every(isCommitOnly)) {
      sink.warning('config/pin-only-component', (definitions[0] as TableNode).loc, `component "${name}" is defined only by an upstream-commit pin, so it is built from the defaults alone`, 'if the component was removed, delete the pin (azldev --without-lockfile component refresh-upstream-commit -a prunes orphaned pins)');
    }
    // A pin is a commit-only definition; one that loads after a fuller definition setting a commit overrides it.
    definitions.forEach((d, i) => {
      const ownCommit = definitions.slice(0, i).filter((o) => !isCommitOnly(o)).map((o) => getNode(o, 'spec', 'upstream-commit')).findLast((n) => n !== undefined);
      if (isCommitOnly(d) && ownCommit) {
        sink.warning('config/pin-after-definition', getNode(d, 'spec', 'upstream-commit')?.loc ?? d.loc, `the upstream-commit pin of component "${name}" loads after its definition at ${ownCommit.loc.file}:${ownCommit.loc.line} and overrides the commit set there`, 'include the generated base/upstream-commits files before the component files, as azldev 1.0.0 documents, so that a component can override its pin');
      }
    });
  }
}

// `kiwi-config-override` (azldev 0.4.0) must name a file; azldev refuses the image build otherwise.
function checkKiwiConfigOverrides(project: Project, sink: DiagnosticSink): void {
  for (const [name, distro] of project.distros) {
    for (const [version, def] of versionsOf(distro)) {
      const node = getNode(def, 'kiwi-config-override');
      if (node?.kind !== 'scalar' || node.value === '' || project.existing.has(String(node.value))) continue;
      sink.warning('config/kiwi-config-override-missing', node.loc, `distro "${name}" version "${version}" kiwi-config-override "${node.value}" is not in the project`, 'azldev refuses to build images of this distro version until the file exists; the path is relative to this TOML file');
    }
  }
}

/** Runs the cross-definition checks of a merged project. */
export function checkProject(project: Project, sink: DiagnosticSink): void {
  for (const [name, distro] of project.distros) {
    const versions = versionsOf(distro);
    for (const [version, def] of versions) {
      if (!getString(def, 'release-ver')) {
        sink.error('config/missing-key', def.loc, `distro "${name}" version "${version}" is missing required key "release-ver"`, 'add release-ver = "…"');
      }
      for (const use of ['rpm-build', 'image-build']) {
        for (const entry of arrayTables(getNode(def, 'inputs', use))) {
          const repo = getString(entry, 'repo');
          const set = getString(entry, 'set');
          if (repo && !project.rpmRepos.has(repo)) sink.error('config/unknown-repo', entry.loc, `distro "${name}" version "${version}" inputs.${use} refers to undefined rpm repo "${repo}"`, 'define it under [resources.rpm-repos.ID]');
          if (set && !project.repoSets.has(set)) sink.error('config/unknown-repo-set', entry.loc, `distro "${name}" version "${version}" inputs.${use} refers to undefined rpm repo set "${set}"`, 'define it under [resources.rpm-repo-sets.NAME]');
        }
      }
    }
    const defaultVersion = getNode(distro, 'default-version');
    if (defaultVersion?.kind === 'scalar' && !versions.has(String(defaultVersion.value))) {
      sink.error('config/unknown-distro-version', defaultVersion.loc, `distro "${name}" default-version "${defaultVersion.value}" is not one of its versions`, `versions: ${[...versions.keys()].join(', ') || 'none'}`);
    }
  }
  checkDistroRef(project, getNode(project.project, 'default-distro'), 'project default-distro', sink);

  for (const [name, set] of project.repoSets) {
    const templateName = getString(set, 'template');
    if (!templateName) continue;
    const template = project.repoSetTemplates.get(templateName);
    if (!template) {
      sink.error('config/unknown-template', getNode(set, 'template')?.loc ?? set.loc, `rpm repo set "${name}" uses undefined template "${templateName}"`, `templates: ${[...project.repoSetTemplates.keys()].join(', ')}`);
      continue;
    }
    const known = new Set(arrayTables(getNode(template, 'subrepos')).map((s) => getString(s, 'name')));
    const allow = getNode(set, 'subrepos');
    for (const item of allow?.kind === 'array' ? allow.items : []) {
      if (item.kind === 'scalar' && !known.has(String(item.value))) {
        sink.error('config/unknown-subrepo', item.loc, `rpm repo set "${name}" lists subrepo "${item.value}", which template "${templateName}" does not have`, `subrepos: ${[...known].join(', ')}`);
      }
    }
  }

  checkComponentDefinitions(project, sink);
  checkKiwiConfigOverrides(project, sink);
  for (const [name, comp] of project.components) {
    if (comp.entries.size === 0) continue;
    checkDistroRef(project, getNode(comp, 'spec', 'upstream-distro'), `component "${name}" spec.upstream-distro`, sink);
    checkTestRefs(project, getNode(comp, 'tests', 'tests'), `component "${name}" tests.tests`, sink);
  }
  for (const [name, group] of project.componentGroups) {
    const members = getNode(group, 'components');
    for (const item of members?.kind === 'array' ? members.items : []) {
      if (item.kind === 'scalar' && !project.components.has(String(item.value))) {
        // A warning: azldev applies group defaults by name and does not require members to exist, and
        // trees trimmed for the playground often drop component files a group still lists.
        sink.warning('config/unknown-component', item.loc, `component group "${name}" lists undefined component "${item.value}"`, 'define the component or remove it from the group');
      }
    }
  }
  for (const [name, image] of project.images) {
    checkTestRefs(project, getNode(image, 'tests', 'tests'), `image "${name}" tests.tests`, sink);
  }
  for (const [name, group] of project.testGroups) checkTestRefs(project, getNode(group, 'tests'), `test-group "${name}" tests`, sink);
}
