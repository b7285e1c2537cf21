/** A component's resolved configuration as rows of value and the file:line that supplied it (what `azldev config dump` cannot show). */
import { DEFAULTS_PATH, formatPath, type ConfigValue, type Loc, type ProjectFiles, type ResolvedComponent, type UpstreamSource } from '../config/index.ts';
import { ProjectLoader } from './load.ts';

/** One value of the resolved configuration. */
export interface ConfigValueRow {
  /** Its key path, as written in TOML (`build.defines.with_check`, `overlays[2].type`). */
  path: string;
  /** The value as TOML writes it (strings quoted; empty arrays and tables as `[]` and `{}`). */
  value: string;
  /** The file and line that supplied it: the component, a group's or the distro's defaults, or azldev's built-in defaults. */
  loc: Loc;
  /** Supplied by azldev's built-in defaults rather than a project file. */
  builtin: boolean;
}

/** One component resolved: where it is defined, the groups whose defaults apply, every value with its source. */
export interface ComponentConfigDetail {
  name: string;
  loc: Loc;
  definedIn: Loc[];
  groups: string[];
  rows: ConfigValueRow[];
  upstream?: UpstreamSource;
  renderedSpecDir: string;
}

/** What the Config view shows: the project's components and one of them resolved. */
export interface ComponentConfigView {
  components: string[];
  /** The component asked for, else the first; `""` when the project has none. */
  selected: string;
  detail?: ComponentConfigDetail;
}

function tomlScalar(value: ConfigValue): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function rowsOf(value: ConfigValue, path: (string | number)[], component: ResolvedComponent, out: ConfigValueRow[]): void {
  const children: [string | number, ConfigValue][] | undefined = Array.isArray(value) ? value.map((v, i) => [i, v]) : typeof value === 'object' ? Object.entries(value) : undefined;
  if (children?.length) {
    for (const [k, v] of children) rowsOf(v, [...path, k], component, out);
    return;
  }
  const key = formatPath(path);
  const loc = component.provenance[key] ?? component.loc;
  out.push({ path: key, value: children ? (Array.isArray(value) ? '[]' : '{}') : tomlScalar(value), loc, builtin: loc.file === DEFAULTS_PATH });
}

/** The rows of COMPONENT's resolved configuration, in the order its tables are written. */
export function configRows(component: ResolvedComponent): ConfigValueRow[] {
  const out: ConfigValueRow[] = [];
  for (const [k, v] of Object.entries(component.config)) if (v !== undefined) rowsOf(v as ConfigValue, [k], component, out);
  return out;
}

/** Lists the components of FILES and resolves WANTED (or the first with values) with the source of every value; LOADER may already hold the project. */
export function componentConfigView(files: ProjectFiles, wanted: string, loader = new ProjectLoader()): ComponentConfigView {
  const { project } = loader.load(files);
  const components = Object.keys(project.components).sort();
  // with none asked for (or one gone), the first that sets or inherits something: an empty table teaches little
  const selected = components.includes(wanted) ? wanted : (components.find((name) => configRows(project.components[name]!).length > 0) ?? components[0] ?? '');
  const component = selected ? project.components[selected] : undefined;
  if (!component) return { components, selected };
  return {
    components,
    selected,
    detail: {
      name: component.name,
      loc: component.loc,
      definedIn: component.definedIn,
      groups: component.groups,
      rows: configRows(component),
      ...(component.upstream ? { upstream: component.upstream } : {}),
      renderedSpecDir: component.renderedSpecDir,
    },
  };
}
