/** The deviation report as Markdown (GitHub tables), for review comments and release notes; deterministic like the JSON. */
import type { DeviationLoc, DeviationReport } from './deviations.ts';

/** A table cell: pipes escaped, line breaks folded, empty shown as an en dash. */
function cell(text: string | number | null | undefined): string {
  const s = text === null || text === undefined ? '' : String(text);
  return s === '' ? '–' : s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ↵ ');
}

function code(text: string | null | undefined): string {
  if (!text) return '–';
  // A backtick run one longer than any inside keeps the span closed.
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return cell(`${fence}${pad}${text}${pad}${fence}`);
}

function loc(d: DeviationLoc): string {
  return code(d.line > 0 ? `${d.file}:${d.line}` : d.file);
}

function table(header: string[], rows: string[][]): string[] {
  if (rows.length === 0) return ['None.', ''];
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`), ''];
}

function counts(title: string, column: string, record: Record<string, number>): string[] {
  const rows = Object.entries(record)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, n]) => [code(k), String(n)]);
  return [`### ${title}`, '', ...table([column, 'overlays'], rows)];
}

function links(list: string[]): string {
  return list.length === 0 ? '–' : list.map((u) => `<${u.replace(/[<>|]/g, encodeURIComponent)}>`).join(' ');
}

function findings(report: DeviationReport): string[] {
  const checks = report.specChecks;
  const note = !checks
    ? ['The overlays were not applied to their specs, so stale and unanchored patterns were not looked for.', '']
    : checks.unchecked.length === 0
      ? [`Every overlaid component's overlays were applied to its spec (${checks.checked.length}).`, '']
      : [
          `Overlays applied to their spec: ${checks.checked.length} component(s). Not checked, their spec is not in the project: ${checks.unchecked.map((u) => `${code(u.component)} (${u.overlays})`).join(', ')}.`,
          '',
        ];
  const bySeverity = Object.entries(report.totals.findingsBySeverity).map(([k, n]) => `${n} ${k}`).join(', ');
  return [
    report.findings.length === 0 ? 'No findings.' : `${report.findings.length} finding(s): ${bySeverity}.`,
    '',
    ...note,
    ...(report.findings.length === 0
      ? []
      : table(
          ['rule', 'severity', 'component', '#', 'message', 'fix', 'where'],
          report.findings.map((f) => [code(f.rule), f.severity, code(f.component), f.overlay === null ? '–' : String(f.overlay + 1), cell(f.message), cell(f.hint), loc(f)]),
        )),
  ];
}

/** Renders the report as Markdown: a summary, the totals, then one table per kind of deviation. */
export function deviationsMarkdown(report: DeviationReport): string {
  const t = report.totals;
  const b = report.baseline;
  const out: string[] = ['# Deviations from upstream', ''];
  out.push(
    b ? `Measured against the project's default upstream: ${code(`${b.distro} ${b.version}`)}${b.snapshot ? ` at snapshot ${code(b.snapshot)}` : ''}.` : 'The project names no default upstream distro; only per-component changes are listed.',
    '',
    `${t.components} component(s) deviate: ${t.byKind.overlays} overlay(s), ${t.byKind.localSpecs} local spec(s), ${t.byKind.upstreams} upstream pin(s), ${t.byKind.releases} manual release(s), ${t.byKind.buildOptions} build option(s), ${t.byKind.skippedChecks} skipped check(s), ${t.byKind.sourceFiles} source file(s).`,
    '',
    '## Totals',
    '',
    ...counts('Overlays by type', 'type', t.overlaysByType),
    ...counts('Overlays by category', 'category', t.overlaysByCategory),
    ...counts('Overlays by upstream status', 'upstream status', t.overlaysByUpstreamStatus),
    '### Deviations by component',
    '',
    ...table(
      ['component', 'overlays', 'all deviations'],
      Object.entries(t.byComponent).map(([c, n]) => [code(c), String(t.overlaysByComponent[c] ?? 0), String(n)]),
    ),
    '## Lint findings',
    '',
    ...findings(report),
    '## Overlays',
    '',
    ...table(
      ['component', '#', 'type', 'description', 'category', 'upstream status', 'commits', 'bugs', 'where'],
      report.overlays.map((o) => [code(o.component), String(o.index + 1), code(o.type), cell(o.description), code(o.category), code(o.upstreamStatus), links(o.commits), links(o.bugs), loc(o)]),
    ),
    '## Local specs',
    '',
    ...table(['component', 'spec', 'where'], report.localSpecs.map((d) => [code(d.component), code(d.path), loc(d)])),
    '## Upstream pins',
    '',
    ...table(['component', 'kind', 'value', 'dist-git', 'where'], report.upstreams.map((d) => [code(d.component), d.kind, code(d.value), code(d.distGit), loc(d)])),
    '## Snapshots',
    '',
    ...table(['snapshot', 'components', 'where'], report.snapshots.map((d) => [code(d.snapshot), String(d.components), loc(d)])),
    '## Manual release handling',
    '',
    ...table(['component', 'calculation', 'where'], report.releases.map((d) => [code(d.component), code(d.calculation), loc(d)])),
    '## Build options',
    '',
    ...table(['component', 'kind', 'name', 'value', 'where'], report.buildOptions.map((d) => [code(d.component), d.kind, code(d.name), code(d.value), loc(d)])),
    '## Skipped checks',
    '',
    ...table(['component', 'reason', 'where'], report.skippedChecks.map((d) => [code(d.component), cell(d.reason ?? '(no reason given)'), loc(d)])),
    '## Source files',
    '',
    ...table(
      ['component', 'file', 'origin', 'uri', 'replaces upstream', 'where'],
      report.sourceFiles.map((d) => [code(d.component), code(d.filename), d.origin, code(d.uri), d.replacesUpstream ? `yes${d.reason ? `: ${cell(d.reason)}` : ''}` : 'no', loc(d)]),
    ),
  );
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}
