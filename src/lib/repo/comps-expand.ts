/** Turns a group or environment request into package jobs for the resolver, merging comps across repos like dnf. */
import type { GroupPackageJob } from '../resolve/types.ts';
import type { CompsEnvironment, CompsGroup, CompsModel, CompsPackage } from './comps.ts';
import { fail, ok, type RepoResult } from './errors.ts';

/** dnf's group switches plus the architecture used for `arch="…"` filters. */
export interface ExpandGroupOptions {
  /** Base architecture, e.g. `x86_64`; entries limited to other arches are dropped. Absent = keep all. */
  arch?: string;
  /** Include `optional` packages, and an environment's optional groups (dnf --with-optional). */
  withOptional?: boolean;
  /** Leave out `default` packages (kickstart --nodefaults). */
  noDefaults?: boolean;
  /** Only match this kind; by default a group id wins over an environment id, as `dnf group install` does. */
  kind?: 'group' | 'environment';
}

/** What a group request expanded to. */
export interface GroupExpansion {
  /** The id that matched (the request may have used a display name). */
  id: string;
  kind: 'group' | 'environment';
  /** Group ids that contributed packages, in order. */
  groups: string[];
  jobs: GroupPackageJob[];
  /** Groups an environment names that no comps defines. */
  missingGroups: string[];
}

/** Groups and environments of several repos merged by id: package lists are united, the first repo's texts win. */
export function mergeComps(comps: CompsModel[]): CompsModel {
  const groups = new Map<string, CompsGroup>();
  const environments = new Map<string, CompsEnvironment>();
  const merged: CompsModel = { groups: [], environments: [], categories: [] };
  const categoryIds = new Set<string>();
  for (const model of comps) {
    for (const group of model.groups) {
      const seen = groups.get(group.id);
      if (!seen) {
        const copy = { ...group, packages: [...group.packages] };
        groups.set(group.id, copy);
        merged.groups.push(copy);
        continue;
      }
      const names = new Set(seen.packages.map((p) => p.name));
      for (const pkg of group.packages) if (!names.has(pkg.name)) seen.packages.push(pkg);
    }
    for (const env of model.environments) {
      const seen = environments.get(env.id);
      if (!seen) {
        const copy = { ...env, groups: [...env.groups], options: [...env.options] };
        environments.set(env.id, copy);
        merged.environments.push(copy);
        continue;
      }
      for (const id of env.groups) if (!seen.groups.includes(id)) seen.groups.push(id);
      for (const option of env.options) if (!seen.options.some((o) => o.id === option.id)) seen.options.push(option);
    }
    for (const category of model.categories) {
      if (categoryIds.has(category.id)) continue;
      categoryIds.add(category.id);
      merged.categories.push(category);
    }
  }
  return merged;
}

function nameMatches(item: { name: { text: string; translations: Record<string, string> } }, wanted: string): boolean {
  if (item.name.text.toLowerCase() === wanted) return true;
  return Object.values(item.name.translations).some((t) => t.toLowerCase() === wanted);
}

function includePackage(pkg: CompsPackage, options: ExpandGroupOptions): boolean {
  if (options.arch && pkg.arch && !pkg.arch.includes(options.arch)) return false;
  switch (pkg.type) {
    case 'mandatory':
    case 'conditional':
      return true;
    case 'default':
      return !options.noDefaults;
    case 'optional':
      return options.withOptional === true;
  }
}

function jobsOf(group: CompsGroup, options: ExpandGroupOptions): GroupPackageJob[] {
  const jobs: GroupPackageJob[] = [];
  for (const pkg of group.packages) {
    if (!includePackage(pkg, options)) continue;
    const job: GroupPackageJob = { group: group.id, name: pkg.name, type: pkg.type };
    if (pkg.type === 'conditional' && pkg.requires) job.requires = pkg.requires;
    jobs.push(job);
  }
  return jobs;
}

/** Expands a group or environment (by id or display name) into package jobs; environments add their optionlist only with `withOptional`. */
export function expandGroup(comps: CompsModel[], idOrName: string, options: ExpandGroupOptions = {}): RepoResult<GroupExpansion> {
  const merged = mergeComps(comps);
  const spec = idOrName.trim().replace(/^@/, '');
  const wanted = spec.toLowerCase();
  const wantGroups = options.kind !== 'environment';
  const wantEnvs = options.kind !== 'group';
  const group = wantGroups ? merged.groups.find((g) => g.id === spec) : undefined;
  const env = !group && wantEnvs ? merged.environments.find((e) => e.id === spec) : undefined;
  const byName = !group && !env;
  const namedGroup = byName && wantGroups ? merged.groups.find((g) => nameMatches(g, wanted)) : undefined;
  const namedEnv = byName && !namedGroup && wantEnvs ? merged.environments.find((e) => nameMatches(e, wanted)) : undefined;
  const foundGroup = group ?? namedGroup;
  const foundEnv = env ?? namedEnv;
  if (foundGroup) return ok({ id: foundGroup.id, kind: 'group', groups: [foundGroup.id], jobs: jobsOf(foundGroup, options), missingGroups: [] });
  if (foundEnv) {
    const ids = [...foundEnv.groups, ...(options.withOptional ? foundEnv.options.map((o) => o.id) : [])];
    const groups: string[] = [];
    const missingGroups: string[] = [];
    const jobs: GroupPackageJob[] = [];
    for (const id of ids) {
      if (groups.includes(id)) continue;
      const member = merged.groups.find((g) => g.id === id);
      if (!member) {
        missingGroups.push(id);
        continue;
      }
      groups.push(id);
      jobs.push(...jobsOf(member, options));
    }
    return ok({ id: foundEnv.id, kind: 'environment', groups, jobs, missingGroups });
  }
  const known = [...merged.groups.map((g) => g.id), ...merged.environments.map((e) => e.id)];
  const sample = known.slice(0, 12).join(', ');
  return fail(
    'comps/unknown-group',
    `No group or environment is called "${spec}" in the loaded comps.`,
    known.length ? `Known ids include: ${sample}${known.length > 12 ? ', …' : ''}.` : 'None of the loaded repositories carries comps (group) data.',
  );
}
