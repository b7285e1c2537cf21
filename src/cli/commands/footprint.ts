/** `azl-playground footprint PROJECT_DIR --image NAME --baseline IMAGE[:PROFILE]|FILE.json`: package count and installed size against a pinned baseline. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Manifest } from '../../lib/export/index.ts';
import { buildImage } from '../../lib/project/build/index.ts';
import { planImage } from '../../lib/project/plan-image.ts';
import { Resolver } from '../../lib/resolve/resolver.ts';
import { compareFootprint, type FootprintComparison } from '../../lib/supply/index.ts';
import type { CliCommand, CliIo } from '../io.ts';
import { readProjectDir } from '../read-project-dir.ts';
import { createCliResolver } from '../wasm-module.ts';
import { parseImageArgs, reposForPlan, report } from '../image-input.ts';

const USAGE = `usage: azl-playground footprint PROJECT_DIR --image NAME [--profile P] --baseline IMAGE[:PROFILE]|MANIFEST.json
       [--repo [ID=]DIR|URL]… [--top N] [--json]
Compares the image's package count and installed size with a baseline: another image or profile of
the project, or a manifest written earlier (azl-playground image --format manifest). Lists the
biggest contributors first: packages only in the image, only in the baseline, and changed builds.`;

function fail(io: CliIo, message: string): number {
  io.stderr(`azl-playground footprint: ${message}\n`);
  return 1;
}

const mib = (bytes: number): string => `${(bytes / 1048576).toFixed(1)} MiB`;
const signed = (n: number, f: (x: number) => string): string => `${n >= 0 ? '+' : '-'}${f(Math.abs(n))}`;

/** The comparison as text, TOP entries per list. */
export function formatFootprint(c: FootprintComparison, top: number): string {
  const lines = [
    `${c.image.label}: ${c.image.packages} packages, ${mib(c.image.installSize)} installed`,
    `${c.baseline.label} (baseline): ${c.baseline.packages} packages, ${mib(c.baseline.installSize)} installed`,
    `difference: ${signed(c.delta.packages, String)} packages, ${signed(c.delta.installSize, mib)}`,
  ];
  const list = (title: string, rows: string[]) => {
    if (rows.length === 0) return;
    lines.push('', `${title}:`, ...rows.slice(0, top).map((r) => `  ${r}`));
    if (rows.length > top) lines.push(`  … ${rows.length - top} more`);
  };
  list(`only in ${c.image.label} (${c.added.length})`, c.added.map((p) => `${mib(p.installSize).padStart(10)}  ${p.nevra}`));
  list(`only in ${c.baseline.label} (${c.removed.length})`, c.removed.map((p) => `${mib(p.installSize).padStart(10)}  ${p.nevra}`));
  list(`other builds (${c.changed.length})`, c.changed.map((p) => `${signed(p.delta, mib).padStart(10)}  ${p.before} → ${p.after}`));
  return `${lines.join('\n')}\n`;
}

/** Runs `footprint`. */
export const runFootprintCommand: CliCommand = async (args, io) => {
  const parsed = parseImageArgs(io, args, USAGE, (m) => fail(io, m), {
    baseline: { type: 'string' },
    top: { type: 'string', default: '15' },
    json: { type: 'boolean', default: false },
  });
  if (typeof parsed === 'number') return parsed;
  const o = parsed.values;
  const top = Number(o.top);
  if (!o.baseline) return fail(io, `--baseline is required\n${USAGE}`);
  if (!Number.isInteger(top) || top < 1) return fail(io, '--top must be a positive whole number');
  let files: Map<string, string>;
  try {
    files = await readProjectDir(resolve(io.cwd, parsed.projectDir));
  } catch (err) {
    return fail(io, `cannot read ${parsed.projectDir}: ${(err as Error).message}`);
  }
  let resolver: Resolver | undefined;
  const manifestOf = async (image: string, profile: string | undefined): Promise<Manifest | number> => {
    const plan = planImage(files, image, profile !== undefined ? { profile } : {});
    if (!plan.ok) return report(io, { result: { ok: false, kind: 'input', diagnostics: plan.error }, text: null });
    const repos = await reposForPlan(io, plan.value, o.repo);
    if (typeof repos === 'string') return fail(io, repos);
    resolver ??= await createCliResolver('x86_64');
    const build = await buildImage(resolver, plan.value, repos);
    return build.ok ? build.manifest : report(io, { result: build, text: null });
  };
  const image = await manifestOf(parsed.image, o.profile);
  if (typeof image === 'number') return image;
  let baseline: Manifest | number;
  if (o.baseline.endsWith('.json')) {
    try {
      const doc = JSON.parse(await readFile(resolve(io.cwd, o.baseline), 'utf8')) as Partial<Manifest>;
      if (doc.schemaVersion !== 1 || !Array.isArray(doc.packages) || !doc.totals || !doc.inputs) return fail(io, `${o.baseline} is not an image manifest (schema version 1); write one with azl-playground image --format manifest`);
      baseline = doc as Manifest;
    } catch (err) {
      return fail(io, `cannot read ${o.baseline}: ${(err as Error).message}`);
    }
  } else {
    const [name, profile] = o.baseline.split(':');
    baseline = await manifestOf(name as string, profile);
  }
  if (typeof baseline === 'number') return baseline;
  const comparison = compareFootprint(image, baseline);
  io.stdout(o.json ? `${JSON.stringify(comparison, null, 2)}\n` : formatFootprint(comparison, top));
  return 0;
};
