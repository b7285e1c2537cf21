/** Builds an image's package set: project + image name → request → matched repositories → overlays shadow → solve → manifest. */
import type { Diagnostic } from '../../diagnostics.ts';
import { DEFAULTS_PATH, type ResolvedProject } from '../../config/index.ts';
// the files themselves, not the domains' indexes: the SBOM writers and the deviation report load later
import { buildManifest, withAdvisories, type ManifestRepo } from '../../export/manifest.ts';
import { sha256Hex } from '../../export/sha256.ts';
import { matchAdvisories, type AdvisorySource } from '../../supply/advisories.ts';
import { type CompsModel, expandGroup } from '../../repo/index.ts';
import { requestNeedsFilelists } from '../../resolve/filelists.ts';
import type { GroupPackageJob, ResolveRequest, UnmatchedSpec } from '../../resolve/types.ts';
import { requestGroups, toResolveRequest, type ImagePackageRequest } from '../../image/request.ts';
import { describeImage, type DescribedRequest } from './image-request.ts';
import { renderOverlaidComponents } from './overlays.ts';
import { contentBytes } from './loaded-repo.ts';
import { readBackRecords, writePrimaryXml } from './primary-xml.ts';
import { matchRepos } from './repos.ts';
import { requestDiagnostic, type ImagePlan } from '../plan-image.ts';
import { buildShadow, OVERLAY_REPO_ID, OVERLAY_REPO_URL } from './shadow.ts';
import type { ImageBuildOptions, ImageBuildResult, ImageBuildSuccess, ImageRepo, ImageResolver, LoadedRepo, OverlayPackageChange } from './types.ts';

const hasErrors = (ds: readonly Diagnostic[]): boolean => ds.some((d) => d.severity === 'error');
const inputFailure = (diagnostics: Diagnostic[]): ImageBuildResult => ({ ok: false, kind: 'input', diagnostics });

// Which metadata each resolver was last given under each id, so repeated builds skip re-loading.
const loadedBy = new WeakMap<ImageResolver, Map<string, { bytes: Uint8Array; priority: number; cost: number }>>();

/** Leaves exactly REPOS (in order) in the resolver's pool, re-loading only what changed. */
async function loadRepos(resolver: ImageResolver, repos: readonly ImageRepo[], diagnostics: Diagnostic[]): Promise<void> {
  const memo = loadedBy.get(resolver) ?? new Map<string, { bytes: Uint8Array; priority: number; cost: number }>();
  loadedBy.set(resolver, memo);
  const current = resolver.loadedRepos.map((r) => r.id);
  const unchanged = (id: string, repo: ImageRepo | undefined): boolean => {
    const m = memo.get(id);
    return repo !== undefined && repo.id === id && m?.bytes === contentBytes(repo.loaded.content) && m.priority === repo.priority && m.cost === repo.cost;
  };
  let prefix = 0;
  while (prefix < current.length && unchanged(current[prefix] as string, repos[prefix])) prefix += 1;
  for (const id of current.slice(prefix).reverse()) {
    resolver.removeRepo(id);
    memo.delete(id);
  }
  for (const repo of repos.slice(prefix)) {
    const content = repo.loaded.content;
    const descriptor = { id: repo.id, priority: repo.priority, cost: repo.cost };
    // loadRpmmd round-trips through .solv itself, so both kinds give the same pool and the same results.
    const added = content.kind === 'rpmmd' ? await resolver.loadRpmmd(descriptor, { primary: content.primary, ...(content.updateinfo ? { updateinfo: content.updateinfo } : {}) }) : resolver.loadSolv(descriptor, content.solv);
    if (!added.ok) diagnostics.push({ ...repo.origin, severity: 'error', code: 'image/repo-load', message: `repository ${repo.id}: ${added.message}` });
    else memo.set(repo.id, { bytes: contentBytes(content), priority: repo.priority, cost: repo.cost });
  }
}

/** Expands the request's groups over the repositories' comps; unknown groups are reported (or skipped with --ignoremissing). */
function expandGroups(request: ImagePackageRequest, comps: CompsModel[], diagnostics: Diagnostic[], unmatched: UnmatchedSpec[]): GroupPackageJob[] {
  const jobs: GroupPackageJob[] = [];
  const skip = new Set(request.excludedGroups);
  for (const g of requestGroups(request)) {
    const expanded = expandGroup(comps, g.id, { arch: request.arch, withOptional: g.withOptional, noDefaults: g.noDefaults, kind: g.kind });
    if (!expanded.ok) {
      diagnostics.push({ file: g.origin.file, line: g.origin.line, col: 0, severity: request.ignoreMissing ? 'warning' : 'error', code: 'image/unknown-group', message: expanded.error.message, hint: expanded.error.hint });
      if (!request.ignoreMissing) unmatched.push({ spec: `@${g.id}`, source: 'group' });
      continue;
    }
    jobs.push(...expanded.value.jobs.filter((j) => !skip.has(j.group)));
  }
  return jobs;
}

function projectHash(project: ResolvedProject, files: ReadonlyMap<string, string>, extra: readonly string[]): string {
  const used = [...new Set([...project.loadedFiles.filter((f) => f !== DEFAULTS_PATH), ...extra])].filter((f) => files.has(f)).sort();
  return `sha256:${sha256Hex(used.map((f) => `${f}\n${(files.get(f) as string).length}\n${files.get(f) as string}`).join('\n'))}`;
}

function langpacks(resolver: ImageResolver, repos: readonly ImageRepo[]): Set<string> {
  const out = new Set<string>();
  for (const r of repos) for (const p of resolver.packageList(r.id)) if (p.name.startsWith('langpacks-')) out.add(p.name);
  return out;
}

/** Builds the package set of a planned image against REPOS (loaded metadata): the browser worker and the CLI both call this. */
export async function buildImage(resolver: ImageResolver, plan: ImagePlan, loadedRepos: readonly LoadedRepo[], options: ImageBuildOptions = {}): Promise<ImageBuildResult> {
  const { loaded, entry, arch } = plan;
  const { project, files } = loaded;
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  const archSet = await resolver.setArch(arch);
  if (!archSet.ok) return inputFailure([...diagnostics, requestDiagnostic(archSet.error.message, 'image/arch')]);

  const describeOpts = { arch, ...(plan.profile !== undefined ? { profile: plan.profile } : {}) };
  let described: DescribedRequest = plan.described;
  const matched = matchRepos(plan.wanted, loadedRepos);
  diagnostics.push(...plan.wantedDiagnostics, ...matched.diagnostics);
  if (matched.repos.length === 0 && !hasErrors(diagnostics)) diagnostics.push({ ...entry.loc, severity: 'error', code: 'image/no-repos', message: `image ${entry.name} has no repositories: neither the distro config nor the description names any` });
  if (hasErrors(diagnostics)) return inputFailure([...diagnostics, ...described.diagnostics]);
  await loadRepos(resolver, matched.repos, diagnostics);
  if (hasErrors(diagnostics)) return inputFailure(diagnostics);
  if (entry.kind === 'kickstart') described = describeImage(project, files, entry, { ...describeOpts, availableLangpacks: langpacks(resolver, matched.repos) });
  diagnostics.push(...described.diagnostics);
  const asDescribed = described.request as ImagePackageRequest;
  // The page's switches win over the description's, in the solve and in the manifest alike.
  const request: ImagePackageRequest = { ...asDescribed, weakDeps: options.weakDeps ?? asDescribed.weakDeps, best: options.best ?? asDescribed.best };

  const unmatched: UnmatchedSpec[] = [];
  const comps = matched.repos.map((r) => r.loaded.comps).filter((c): c is CompsModel => c !== undefined);
  const resolveRequest: ResolveRequest = toResolveRequest(request);
  const groupJobs = expandGroups(request, comps, diagnostics, unmatched);
  if (groupJobs.length > 0) resolveRequest.groupPackages = groupJobs;
  if (unmatched.length > 0) return { ok: false, kind: 'no-match', unmatched, diagnostics, entry, request };

  let overlayChanges: OverlayPackageChange[] = [];
  let statuses: ImageBuildSuccess['components'] = [];
  const hashed = [...described.files];
  const repos = [...matched.repos];
  const manifestRepos: ManifestRepo[] = matched.repos.map((r) => ({ id: r.id, url: r.url, revision: r.loaded.info.revision || null, checksum: { type: 'sha256', value: r.loaded.info.repomdChecksum } }));
  if (options.overlays !== false) {
    const rendered = await renderOverlaidComponents(project, files);
    diagnostics.push(...rendered.diagnostics);
    statuses = rendered.statuses;
    hashed.push(...rendered.usedFiles);
    const records = rendered.components.length > 0 ? resolver.packagesFromSources(rendered.components.map((c) => c.sourceName)) : [];
    // Files come from libsolv's record (not primary.xml), so a build from .solv (a warm browser start)
    // and one from rpm-md (the CLI) write the same shadow repository, checksum included.
    const shadow = buildShadow(rendered.components, records);
    diagnostics.push(...shadow.diagnostics);
    overlayChanges = shadow.changes;
    if (shadow.excludes.length > 0) resolveRequest.excludes = [...new Set([...(resolveRequest.excludes ?? []), ...shadow.excludes])].sort();
    if (shadow.packages.length > 0) {
      const xml = writePrimaryXml(shadow.packages);
      // dnf priority: a lower number wins, so the shadow beats every upstream repository.
      const priority = Math.min(...matched.repos.map((r) => r.priority)) - 1;
      // The XML is written only for the manifest's checksum: the packages go to libsolv as records, as
      // that XML would give them, so a build from packs never fetches rpmmd.wasm to parse our own output.
      const added = resolver.loadRecords({ id: OVERLAY_REPO_ID, priority, cost: 0 }, readBackRecords(shadow.packages));
      if (!added.ok) return inputFailure([...diagnostics, requestDiagnostic(`the overlay shadow repository does not load: ${added.message}`, 'image/shadow-load')]);
      manifestRepos.push({ id: OVERLAY_REPO_ID, url: OVERLAY_REPO_URL, revision: null, checksum: { type: 'sha256', value: sha256Hex(xml) } });
    }
  }

  if (requestNeedsFilelists(resolveRequest)) {
    for (const r of repos) {
      const lazy = r.loaded.filelists;
      if (!lazy) continue;
      const fl = await lazy.load();
      const added = fl.ok ? await resolver.loadFilelists(r.id, fl.value) : undefined;
      const failure = fl.ok ? (added && !added.ok ? added.message : undefined) : fl.error.message;
      if (failure) diagnostics.push({ ...r.origin, severity: 'warning', code: 'image/filelists', message: `repository ${r.id}: ${failure}` });
    }
  }

  const result = resolver.solve(resolveRequest);
  if (!result.ok) {
    if (result.kind === 'problems') return { ok: false, kind: 'problems', problems: result.problems, text: resolver.resultText(), stats: result.stats, diagnostics, entry, request, groupJobs };
    if (result.kind === 'no-match') {
      if (!request.ignoreMissing) return { ok: false, kind: 'no-match', unmatched: result.unmatched, diagnostics, entry, request };
    }
    return inputFailure([...diagnostics, requestDiagnostic(result.kind === 'invalid' ? result.message : 'the request matched nothing', 'image/invalid-request')]);
  }
  const installed = new Set(result.packages.map((p) => p.nevra));
  for (const c of overlayChanges) c.inImage = c.after !== null && installed.has(c.after);
  const shadowed = new Set(overlayChanges.filter((c) => c.after !== null).map((c) => c.name));
  for (const p of result.packages) {
    if (shadowed.has(p.name) && p.repo !== OVERLAY_REPO_ID) {
      diagnostics.push({ ...requestDiagnostic(`${p.nevra} comes from ${p.repo}, not from the overlays: a dependency asks for that exact build`, 'image/overlay-bypassed'), severity: 'warning' });
    }
  }
  const advisorySources: AdvisorySource[] = [];
  for (const r of matched.repos) {
    if (r.loaded.advisoryError) diagnostics.push({ ...r.origin, severity: 'warning', code: 'image/updateinfo', message: `repository ${r.id}: its advisories are left out: ${r.loaded.advisoryError}` });
    if (r.loaded.advisories) advisorySources.push({ repo: r.id, advisoryOnly: false, advisories: r.loaded.advisories });
  }
  advisorySources.push(...(options.advisorySources ?? []));
  const advisories = matchAdvisories(result.packages, advisorySources).advisories;
  const manifest = withAdvisories(buildManifest(
    result.packages,
    { projectHash: projectHash(project, files, hashed), image: entry.name, profile: described.profile, arch, weakDeps: request.weakDeps, best: request.best, excludes: resolveRequest.excludes ?? [] },
    manifestRepos,
  ), advisories);
  return { ok: true, entry, profile: described.profile, request, resolveRequest, repos, packages: result.packages, stats: result.stats, skipped: result.skipped, manifest, overlayChanges, components: statuses, diagnostics };
}

