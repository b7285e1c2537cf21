/**
 * Which repositories an image resolves against, and which loaded metadata each one is.
 *
 * Repositories come from the default distro version's `inputs.image-build` (rpm-repos and
 * expanded repo sets, binary ones for the target architecture); without inputs, from the
 * distro's `repos`; without either, from the image description itself (KIWI `<repository>`,
 * kickstart `repo`/`url`). `$releasever` (the version's `release-ver`) and `$basearch` are filled in.
 *
 * Matching rule, first hit wins: the expanded URL equals (ignoring trailing slashes) a loaded
 * repository's `url`, its base URL, or its identity — so `bundle:<id>` names a bundled
 * repository; otherwise a loaded repository whose `id` equals the configured id. A configured
 * repository that matches nothing is an error located on its definition.
 */
import type { Diagnostic } from '../../diagnostics.ts';
import type { Loc, ResolvedProject } from '../../config/index.ts';
import { expandRepoVars, locationsOfIdentity } from '../../repo/index.ts';
import { DEFAULT_REPO_COST, DEFAULT_REPO_PRIORITY } from '../../resolve/types.ts';
import type { ImagePackageRequest } from '../../image/request.ts';
import type { ImageRepo, LoadedRepo } from './types.ts';

/** A repository the configuration asks for, before matching. */
export interface WantedRepo {
  id: string;
  url: string;
  priority?: number;
  cost?: number;
  origin: Loc;
}

function expand(url: string, vars: Record<string, string>, origin: Loc, diagnostics: Diagnostic[]): string {
  const out = expandRepoVars(url, vars);
  if (out.ok) return out.value;
  diagnostics.push({ ...origin, severity: 'error', code: 'image/repo-variable', message: out.error.message, hint: out.error.hint });
  return url;
}

/** The repositories the project configures for the image, with variables expanded. */
export function wantedRepos(project: ResolvedProject, request: ImagePackageRequest): { repos: WantedRepo[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const distroRef = project.defaultDistro;
  const distro = distroRef ? project.distros[distroRef.name] : undefined;
  const version = distroRef ? distro?.value.versions?.[distroRef.version] : undefined;
  const vars: Record<string, string> = { basearch: request.arch, arch: request.arch };
  if (version?.['release-ver']) vars['releasever'] = version['release-ver'];
  const repos: WantedRepo[] = [];

  const inputs = distroRef ? (distro?.inputs[distroRef.version]?.['image-build'] ?? []) : [];
  for (const repo of inputs) {
    if (repo.kind !== 'binary') continue;
    if (repo.arches && !repo.arches.includes(request.arch)) continue;
    const located = repo.set ? project.repoSets[repo.set] : project.rpmRepos[repo.id];
    const origin = located?.provenance[repo.baseUri ? 'base-uri' : 'metalink'] ?? repo.loc;
    const url = repo.baseUri ?? repo.metalink ?? '';
    repos.push({ id: repo.id, url: expand(url, vars, origin, diagnostics), origin });
  }
  if (repos.length === 0 && distroRef && distro) {
    (distro.value.repos ?? []).forEach((r, i) => {
      if (!r['base-uri']) return;
      const origin = distro.provenance[`repos[${i}].base-uri`] ?? distro.loc;
      repos.push({ id: `${distroRef.name}-${i + 1}`, url: expand(r['base-uri'], vars, origin, diagnostics), origin });
    });
  }
  if (repos.length > 0) {
    const own = request.repos[0];
    if (own) {
      diagnostics.push({ file: own.origin.file, line: own.origin.line, col: 0, severity: 'info', code: 'image/description-repos-ignored', message: `the image description's own repositories are not used: the project configures ${repos.map((r) => r.id).join(', ')}` });
    }
    return { repos, diagnostics };
  }
  for (const r of request.repos) {
    const origin: Loc = { file: r.origin.file, line: r.origin.line, col: 0 };
    const wanted: WantedRepo = { id: r.name, url: expand(r.url, vars, origin, diagnostics), origin };
    if (r.priority !== undefined) wanted.priority = r.priority;
    if (r.cost !== undefined) wanted.cost = r.cost;
    repos.push(wanted);
  }
  return { repos, diagnostics };
}

const norm = (url: string): string => url.replace(/\/+$/, '');

function namesOf(repo: LoadedRepo): string[] {
  const info = repo.info;
  const out = [repo.url, info.baseUrl, ...locationsOfIdentity(info.identity)];
  return out.filter((u): u is string => !!u).map(norm);
}

/** Matches each wanted repository to loaded metadata; unmatched ones are errors on their config line. */
export function matchRepos(wanted: readonly WantedRepo[], loaded: readonly LoadedRepo[]): { repos: ImageRepo[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const repos: ImageRepo[] = [];
  for (const w of wanted) {
    const url = norm(w.url);
    const hit = loaded.find((l) => namesOf(l).includes(url)) ?? loaded.find((l) => l.id === w.id);
    if (!hit) {
      const available = loaded.map((l) => `${l.id} (${l.url ?? l.info.baseUrl ?? l.info.identity})`).join(', ');
      diagnostics.push({
        ...w.origin,
        severity: 'error',
        code: 'image/repo-unmatched',
        message: `repository ${w.id} (${w.url}) matches no loaded repository`,
        hint: available ? `Loaded: ${available}. Load metadata whose URL is ${w.url}, or give it the id ${w.id}.` : `No repository metadata is loaded; load ${w.url} or give a repository the id ${w.id}.`,
      });
      continue;
    }
    if (repos.some((r) => r.id === w.id)) continue;
    repos.push({ id: w.id, url: w.url, priority: w.priority ?? DEFAULT_REPO_PRIORITY, cost: w.cost ?? DEFAULT_REPO_COST, loaded: hit, origin: w.origin });
  }
  return { repos, diagnostics };
}
