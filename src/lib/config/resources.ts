/** RPM repositories: standalone repos, repo sets expanded through their templates, and distro `inputs`. */
import type { LNode, TableNode } from './located-tree.ts';
import { getNode, getString } from './located-tree.ts';
import type { Project } from './model.ts';
import type { Loc } from './types.ts';

/** One concrete rpm-md repository the resolver can fetch metadata from. */
export interface ExpandedRepo {
  id: string;
  /** Base URI, still containing `$basearch` / `$releasever` for the caller to fill in. */
  baseUri?: string;
  metalink?: string;
  kind: 'binary' | 'debug' | 'source';
  gpgCheck: boolean;
  gpgKey?: string;
  arches?: string[];
  /** The repo set it was expanded from, if any. */
  set?: string;
  loc: Loc;
}

function strings(node: LNode | undefined): string[] | undefined {
  return node?.kind === 'array' ? node.items.map((n) => (n.kind === 'scalar' ? String(n.value) : '')) : undefined;
}

function isTrue(node: LNode | undefined, key: string): boolean {
  const n = getNode(node, key);
  return n?.kind === 'scalar' && n.value === true;
}

function fromRepo(id: string, repo: TableNode): ExpandedRepo {
  const out: ExpandedRepo = { id, kind: 'binary', gpgCheck: !isTrue(repo, 'disable-gpg-check'), loc: repo.loc };
  const baseUri = getString(repo, 'base-uri');
  if (baseUri) out.baseUri = baseUri;
  const metalink = getString(repo, 'metalink');
  if (metalink) out.metalink = metalink;
  const key = getString(repo, 'gpg-key');
  if (key) out.gpgKey = key;
  const arches = strings(getNode(repo, 'arches'));
  if (arches) out.arches = arches;
  return out;
}

/** Expands a repo set into `<name-prefix><subrepo>` repos, keeping only its `subrepos` allow-list if it has one. */
export function expandRepoSet(project: Project, name: string): ExpandedRepo[] {
  const set = project.repoSets.get(name);
  const template = project.repoSetTemplates.get(getString(set, 'template') ?? '');
  if (!set || !template) return [];
  const allow = strings(getNode(set, 'subrepos'));
  const base = (getString(set, 'base-uri') ?? '').replace(/\/+$/, '');
  const prefix = getString(set, 'name-prefix') ?? '';
  const subrepos = getNode(template, 'subrepos');
  const out: ExpandedRepo[] = [];
  for (const sub of subrepos?.kind === 'array' ? subrepos.items : []) {
    const subName = getString(sub, 'name') ?? '';
    if (allow && !allow.includes(subName)) continue;
    const repo: ExpandedRepo = {
      id: `${prefix}${subName}`,
      baseUri: `${base}/${getString(sub, 'subpath') ?? ''}`,
      kind: (getString(sub, 'kind') ?? 'binary') as ExpandedRepo['kind'],
      gpgCheck: !isTrue(set, 'disable-gpg-check'),
      set: name,
      loc: set.loc,
    };
    const key = getString(set, 'gpg-key');
    if (key) repo.gpgKey = key;
    const arches = strings(getNode(set, 'arches'));
    if (arches) repo.arches = arches;
    out.push(repo);
  }
  return out;
}

/** Every standalone rpm repo, by id. */
export function standaloneRepos(project: Project): ExpandedRepo[] {
  return [...project.rpmRepos].map(([id, repo]) => fromRepo(id, repo));
}

/** The ordered repos of a distro version's `inputs.<use>`, repo sets expanded in place. */
export function resolveInputs(project: Project, distro: string, version: string, use: 'rpm-build' | 'image-build'): ExpandedRepo[] {
  const list = getNode(project.distros.get(distro), 'versions', version, 'inputs', use);
  const out: ExpandedRepo[] = [];
  for (const entry of list?.kind === 'array' ? list.items : []) {
    const repoId = getString(entry, 'repo');
    const setName = getString(entry, 'set');
    const repo = repoId ? project.rpmRepos.get(repoId) : undefined;
    if (repoId && repo) out.push(fromRepo(repoId, repo));
    if (setName) out.push(...expandRepoSet(project, setName));
  }
  return out;
}
