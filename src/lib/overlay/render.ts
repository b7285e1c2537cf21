import type { Diagnostic } from '../diagnostics.ts';
import { applyOverlay, describeOverlay, type OverlayContext, type WorkState } from './apply.ts';
import { processArchive } from './archive/apply.ts';
import { lineChanges, treeChanges, treeDiffs } from './diff.ts';
import { derivePackageChanges } from './effects/derive.ts';
import { OverlayError } from './errors.ts';
import { SourceTree } from './files/tree.ts';
import { joinSpecLines, parseSpec, splitSpecLines } from './spec/model.ts';
import { planRelease, releaseTag, rpmautospecNote, type ReleaseCalculation } from './release.ts';
import { checkSkipOverlays, headerOverlay, macrosFileContents, macrosLoadOverlays, validMacrosFileName } from './synthetic.ts';
import type { PackageChangeSet } from './effects/types.ts';
import type { FileChange, OverlayInput, OverlayOrigin, OverlayResult, RenderRequest, RenderResult, VirtualFiles } from './types.ts';
import { validateOverlay } from './validate.ts';

/** An overlay in apply order, with where it came from and where its `source` resolves. */
interface PlannedOverlay {
  overlay: OverlayInput;
  origin: OverlayOrigin;
  ctx: OverlayContext;
}

/** Finds the spec: an explicit path, `<name>.spec`, or the only `.spec` at the sources root. */
export function locateSpec(sources: SourceTree, name: string, explicit?: string): string | null {
  if (explicit) return sources.has(explicit) ? explicit : null;
  if (sources.has(`${name}.spec`)) return `${name}.spec`;
  const specs = sources.paths().filter((p) => p.endsWith('.spec') && !p.includes('/'));
  return specs.length === 1 ? (specs[0] as string) : null;
}

// Overlay files (`overlay-files` patterns) are the config model's business: it expands, orders and
// rebases them into `resolvedOverlays`; the engine only takes overlays already in apply order.
function planOverlays(request: RenderRequest): PlannedOverlay[] {
  if (request.resolvedOverlays) {
    const perFile = new Map<string, number>();
    return request.resolvedOverlays.map(({ overlay, overlayFile }, index) => {
      if (overlayFile === undefined) return { overlay, origin: { kind: 'inline', index }, ctx: { baseDir: '' } };
      const inFile = perFile.get(overlayFile) ?? 0;
      perFile.set(overlayFile, inFile + 1);
      return { overlay, origin: { kind: 'overlay-file', file: overlayFile, index: inFile }, ctx: { baseDir: '' } };
    });
  }
  const componentDir = request.componentDir ?? '';
  return (request.component.overlays ?? []).map((overlay, index) => ({ overlay, origin: { kind: 'inline', index }, ctx: { baseDir: componentDir } }));
}

function archiveOrigin(origin: OverlayOrigin, archive: string): OverlayOrigin {
  if (origin.kind === 'overlay-file') return { kind: 'archive', archive, index: origin.index, from: 'overlay-file', file: origin.file };
  return { kind: 'archive', archive, index: origin.kind === 'inline' ? origin.index : 0, from: 'inline' };
}

/** The state before an overlay: the spec lines (arrays are never mutated) and the other files. */
interface Snapshot {
  spec: string[] | null;
  files: VirtualFiles;
}

function snapshot(state: WorkState): Snapshot {
  return { spec: state.spec, files: state.tree.snapshot() };
}

function changesSince(before: Snapshot, state: WorkState): FileChange[] {
  const changes = treeChanges(before.files, state.tree.snapshot());
  if (before.spec !== null && state.spec !== null) changes.unshift(...lineChanges(state.specPath, before.spec, state.spec));
  return changes;
}

function snapshotWithSpec(state: WorkState): VirtualFiles {
  const files = state.tree.snapshot();
  if (state.spec !== null) files[state.specPath] = joinSpecLines(state.spec);
  return files;
}

/** Adds the release-calculation step (a Release update, or an error) and the note about rpmautospec. */
function applyReleaseCalculation(request: RenderRequest, state: WorkState, record: (planned: PlannedOverlay, run: () => Diagnostic[]) => OverlayResult, diagnostics: Diagnostic[]): void {
  const spec = state.spec as string[];
  const calculation = (request.component.release?.calculation ?? 'auto') as ReleaseCalculation;
  const commits = request.syntheticCommits ?? 0;
  const plan = planRelease(spec, calculation, commits, request.releaseRule ?? 'azldev-1.0');
  const description = `Release calculation (${calculation}, ${commits} synthetic commit${commits === 1 ? '' : 's'})`;
  if (plan.kind === 'bump') {
    const overlay: OverlayInput = { type: 'spec-update-tag', tag: 'Release', value: plan.to, description: `${description}: ${plan.from} → ${plan.to}` };
    record({ overlay, origin: { kind: 'release' }, ctx: { baseDir: '' } }, () => applyOverlay(state, overlay, { baseDir: '' }));
  } else if (plan.kind === 'error') {
    // Never applied: the step only carries the error, in the same place a bump would show.
    const overlay: OverlayInput = { type: 'spec-update-tag', tag: 'Release', value: '(not calculated)', description };
    record({ overlay, origin: { kind: 'release' }, ctx: { baseDir: '' } }, () => {
      throw new OverlayError(plan.message, plan.line);
    });
  }
  const note = calculation === 'manual' ? null : rpmautospecNote(state.spec as string[]);
  if (note) diagnostics.push({ file: state.specPath, line: releaseTag(state.spec as string[])?.line ?? 0, col: 0, severity: 'info', code: 'overlay/rpmautospec', message: note, hint: 'compare with the spec under the checkout\'s rendered-specs-dir to see the values azldev computed' });
}

/** Renders a component: every overlay in azldev's order (§3.5), with per-overlay results, diffs and package changes. */
export async function renderComponent(request: RenderRequest): Promise<RenderResult> {
  const diagnostics: Diagnostic[] = [];
  const results: OverlayResult[] = [];
  const name = request.component.name;
  const build = request.component.build;
  const tree = new SourceTree(request.sources);
  const located = locateSpec(tree, name, request.specPath);
  const specPath = located ?? request.specPath ?? `${name}.spec`;
  const originalSpecText = located ? tree.get(located) : undefined;
  const originalSpec = typeof originalSpecText === 'string' ? splitSpecLines(originalSpecText) : null;
  if (located === null) {
    diagnostics.push({ file: specPath, line: 0, col: 0, severity: 'error', code: 'overlay/spec-missing', message: `spec ${specPath} not found in the sources`, hint: 'upload or paste the component spec' });
  } else {
    tree.delete(located);
  }
  const state: WorkState = { specPath, spec: originalSpec, tree, projectFiles: request.projectFiles ?? {} };
  const originalFiles = snapshotWithSpec(state);
  const expansion = { build, dist: request.dist };
  // Per-step change sets (when asked for): a step that left the spec alone shares its predecessor's.
  let lastDerived: { spec: string[]; changes: PackageChangeSet[] } | undefined;
  const packageChangesNow = (): PackageChangeSet[] | undefined => {
    if (!request.packageChangesPerStep || !originalSpec || !state.spec) return undefined;
    if (lastDerived?.spec !== state.spec) lastDerived = { spec: state.spec, changes: derivePackageChanges(originalSpec, state.spec, expansion) };
    return lastDerived.changes;
  };

  const record = (planned: PlannedOverlay, run: () => Diagnostic[]): OverlayResult => {
    const before = snapshot(state);
    const result: OverlayResult = {
      order: results.length,
      origin: planned.origin,
      type: planned.overlay.type,
      description: describeOverlay(planned.overlay),
      status: 'ok',
      message: '',
      specLine: 0,
      changes: [],
      diagnostics: [],
    };
    results.push(result);
    // Spec arrays are replaced, never mutated, so keeping a reference keeps that step's lines.
    if (request.keepSpecBefore) result.specBefore = state.spec;
    const invalid = validateOverlay(planned.overlay);
    if (invalid) {
      result.status = 'error';
      result.message = invalid;
      return result;
    }
    try {
      result.diagnostics = run();
    } catch (error) {
      result.status = 'error';
      result.message = error instanceof Error ? error.message : String(error);
      result.specLine = error instanceof OverlayError ? error.specLine : 0;
    }
    // Overlays are not atomic: whatever happened before a failure stays, and is shown.
    result.changes = changesSince(before, state);
    const packageChanges = packageChangesNow();
    if (packageChanges) result.packageChanges = packageChanges;
    return result;
  };

  const planned = planOverlays(request);
  const archiveGroups = new Map<string, PlannedOverlay[]>();
  const regular: PlannedOverlay[] = [];
  for (const p of planned) {
    const archive = p.overlay.archive;
    if (archive) {
      const group = archiveGroups.get(archive) ?? [];
      group.push({ ...p, origin: archiveOrigin(p.origin, archive) });
      archiveGroups.set(archive, group);
    } else {
      regular.push(p);
    }
  }

  // 1. Archive overlays, grouped per archive, before everything else.
  for (const [archive, group] of archiveGroups) {
    const valid = group.filter((p) => validateOverlay(p.overlay) === null);
    const outcome = await processArchive(tree, archive, valid.map((p) => p.overlay), request.component['source-files'] ?? []);
    diagnostics.push(...outcome.diagnostics);
    let step = 0;
    for (const p of group) {
      const isValid = valid.includes(p);
      const stepOutcome = isValid ? outcome.steps[step++] : undefined;
      const result = record(p, () => {
        if (stepOutcome?.error) throw stepOutcome.error;
        return [];
      });
      if (stepOutcome && !stepOutcome.error) result.changes = stepOutcome.changes;
    }
  }

  // 2. The macros file and the two overlays that load it.
  const macros = macrosFileContents(build);
  if (macros !== '') {
    const macrosFile = `${name}.azl.macros`;
    if (!validMacrosFileName(macrosFile)) {
      diagnostics.push({ file: macrosFile, line: 0, col: 0, severity: 'error', code: 'overlay/macros-file-name', message: `macros file name ${JSON.stringify(macrosFile)} contains invalid characters` });
    } else {
      const [prepend, insert] = macrosLoadOverlays(macrosFile) as [OverlayInput, OverlayInput];
      record({ overlay: prepend, origin: { kind: 'macros' }, ctx: { baseDir: '' } }, () => {
        // The macros file is written as part of this step, so it shows in the step's changes.
        tree.set(macrosFile, macros);
        return applyOverlay(state, prepend, { baseDir: '' });
      });
      record({ overlay: insert, origin: { kind: 'macros' }, ctx: { baseDir: '' } }, () => {
        const existing = state.spec ? parseSpec(state.spec).tags.filter((t) => t.tag.toLowerCase() === 'source9999') : [];
        const notes = applyOverlay(state, insert, { baseDir: '' });
        for (const tag of existing) {
          notes.push({
            file: specPath, line: tag.line + 1, col: 0, severity: 'warning', code: 'overlay/source9999-collision',
            message: `the spec already has ${tag.tag}: ${tag.value}; azldev adds a second Source9999 for ${macrosFile} (azure-linux-dev-tools#235)`,
            hint: 'renumber the existing source or drop the build macros',
          });
        }
        return notes;
      });
    }
  }

  // 3. Inherited and inline overlays, then overlay files.
  for (const p of regular) record(p, () => applyOverlay(state, p.overlay, p.ctx));

  // 4. check.skip, 5. the header comment.
  for (const overlay of checkSkipOverlays(build)) {
    record({ overlay, origin: { kind: 'check-skip' }, ctx: { baseDir: '' } }, () => applyOverlay(state, overlay, { baseDir: '' }));
  }
  if (state.spec !== null) {
    const header = headerOverlay();
    record({ overlay: header, origin: { kind: 'header' }, ctx: { baseDir: '' } }, () => applyOverlay(state, header, { baseDir: '' }));
  }

  // 6. Release calculation: azldev bumps the Release the overlays left, then rpmautospec runs.
  if (state.spec !== null) applyReleaseCalculation(request, state, record, diagnostics);

  const files = snapshotWithSpec(state);
  const packageChanges = originalSpec && state.spec ? (packageChangesNow() ?? derivePackageChanges(originalSpec, state.spec, expansion)) : [];
  return {
    component: name,
    specPath,
    files,
    diffs: treeDiffs(originalFiles, files),
    overlays: results,
    diagnostics,
    packageChanges,
    ok: results.every((r) => r.status === 'ok') && !diagnostics.some((d) => d.severity === 'error'),
  };
}
