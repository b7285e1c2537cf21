/** Renders the project's overlaid components and attributes each package change to the overlays that caused it. */
import type { Diagnostic } from '../../diagnostics.ts';
import type { ResolvedComponent, ResolvedProject } from '../../config/index.ts';
import { renderComponent, type BuildInput, type OverlayOrigin, type OverlayResult, type PackageChangeSet, type RenderRequest, type ReleaseRule, type RenderResult, type SourceFileInput, type VirtualFiles } from '../../overlay/index.ts';
import type { ComponentOverlayStatus, OverlayCause } from './types.ts';

/**
 * Stands in for `%{dist}` while rendering: the overlay engine expands tags with it, and the
 * shadow builder later replaces it by the dist tag the upstream binary actually carries
 * (`.el9`, `.fc43`, `.azl4`), read off the binary's Release.
 */
export const DIST_PLACEHOLDER = '\uE000dist\uE001';

/** A package change set and the overlays (or build settings) that produced it. */
export interface AttributedChange {
  change: PackageChangeSet;
  causes: OverlayCause[];
}

/** The package changes of one rendered component. */
export interface ComponentChanges {
  component: string;
  /** Name of the source package its binaries are built from. */
  sourceName: string;
  changes: AttributedChange[];
}

/** The spec the playground renders for a component: its local spec, else `<upstream-name>.spec` beside its TOML file. */
export function componentSpecPath(component: ResolvedComponent): string {
  const spec = component.config.spec;
  if (spec?.type === 'local' && spec.path) return spec.path;
  const dir = component.loc.file.includes('/') ? component.loc.file.slice(0, component.loc.file.lastIndexOf('/') + 1) : '';
  return `${dir}${spec?.['upstream-name'] ?? component.name}.spec`;
}

/** The source package name a component builds. */
export function componentSourceName(component: ResolvedComponent): string {
  return component.config.spec?.['upstream-name'] ?? component.name;
}

/**
 * The files in the spec's directory as the component's sources, and the spec's path among them.
 * TOML files and the files overlays add (`source` of patch-add and file-add, project paths) are the
 * project's, not the spec's: azldev keeps them beside the component file, outside the sources.
 */
export function sourcesBeside(files: ReadonlyMap<string, string>, specPath: string, overlaySources: ReadonlySet<string> = new Set()): { sources: VirtualFiles; specPath: string } {
  const dir = specPath.includes('/') ? specPath.slice(0, specPath.lastIndexOf('/') + 1) : '';
  const sources: VirtualFiles = {};
  for (const [path, text] of files) if (path.startsWith(dir) && !path.endsWith('.toml') && !overlaySources.has(path)) sources[path.slice(dir.length)] = text;
  return { sources, specPath: specPath.slice(dir.length) };
}

const key = (c: PackageChangeSet): string => JSON.stringify(c);

function warn(component: ResolvedComponent, code: string, message: string, hint?: string): Diagnostic {
  return { ...component.loc, severity: 'warning', code, message, ...(hint ? { hint } : {}) };
}

/**
 * The synthetic commits azldev would have put on COMPONENT's history. The playground has no project
 * git history, so it counts one for a component whose config changes anything (overlays or build
 * settings), as every such component of the April 2026 tree shows, and none otherwise.
 */
export function syntheticCommitsOf(component: ResolvedComponent): number {
  const build = component.config.build;
  const buildChanges = build && ((build.with?.length ?? 0) > 0 || (build.without?.length ?? 0) > 0 || Object.keys(build.defines ?? {}).length > 0 || build.check?.skip === true);
  return component.overlays.length > 0 || buildChanges ? 1 : 0;
}

/** What the overlay engine needs to render COMPONENT with all its overlays, and the release calculation after them. */
export function componentRenderRequest(
  component: ResolvedComponent,
  files: ReadonlyMap<string, string>,
  options: { dist?: string; projectFiles?: VirtualFiles; packageChangesPerStep?: boolean; sources?: VirtualFiles; syntheticCommits?: number; releaseRule?: ReleaseRule } = {},
): RenderRequest {
  const config = component.config as { build?: BuildInput; 'source-files'?: SourceFileInput[]; release?: { calculation?: string } };
  // Sources given from elsewhere (the CLI's --sources directory) are the component's whole source tree.
  const overlaySources = new Set(component.overlays.map((o) => o.overlay.source).filter((p): p is string => p !== undefined));
  const beside = options.sources ? undefined : sourcesBeside(files, componentSpecPath(component), overlaySources);
  return {
    component: {
      name: component.name,
      ...(config.build ? { build: config.build } : {}),
      ...(config['source-files'] ? { 'source-files': config['source-files'] } : {}),
      ...(config.release ? { release: config.release } : {}),
    },
    syntheticCommits: options.syntheticCommits ?? syntheticCommitsOf(component),
    ...(options.releaseRule ? { releaseRule: options.releaseRule } : {}),
    sources: options.sources ?? beside?.sources ?? {},
    ...(beside ? { specPath: beside.specPath } : {}),
    projectFiles: options.projectFiles ?? Object.fromEntries(files),
    resolvedOverlays: component.overlays.map((o) => ({ overlay: o.overlay, ...(o.overlayFile ? { overlayFile: o.overlayFile } : {}) })),
    ...(options.dist !== undefined ? { dist: options.dist } : {}),
    ...(options.packageChangesPerStep ? { packageChangesPerStep: true } : {}),
  };
}

/** Which of COMPONENT's overlays a render result belongs to (its index in `component.overlays`); undefined for the synthetic steps. */
export function overlayIndexOf(origin: OverlayOrigin, component: ResolvedComponent): number | undefined {
  if (origin.kind !== 'inline' && origin.kind !== 'overlay-file' && origin.kind !== 'archive') return undefined;
  const file = origin.kind === 'inline' ? undefined : origin.file;
  if (file === undefined) return origin.index;
  // Overlay-file origins count within their file.
  let seen = 0;
  for (let i = 0; i < component.overlays.length; i += 1) {
    if (component.overlays[i]?.overlayFile !== file) continue;
    if (seen === origin.index) return i;
    seen += 1;
  }
  return undefined;
}

/** Each of COMPONENT's overlays' result, by config index (results also hold the synthetic steps, and archive overlays run first). */
function resultsByOverlay(final: RenderResult, component: ResolvedComponent): (OverlayResult | undefined)[] {
  const results: (OverlayResult | undefined)[] = new Array<OverlayResult | undefined>(component.overlays.length).fill(undefined);
  for (const result of final.overlays) {
    const index = overlayIndexOf(result.origin, component);
    if (index !== undefined) results[index] = result;
  }
  return results;
}

function changedOnly(changes: readonly PackageChangeSet[]): Map<string, PackageChangeSet> {
  return new Map(changes.filter((c) => c.status !== 'unchanged').map((c) => [c.specPackage, c]));
}

/**
 * The changed packages before any of COMPONENT's overlays (index 0, the build settings alone) and
 * after each of them in config order, read off one render's per-step change sets. Regular overlays
 * run in config order; archive overlays run first but never touch the spec, so they change nothing.
 */
function changesPerOverlay(final: RenderResult, results: readonly (OverlayResult | undefined)[]): Map<string, PackageChangeSet>[] {
  const macros = final.overlays.filter((r) => r.origin.kind === 'macros');
  const steps = [changedOnly(macros[macros.length - 1]?.packageChanges ?? [])];
  results.forEach((result, i) => {
    const previous = steps[i] as Map<string, PackageChangeSet>;
    steps.push(!result?.packageChanges || result.origin.kind === 'archive' ? previous : changedOnly(result.packageChanges));
  });
  // The final sets (after check.skip and the header, which change no package) are the ones shipped;
  // a release bump after the overlays is credited separately (see releaseCause).
  const release = final.overlays.find((r) => r.origin.kind === 'release');
  if (!release?.packageChanges) steps[steps.length - 1] = changedOnly(final.packageChanges);
  return steps;
}

/** The cause to credit for what the release calculation changed in a package, if it changed anything. */
function releaseCause(final: RenderResult, component: ResolvedComponent): OverlayCause | undefined {
  const release = final.overlays.find((r) => r.origin.kind === 'release' && r.status === 'ok');
  if (!release || release.changes.length === 0) return undefined;
  const where = component.provenance['release.calculation'] ?? component.loc;
  return { description: release.description, type: 'release-calculation', file: where.file, line: where.line };
}

/**
 * Renders every component that has overlays, with the package change sets after each step, so that
 * a package's change is credited to exactly the overlays that altered it.
 */
export async function renderOverlaidComponents(project: ResolvedProject, files: ReadonlyMap<string, string>): Promise<{ components: ComponentChanges[]; statuses: ComponentOverlayStatus[]; diagnostics: Diagnostic[]; usedFiles: string[] }> {
  const components: ComponentChanges[] = [];
  const statuses: ComponentOverlayStatus[] = [];
  const diagnostics: Diagnostic[] = [];
  const usedFiles: string[] = [];
  const projectFiles: VirtualFiles = Object.fromEntries(files);
  for (const component of Object.values(project.components).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (component.overlays.length === 0) continue;
    const specFile = componentSpecPath(component);
    if (!files.has(specFile)) {
      const message = `component ${component.name} has ${component.overlays.length} overlay(s) but its spec ${specFile} is not in the project, so its packages are used as the repositories have them`;
      statuses.push({ component: component.name, status: 'no-spec', message });
      diagnostics.push(warn(component, 'image/overlay-no-spec', message, `Add ${specFile} (the spec the overlays apply to) to see their effect on the image.`));
      continue;
    }
    usedFiles.push(specFile, ...component.overlayFiles);
    const final = await renderComponent(componentRenderRequest(component, files, { dist: DIST_PLACEHOLDER, projectFiles, packageChangesPerStep: true }));
    const failed = final.overlays.filter((o) => o.status === 'error');
    if (!final.ok || failed.length > 0) {
      const reasons = [...failed.map((o) => `${o.description}: ${o.message}`), ...final.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)];
      const message = `component ${component.name} does not render (${reasons.join('; ') || 'unknown error'}), so its overlays are left out of the image`;
      statuses.push({ component: component.name, status: 'render-failed', message });
      diagnostics.push(warn(component, 'image/overlay-render-failed', message));
      continue;
    }
    const results = resultsByOverlay(final, component);
    const perStep = changesPerOverlay(final, results);
    const shipped = changedOnly(final.packageChanges);
    const bump = releaseCause(final, component);
    const changes: AttributedChange[] = [...shipped.values()].map((change) => {
      const causes: OverlayCause[] = [];
      if (perStep[0]?.has(change.specPackage)) causes.push({ description: 'build settings (with, without, defines)', type: 'build', file: component.loc.file, line: component.loc.line });
      for (let i = 1; i < perStep.length; i += 1) {
        const before = perStep[i - 1]?.get(change.specPackage);
        const after = perStep[i]?.get(change.specPackage);
        if ((before ? key(before) : '') === (after ? key(after) : '')) continue;
        const overlay = component.overlays[i - 1];
        const result = results[i - 1];
        if (overlay && result) causes.push({ description: result.description, type: result.type, file: overlay.loc.file, line: overlay.loc.line });
      }
      const afterOverlays = perStep[perStep.length - 1]?.get(change.specPackage);
      if (bump && (afterOverlays ? key(afterOverlays) : '') !== key(change)) causes.push(bump);
      return { change, causes };
    });
    statuses.push({
      component: component.name,
      status: changes.length > 0 ? 'applied' : 'unchanged',
      message: changes.length > 0 ? `${changes.length} package(s) changed by overlays` : 'the overlays change no package name, version or dependency',
    });
    if (changes.length > 0) components.push({ component: component.name, sourceName: componentSourceName(component), changes });
  }
  return { components, statuses, diagnostics, usedFiles };
}
