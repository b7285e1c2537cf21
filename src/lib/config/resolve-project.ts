/** The whole project resolved for consumers (image layer, UI, CLI): plain values with provenance. */
import { PROJECT_DIR_DEFAULTS } from './defaults.ts';
import type { TableNode } from './located-tree.ts';
import { getNode } from './located-tree.ts';
import type { BinaryPackageEntry, Project } from './model.ts';
import { expandRepoSet, resolveInputs, standaloneRepos, type ExpandedRepo } from './resources.ts';
import { BUILTIN_LOC, defaultDistro, locate, resolveComponent, type ResolvedComponent } from './resolve.ts';
import type {
  ComponentGroupConfig,
  ConfigTable,
  DistroConfig,
  ImageConfig,
  Located,
  PackageConfig,
  PackageGroupConfig,
  ProjectInfo,
  RepoSetConfig,
  RepoSetTemplateConfig,
  RpmRepoConfig,
} from './types.ts';

/** A distro version's repository inputs with repo sets expanded. */
export interface ResolvedInputs {
  'rpm-build': ExpandedRepo[];
  'image-build': ExpandedRepo[];
}

/** Everything a project defines, resolved. */
export interface ResolvedProject {
  /** `[project]` with directory defaults applied (provenance of a default points at the built-in defaults). */
  project: Located<ProjectInfo>;
  defaultDistro?: { name: string; version: string };
  distros: Record<string, Located<DistroConfig> & { inputs: Record<string, ResolvedInputs> }>;
  rpmRepos: Record<string, Located<RpmRepoConfig>>;
  repoSetTemplates: Record<string, Located<RepoSetTemplateConfig>>;
  repoSets: Record<string, Located<RepoSetConfig> & { repos: ExpandedRepo[] }>;
  /** Standalone repos and every repo-set expansion, by id. */
  repos: Record<string, ExpandedRepo>;
  componentGroups: Record<string, Located<ComponentGroupConfig>>;
  components: Record<string, ResolvedComponent>;
  images: Record<string, Located<ImageConfig>>;
  packageGroups: Record<string, Located<PackageGroupConfig>>;
  defaultPackageConfig: Located<PackageConfig>;
  tests: Record<string, Located<ConfigTable>>;
  testGroups: Record<string, Located<ConfigTable>>;
  tools: Located<ConfigTable>;
  /** Binary package → package group and `# srpm:` source package. */
  binaryPackages: Record<string, BinaryPackageEntry>;
  /** Config files in load order, built-in defaults first. */
  loadedFiles: string[];
}

function locateAll<T>(map: Map<string, TableNode>): Record<string, Located<T>> {
  const out: Record<string, Located<T>> = {};
  for (const [name, node] of map) out[name] = locate<T>(node);
  return out;
}

function resolveProjectInfo(project: Project): Located<ProjectInfo> {
  const info = locate<ProjectInfo>(project.project);
  const value = info.value as Record<string, unknown>;
  for (const [key, dir] of Object.entries(PROJECT_DIR_DEFAULTS)) {
    if (value[key] === undefined) {
      value[key] = dir;
      info.provenance[key] = BUILTIN_LOC;
    }
  }
  return info;
}

/** Resolves the project and every component in it. */
export function resolveProject(project: Project): ResolvedProject {
  const distros: ResolvedProject['distros'] = {};
  for (const [name, node] of project.distros) {
    const inputs: Record<string, ResolvedInputs> = {};
    const versions = getNode(node, 'versions');
    for (const version of versions?.kind === 'table' ? versions.entries.keys() : []) {
      inputs[version] = {
        'rpm-build': resolveInputs(project, name, version, 'rpm-build'),
        'image-build': resolveInputs(project, name, version, 'image-build'),
      };
    }
    distros[name] = { ...locate<DistroConfig>(node), inputs };
  }
  const repos: Record<string, ExpandedRepo> = {};
  for (const repo of standaloneRepos(project)) repos[repo.id] = repo;
  const repoSets: ResolvedProject['repoSets'] = {};
  for (const [name, node] of project.repoSets) {
    const expanded = expandRepoSet(project, name);
    for (const repo of expanded) repos[repo.id] = repo;
    repoSets[name] = { ...locate<RepoSetConfig>(node), repos: expanded };
  }
  const components: Record<string, ResolvedComponent> = {};
  for (const name of project.components.keys()) components[name] = resolveComponent(project, name) as ResolvedComponent;

  const resolved: ResolvedProject = {
    project: resolveProjectInfo(project),
    distros,
    rpmRepos: locateAll(project.rpmRepos),
    repoSetTemplates: locateAll(project.repoSetTemplates),
    repoSets,
    repos,
    componentGroups: locateAll(project.componentGroups),
    components,
    images: locateAll(project.images),
    packageGroups: locateAll(project.packageGroups),
    defaultPackageConfig: locate<PackageConfig>(project.defaultPackageConfig),
    tests: locateAll(project.tests),
    testGroups: locateAll(project.testGroups),
    tools: locate<ConfigTable>(project.tools),
    binaryPackages: Object.fromEntries(project.binaryPackages),
    loadedFiles: [...project.loadedFiles],
  };
  const distro = defaultDistro(project);
  if (distro) resolved.defaultDistro = distro;
  return resolved;
}
