/** The deviation report: every way a project departs from the Fedora packages it builds on, each with its TOML file:line. */
import type { ComponentConfig, Loc, Provenance, ResolvedComponent, ResolvedProject } from '../config/index.ts';
import { LINT_RULES, lintOverlayConfig, type LintFinding, type SpecCheckOutcome } from './lint.ts';

/** Version of the report's JSON shape; bump it when a field changes meaning. */
export const DEVIATION_REPORT_VERSION = 1;

/** Where a deviation is written: a project-relative TOML file and a 1-based line (0 for built-in defaults). */
export interface DeviationLoc {
  file: string;
  line: number;
}

/** One overlay of one component: what it does, where it is written and why (its metadata). */
export interface OverlayDeviation extends DeviationLoc {
  component: string;
  /** Position in the component's apply order (0-based). */
  index: number;
  type: string;
  /** The overlay's own description; null when it has none. */
  description: string | null;
  section?: string;
  package?: string;
  tag?: string;
  /** The overlay's `file` key (the sources it edits), renamed so it cannot be mistaken for the TOML file. */
  target?: string;
  archive?: string;
  /** `metadata.category`; null when the overlay has no metadata or no category. */
  category: string | null;
  upstreamStatus: string | null;
  commits: string[];
  bugs: string[];
}

/** A component built from a spec kept in the project instead of Fedora's dist-git. */
export interface LocalSpecDeviation extends DeviationLoc {
  component: string;
  path: string;
}

/** A component whose upstream differs from the project's default: a pinned commit, another distro or version, another dist-git name. */
export interface UpstreamDeviation extends DeviationLoc {
  component: string;
  kind: 'commit' | 'distro' | 'distro-version' | 'name';
  value: string;
  /** The dist-git repository the component is fetched from, when known. */
  distGit?: string;
}

/** A snapshot date that decides which upstream commits are used, and how many components it applies to. */
export interface SnapshotDeviation extends DeviationLoc {
  snapshot: string;
  components: number;
}

/** A component whose Release is not left to rpmautospec (`release.calculation` other than `auto`). */
export interface ReleaseDeviation extends DeviationLoc {
  component: string;
  calculation: string;
}

/** A build switch: `build.with`, `without`, `defines` or `undefines`. */
export interface BuildOptionDeviation extends DeviationLoc {
  component: string;
  kind: 'with' | 'without' | 'define' | 'undefine';
  name: string;
  value?: string;
}

/** A component whose `%check` is not run, and the reason given. */
export interface SkippedCheckDeviation extends DeviationLoc {
  component: string;
  reason: string | null;
}

/** A source file not taken from Fedora's lookaside cache (`source-files`). */
export interface SourceFileDeviation extends DeviationLoc {
  component: string;
  filename: string;
  origin: string;
  uri?: string;
  replacesUpstream: boolean;
  reason?: string;
}

/** Counts of the report, for summaries and for the tests that check them against the files. */
export interface DeviationTotals {
  /** Components with at least one per-component deviation. */
  components: number;
  /** Entries of each per-component list. */
  byKind: Record<'overlays' | 'localSpecs' | 'upstreams' | 'releases' | 'buildOptions' | 'skippedChecks' | 'sourceFiles', number>;
  /** Per-component deviations of every kind, by component. */
  byComponent: Record<string, number>;
  overlaysByComponent: Record<string, number>;
  overlaysByType: Record<string, number>;
  /** `uncategorized` counts overlays without a category. */
  overlaysByCategory: Record<string, number>;
  /** `unknown` counts overlays without an upstream status. */
  overlaysByUpstreamStatus: Record<string, number>;
  findingsByRule: Record<string, number>;
  findingsBySeverity: Record<string, number>;
}

/** The whole report; every list is sorted by component, then by file and line. */
export interface DeviationReport {
  formatVersion: typeof DEVIATION_REPORT_VERSION;
  /** The project's default upstream (`distro version`), what "departs" is measured against; null when it has none. */
  baseline: { distro: string; version: string; snapshot: string | null } | null;
  overlays: OverlayDeviation[];
  localSpecs: LocalSpecDeviation[];
  upstreams: UpstreamDeviation[];
  snapshots: SnapshotDeviation[];
  releases: ReleaseDeviation[];
  buildOptions: BuildOptionDeviation[];
  skippedChecks: SkippedCheckDeviation[];
  sourceFiles: SourceFileDeviation[];
  /** Lint findings (see lint.ts), by component, overlay and rule. */
  findings: LintFinding[];
  /** Which components' overlays were applied to their spec; null when the spec checks were not run. */
  specChecks: Omit<SpecCheckOutcome, 'findings'> | null;
  totals: DeviationTotals;
}

/** The category counted for an overlay without one. */
export const UNCATEGORIZED = 'uncategorized';
/** The upstream status counted for an overlay without one. */
export const UNKNOWN_STATUS = 'unknown';

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function at(loc: Loc | undefined, fallback: Loc): DeviationLoc {
  const l = loc ?? fallback;
  return { file: l.file, line: l.line };
}

function where(component: ResolvedComponent, key: string): DeviationLoc {
  return at(component.provenance[key], component.loc);
}

/** The first provenance entry under KEY (an array or table value is located by its first element). */
function firstUnder(provenance: Provenance, key: string): Loc | undefined {
  if (provenance[key]) return provenance[key];
  const prefix = [`${key}[`, `${key}.`];
  const keys = Object.keys(provenance).filter((k) => prefix.some((p) => k.startsWith(p)));
  return keys.length > 0 ? provenance[keys.sort()[0] as string] : undefined;
}

function urls(list: { url?: string }[] | undefined): string[] {
  return (list ?? []).map((e) => e.url ?? '').filter((u) => u !== '');
}

function overlayDeviations(component: ResolvedComponent): OverlayDeviation[] {
  return component.overlays.map((o, index) => {
    const { overlay } = o;
    const metadata = o.metadata ?? overlay.metadata;
    const entry: OverlayDeviation = {
      component: component.name,
      index,
      type: overlay.type ?? '',
      description: overlay.description?.trim() ? overlay.description : null,
      file: o.loc.file,
      line: o.loc.line,
      category: metadata?.category ?? null,
      upstreamStatus: metadata?.['upstream-status'] ?? null,
      commits: urls(metadata?.commits),
      bugs: urls(metadata?.bugs),
    };
    if (overlay.section !== undefined) entry.section = overlay.section;
    if (overlay.package !== undefined) entry.package = overlay.package;
    if (overlay.tag !== undefined) entry.tag = overlay.tag;
    if (overlay.file !== undefined) entry.target = overlay.file;
    if (overlay.archive !== undefined) entry.archive = overlay.archive;
    return entry;
  });
}

interface Baseline {
  distro: string;
  version: string;
  snapshot: string | null;
}

function baselineOf(project: ResolvedProject): Baseline | null {
  const def = project.defaultDistro;
  if (!def) return null;
  const version = project.distros[def.name]?.value.versions?.[def.version];
  const upstream = version?.['default-component-config']?.spec?.['upstream-distro'];
  const distro = upstream?.name;
  if (!distro) return null;
  const upstreamVersion = upstream.version || project.distros[distro]?.value['default-version'] || '';
  return { distro, version: upstreamVersion, snapshot: upstream.snapshot ?? null };
}

function upstreamDeviations(component: ResolvedComponent, baseline: Baseline | null): UpstreamDeviation[] {
  const spec = component.config.spec;
  const upstream = component.upstream;
  if (spec?.type === 'local' || !upstream) return [];
  const distGit = upstream.cloneUri ? { distGit: upstream.cloneUri } : {};
  const out: UpstreamDeviation[] = [];
  if (spec?.['upstream-commit']) out.push({ component: component.name, kind: 'commit', value: spec['upstream-commit'], ...where(component, 'spec.upstream-commit'), ...distGit });
  if (baseline && upstream.distro !== baseline.distro) {
    out.push({ component: component.name, kind: 'distro', value: `${upstream.distro} ${upstream.version}`.trim(), ...where(component, 'spec.upstream-distro.name'), ...distGit });
  } else if (baseline && upstream.version !== baseline.version) {
    out.push({ component: component.name, kind: 'distro-version', value: upstream.version, ...where(component, 'spec.upstream-distro.version'), ...distGit });
  }
  if (spec?.['upstream-name'] && spec['upstream-name'] !== component.name) out.push({ component: component.name, kind: 'name', value: spec['upstream-name'], ...where(component, 'spec.upstream-name'), ...distGit });
  return out;
}

function buildOptionDeviations(component: ResolvedComponent): BuildOptionDeviation[] {
  const build = component.config.build;
  if (!build) return [];
  const out: BuildOptionDeviation[] = [];
  const p = component.provenance;
  const list = (kind: 'with' | 'without' | 'undefine', key: 'with' | 'without' | 'undefines') => {
    (build[key] ?? []).forEach((name, i) => out.push({ component: component.name, kind, name, ...at(p[`build.${key}[${i}]`] ?? firstUnder(p, `build.${key}`), component.loc) }));
  };
  list('with', 'with');
  list('without', 'without');
  for (const [name, value] of Object.entries(build.defines ?? {}).sort(([a], [b]) => byText(a, b))) {
    out.push({ component: component.name, kind: 'define', name, value: String(value), ...at(firstUnder(p, `build.defines.${/^[A-Za-z0-9_-]+$/.test(name) ? name : JSON.stringify(name)}`) ?? firstUnder(p, 'build.defines'), component.loc) });
  }
  list('undefine', 'undefines');
  return out;
}

function sourceFileDeviations(component: ResolvedComponent): SourceFileDeviation[] {
  return (component.config['source-files'] ?? []).map((s, i) => {
    const entry: SourceFileDeviation = {
      component: component.name,
      filename: s.filename ?? '',
      origin: s.origin?.type ?? 'unspecified',
      replacesUpstream: s['replace-upstream'] === true,
      ...at(firstUnder(component.provenance, `source-files[${i}]`), component.loc),
    };
    if (s.origin?.uri) entry.uri = s.origin.uri;
    if (s['replace-reason']) entry.reason = s['replace-reason'];
    return entry;
  });
}

function count(into: Record<string, number>, key: string, n = 1): void {
  into[key] = (into[key] ?? 0) + n;
}

function sortedRecord(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => byText(a, b)));
}

const byLoc = <T extends DeviationLoc & { component?: string }>(a: T, b: T): number =>
  byText(a.component ?? '', b.component ?? '') || byText(a.file, b.file) || a.line - b.line;

const ruleOrder = (rule: string): number => (LINT_RULES as readonly string[]).indexOf(rule);

/**
 * Builds the deviation report of a resolved project, with the lint findings of the configuration
 * and, when given, those of `checkOverlaysAgainstSpecs` (pure and deterministic: equal inputs, equal reports).
 */
export function deviationReport(project: ResolvedProject, specChecks: SpecCheckOutcome | null = null): DeviationReport {
  const baseline = baselineOf(project);
  const report: DeviationReport = {
    formatVersion: DEVIATION_REPORT_VERSION,
    baseline,
    overlays: [],
    localSpecs: [],
    upstreams: [],
    snapshots: [],
    releases: [],
    buildOptions: [],
    skippedChecks: [],
    sourceFiles: [],
    findings: [],
    specChecks: specChecks ? { checked: [...specChecks.checked].sort(byText), unchecked: [...specChecks.unchecked].sort((a, b) => byText(a.component, b.component)) } : null,
    totals: {
      components: 0,
      byKind: { overlays: 0, localSpecs: 0, upstreams: 0, releases: 0, buildOptions: 0, skippedChecks: 0, sourceFiles: 0 },
      byComponent: {},
      overlaysByComponent: {},
      overlaysByType: {},
      overlaysByCategory: {},
      overlaysByUpstreamStatus: {},
      findingsByRule: {},
      findingsBySeverity: {},
    },
  };
  const snapshots = new Map<string, SnapshotDeviation>();
  const components = Object.values(project.components).sort((a, b) => byText(a.name, b.name));
  for (const component of components) {
    const config: ComponentConfig = component.config;
    report.overlays.push(...overlayDeviations(component));
    if (config.spec?.type === 'local') report.localSpecs.push({ component: component.name, path: config.spec.path ?? '', ...where(component, 'spec.type') });
    report.upstreams.push(...upstreamDeviations(component, baseline));
    const snapshot = component.upstream?.snapshot;
    if (snapshot && config.spec?.type !== 'local') {
      const loc = where(component, 'spec.upstream-distro.snapshot');
      const key = `${snapshot}\u0000${loc.file}\u0000${loc.line}`;
      const entry = snapshots.get(key) ?? { snapshot, ...loc, components: 0 };
      entry.components += 1;
      snapshots.set(key, entry);
    }
    const calculation = config.release?.calculation;
    if (calculation && calculation !== 'auto') report.releases.push({ component: component.name, calculation, ...where(component, 'release.calculation') });
    report.buildOptions.push(...buildOptionDeviations(component));
    if (config.build?.check?.skip) report.skippedChecks.push({ component: component.name, reason: config.build.check.skip_reason?.trim() || null, ...where(component, 'build.check.skip') });
    report.sourceFiles.push(...sourceFileDeviations(component));
  }
  report.snapshots = [...snapshots.values()].sort((a, b) => byText(a.file, b.file) || a.line - b.line || byText(a.snapshot, b.snapshot));
  for (const list of [report.localSpecs, report.upstreams, report.releases, report.buildOptions, report.skippedChecks, report.sourceFiles] as DeviationLoc[][]) {
    list.sort(byLoc);
  }

  report.findings = [...lintOverlayConfig(report.overlays), ...(specChecks?.findings ?? [])].sort(
    (a, b) => byText(a.component, b.component) || (a.overlay ?? -1) - (b.overlay ?? -1) || ruleOrder(a.rule) - ruleOrder(b.rule) || byText(a.message, b.message),
  );

  const t = report.totals;
  const perComponent: Record<string, number> = {};
  const kinds = ['overlays', 'localSpecs', 'upstreams', 'releases', 'buildOptions', 'skippedChecks', 'sourceFiles'] as const;
  for (const kind of kinds) {
    const list = report[kind] as { component: string }[];
    t.byKind[kind] = list.length;
    for (const entry of list) count(perComponent, entry.component);
  }
  for (const o of report.overlays) {
    count(t.overlaysByComponent, o.component);
    count(t.overlaysByType, o.type);
    count(t.overlaysByCategory, o.category ?? UNCATEGORIZED);
    count(t.overlaysByUpstreamStatus, o.upstreamStatus ?? UNKNOWN_STATUS);
  }
  for (const f of report.findings) {
    count(t.findingsByRule, f.rule);
    count(t.findingsBySeverity, f.severity);
  }
  t.findingsByRule = sortedRecord(t.findingsByRule);
  t.findingsBySeverity = sortedRecord(t.findingsBySeverity);
  t.components = Object.keys(perComponent).length;
  t.byComponent = sortedRecord(perComponent);
  t.overlaysByComponent = sortedRecord(t.overlaysByComponent);
  t.overlaysByType = sortedRecord(t.overlaysByType);
  t.overlaysByCategory = sortedRecord(t.overlaysByCategory);
  t.overlaysByUpstreamStatus = sortedRecord(t.overlaysByUpstreamStatus);
  return report;
}
