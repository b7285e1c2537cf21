/** The deviation lint's checks that need each overlay applied to its spec: overlays that no longer apply, patterns that could be anchored. */
import type { ResolvedComponent, ResolvedProject } from '../config/index.ts';
import { anchoredAlternative, renderComponent, type OverlayInput, type VirtualFiles } from '../overlay/index.ts';
import type { LintFinding, SpecCheckOutcome } from '../supply/index.ts';
import { componentRenderRequest, componentSpecPath, overlayIndexOf } from './build/overlays.ts';

function specChecksOf(component: ResolvedComponent, result: Awaited<ReturnType<typeof renderComponent>>): LintFinding[] {
  const out: LintFinding[] = [];
  for (const r of result.overlays) {
    const index = overlayIndexOf(r.origin, component);
    const resolved = index === undefined ? undefined : component.overlays[index];
    if (index === undefined || !resolved) continue;
    const at = { component: component.name, overlay: index, file: resolved.loc.file, line: resolved.loc.line };
    const label = `${component.name} overlay ${index + 1} (${r.type})`;
    if (r.status === 'error') {
      out.push({ rule: 'overlay-does-not-apply', severity: 'error', ...at, message: `${label} no longer applies to its spec: ${r.message}`, hint: 'the spec changed under it: update the overlay, or drop it if upstream now carries the change' });
      continue;
    }
    if (r.type === 'spec-search-replace' && r.specBefore) {
      const overlay = resolved.overlay as OverlayInput;
      const anchored = anchoredAlternative(r.specBefore, overlay);
      if (anchored !== null) {
        out.push({
          rule: 'unanchored-pattern', severity: 'warning', ...at,
          message: `${label}: pattern ${JSON.stringify(overlay.regex)} matches whole lines but is not anchored; ${JSON.stringify(anchored)} rewrites the spec the same way`,
          hint: `write regex = ${JSON.stringify(anchored)}, so the overlay fails instead of editing a fragment when upstream changes the line (azurelinux#17964)`,
          suggestedRegex: anchored,
        });
      }
    }
  }
  for (const d of result.diagnostics.filter((x) => x.severity === 'error')) {
    out.push({ rule: 'overlay-does-not-apply', severity: 'error', component: component.name, overlay: null, file: component.loc.file, line: component.loc.line, message: `${component.name}: ${d.message}`, ...(d.hint ? { hint: d.hint } : {}) });
  }
  return out;
}

/** Applies every overlaid component's overlays to its spec (where the project has it) and reports what no longer applies or could be anchored. */
export async function checkOverlaysAgainstSpecs(project: ResolvedProject, files: ReadonlyMap<string, string>): Promise<SpecCheckOutcome> {
  const outcome: SpecCheckOutcome = { checked: [], unchecked: [], findings: [] };
  const projectFiles: VirtualFiles = Object.fromEntries(files);
  const components = Object.values(project.components)
    .filter((c) => c.overlays.length > 0)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const component of components) {
    const spec = componentSpecPath(component);
    if (!files.has(spec)) {
      outcome.unchecked.push({ component: component.name, spec, overlays: component.overlays.length });
      continue;
    }
    const result = await renderComponent({ ...componentRenderRequest(component, files, { projectFiles }), keepSpecBefore: true });
    outcome.checked.push(component.name);
    outcome.findings.push(...specChecksOf(component, result));
  }
  return outcome;
}
