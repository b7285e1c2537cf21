/** `azl-playground deviations PROJECT_DIR [--format json|markdown]`: every way the project departs from its upstream. */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadProject, resolveProject } from '../../lib/config/index.ts';
import { formatDiagnostic } from '../../lib/diagnostics.ts';
import { checkOverlaysAgainstSpecs } from '../../lib/project/overlay-checks.ts';
import { deviationReport, deviationsJson, deviationsMarkdown } from '../../lib/supply/index.ts';
import type { CliCommand } from '../io.ts';
import { readProjectDir } from '../read-project-dir.ts';

const USAGE = `usage: azl-playground deviations PROJECT_DIR [--format json|markdown] [--permissive]
Lists every overlay (with its TOML file:line and metadata), local spec, upstream pin, snapshot, manual
release, build option, skipped check and non-Fedora source file, with totals, and lints the overlays:
no description, no metadata, a backport without a commit link, a workaround without a bug link, a
pattern that could be anchored to whole lines, an overlay that no longer applies to its spec (checked
by applying the overlays to every spec the project holds). Default format: markdown.
Exit 0 on success, 1 when the project does not load or the arguments are wrong.`;

const FORMATS = ['json', 'markdown'] as const;

/** Runs `deviations`. */
export const runDeviationsCommand: CliCommand = async (args, io) => {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { format: { type: 'string', default: 'markdown' }, permissive: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
    });
  } catch (err) {
    io.stderr(`azl-playground deviations: ${(err as Error).message}\n${USAGE}\n`);
    return 1;
  }
  const o = parsed.values;
  if (o.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const format = o.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) {
    io.stderr(`azl-playground deviations: unknown format ${JSON.stringify(o.format)}; use ${FORMATS.join(' or ')}\n`);
    return 1;
  }
  if (parsed.positionals.length !== 1) {
    io.stderr(`azl-playground deviations: expected exactly one PROJECT_DIR\n${USAGE}\n`);
    return 1;
  }
  const dir = parsed.positionals[0] as string;
  let files: Map<string, string>;
  try {
    files = await readProjectDir(resolve(io.cwd, dir));
  } catch (err) {
    io.stderr(`azl-playground deviations: cannot read ${dir}: ${(err as Error).message}\n`);
    return 1;
  }
  const { project, diagnostics } = loadProject(files, { permissive: o.permissive });
  for (const d of diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
  if (diagnostics.some((d) => d.severity === 'error')) return 1;
  const resolved = resolveProject(project);
  const report = deviationReport(resolved, await checkOverlaysAgainstSpecs(resolved, files));
  io.stdout(format === 'json' ? deviationsJson(report) : deviationsMarkdown(report));
  return 0;
};
