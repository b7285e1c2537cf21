/** The project's overlaid components for the Overlays view: which there are, and one rendered with every overlay. */
import type { Loc, ResolvedComponent } from '../config/index.ts';
import { ProjectLoader } from './load.ts';
import { componentRenderRequest, componentSpecPath, overlayIndexOf } from './build/overlays.ts';
import { renderComponent, type RenderResult } from '../overlay/index.ts';
import { err, ok, type MessageError, type Result } from '../result.ts';
import { DEFAULT_DIST } from './dist-tag.ts';

/** A component with overlays, as the view lists it. */
export interface OverlaidComponent {
  name: string;
  /** Where the component is defined. */
  loc: Loc;
  overlays: number;
  /** The spec the overlays apply to (the project path). */
  specPath: string;
  /** Whether that spec is in the project; without it nothing can be rendered. */
  hasSpec: boolean;
}

/** A rendered component, with where each of its overlays is written (aligned with `result.overlays`; null for synthetic steps). */
export interface ComponentRender {
  component: OverlaidComponent;
  /** The spec as the project has it, before any overlay. */
  originalSpec: string;
  result: RenderResult;
  locations: (Loc | null)[];
}

/** The outcome of rendering one component: the render, or why there is none. */
export type ComponentRenderOutcome = Result<ComponentRender, MessageError>;

function summary(component: ResolvedComponent, files: ReadonlyMap<string, string>): OverlaidComponent {
  const specPath = componentSpecPath(component);
  return { name: component.name, loc: component.loc, overlays: component.overlays.length, specPath, hasSpec: files.has(specPath) };
}

function overlaid(files: ReadonlyMap<string, string>, loader: ProjectLoader): ResolvedComponent[] {
  const project = loader.load(files).project;
  return Object.values(project.components)
    .filter((c) => c.overlays.length > 0)
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** What the Overlays view shows: the overlaid components, the one chosen and its render. */
export interface OverlayView {
  components: OverlaidComponent[];
  /** The component asked for, else the first one; `""` when there is none. */
  selected: string;
  outcome: ComponentRenderOutcome | undefined;
  /** The `%{dist}` the render used. */
  dist: string;
}

/** Lists the overlaid components and renders WANTED (or the first) with `%{dist}` DIST, loading the project once for both (through LOADER, which a caller keeps to share loads between views). */
export async function overlayView(files: ReadonlyMap<string, string>, wanted: string, dist = DEFAULT_DIST, loader = new ProjectLoader()): Promise<OverlayView> {
  const all = overlaid(files, loader);
  const chosen = all.find((c) => c.name === wanted) ?? all[0];
  return {
    components: all.map((c) => summary(c, files)),
    selected: chosen?.name ?? '',
    outcome: chosen ? await renderResolved(chosen, files, dist) : undefined,
    dist,
  };
}

async function renderResolved(component: ResolvedComponent, files: ReadonlyMap<string, string>, dist: string): Promise<ComponentRenderOutcome> {
  const name = component.name;
  const described = summary(component, files);
  if (!described.hasSpec) {
    return err({ message: `${name}: its spec ${described.specPath} is not in the project; add it to see what the ${described.overlays} overlay(s) do` });
  }
  const result = await renderComponent(componentRenderRequest(component, files, { dist }));
  const locations = result.overlays.map((r) => {
    const index = overlayIndexOf(r.origin, component);
    return index === undefined ? null : (component.overlays[index]?.loc ?? null);
  });
  return ok({ component: described, originalSpec: files.get(described.specPath) ?? '', result, locations });
}
