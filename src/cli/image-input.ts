/** What the image commands (`image`, `check`, `footprint`) share: reading and planning the project, loading its repositories, reporting a build. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;
import { formatDiagnostic, type Diagnostic } from '../lib/diagnostics.ts';
import { loadedRepoFromFiles, type ImageExportResult, type LoadedRepo } from '../lib/project/build/index.ts';
import { planImage, type ImagePlan, type ImagePlanOptions } from '../lib/project/plan-image.ts';
import { bundleIdentity, sourceOfLocation } from '../lib/repo/index.ts';
import { advisoryLines } from './advisory-sources.ts';
import type { CliIo } from './io.ts';
import { projectPath } from './paths.ts';
import { readProjectDir } from './read-project-dir.ts';
import { loadRepoArgument } from './repo-source.ts';

const BUNDLE_DIR = projectPath('public/repos/');

/** The options every image command takes. */
const IMAGE_OPTIONS = {
  image: { type: 'string' },
  profile: { type: 'string' },
  repo: { type: 'string', multiple: true, default: [] },
  help: { type: 'boolean', default: false },
} as const satisfies OptionsConfig;

/**
 * Reads an image command's ARGS: the shared options (--image, --profile, --repo, --help) and EXTRA,
 * exactly one PROJECT_DIR, --image required. A number is the exit code: 0 after --help printed USAGE,
 * else what FAIL returned for the usage error.
 */
export function parseImageArgs<E extends OptionsConfig>(io: CliIo, args: string[], usage: string, fail: (message: string) => number, extra: E) {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { ...IMAGE_OPTIONS, ...extra } as typeof IMAGE_OPTIONS & E });
  } catch (err) {
    return fail(`${(err as Error).message}\n${usage}`);
  }
  const values = parsed.values;
  const shared = values as { help?: boolean; image?: string };
  if (shared.help) {
    io.stdout(`${usage}\n`);
    return 0;
  }
  if (parsed.positionals.length !== 1) return fail(`expected exactly one PROJECT_DIR\n${usage}`);
  if (typeof shared.image !== 'string') return fail(`--image is required\n${usage}`);
  return { projectDir: parsed.positionals[0] as string, image: shared.image, values };
}

/** A unique id from a --repo argument: `ID=` when given, else the last path segment. */
function repoIdOf(arg: string, taken: Set<string>): { id: string; location: string } {
  const explicit = /^([A-Za-z0-9][A-Za-z0-9_.:-]*)=(.+)$/.exec(arg);
  if (explicit && !/^[a-z]+:\/\//.test(arg)) return { id: explicit[1] as string, location: explicit[2] as string };
  const base = arg.replace(/[?#].*$/, '').replace(/\/+$/, '').replace(/\/repodata$/, '').split('/').pop() || 'repo';
  let id = base.replace(/[^A-Za-z0-9._-]/g, '_');
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return { id, location: arg };
}

/** Loads the --repo arguments. */
export async function reposFromArgs(args: string[], io: CliIo): Promise<LoadedRepo[] | string> {
  const taken = new Set<string>();
  const out: LoadedRepo[] = [];
  for (const arg of args) {
    const { id, location } = repoIdOf(arg, taken);
    taken.add(id);
    const files = await loadRepoArgument(location, io.cwd);
    if (!files.ok) return `${arg}: ${files.error.message}${files.error.hint ? ` (${files.error.hint})` : ''}`;
    out.push(loadedRepoFromFiles(id, files.value, /^https?:\/\//.test(location) ? location : undefined));
  }
  return out;
}

/** The bundled repositories (`bundle:<id>` URLs) the plan's configured repositories name, read from public/repos/. */
export async function bundledRepos(plan: ImagePlan): Promise<LoadedRepo[] | string> {
  const index = JSON.parse(await readFile(`${BUNDLE_DIR}index.json`, 'utf8')) as { repos: { id: string; path: string }[] };
  const out: LoadedRepo[] = [];
  for (const wanted of plan.wanted) {
    const source = sourceOfLocation(wanted.url);
    const bundle = source.kind === 'bundle' ? index.repos.find((r) => r.id === source.id) : undefined;
    if (!bundle || out.some((o) => o.url === wanted.url)) continue;
    const loaded = await loadRepoArgument(`${BUNDLE_DIR}${bundle.path}`, '/');
    if (!loaded.ok) return `bundled repository ${bundle.id}: ${loaded.error.message}`;
    out.push(loadedRepoFromFiles(bundle.id, loaded.value, bundleIdentity(bundle.id)));
  }
  return out;
}

/** Prints a build's diagnostics and outcome; returns the exit code (0 built, 2 unsatisfiable, 3 no match, 1 bad input). */
export function report(io: CliIo, outcome: ImageExportResult): number {
  const { result } = outcome;
  const print = (ds: Diagnostic[]) => ds.forEach((d) => io.stderr(`${formatDiagnostic(d)}\n`));
  print(result.diagnostics);
  if (result.ok) {
    for (const c of result.overlayChanges.filter((x) => x.inImage)) {
      const causes = c.overlays.map((o) => `${o.file}:${o.line} ${o.description}`).join('; ');
      io.stderr(`overlay: ${c.before} → ${c.after}: ${c.changes.join(', ')} [${causes}]\n`);
    }
    io.stderr(advisoryLines(result.manifest.advisories ?? []));
    return 0;
  }
  if (result.kind === 'problems') {
    io.stdout(result.text.split('\n').filter((l) => l.startsWith('problem ')).map((l) => `${l}\n`).join(''));
    result.problems.forEach((p, i) => io.stderr(`Problem ${i + 1}: ${p.text}\n${p.solutions.map((s) => `  - ${s.text}\n`).join('')}`));
    return 2;
  }
  if (result.kind === 'no-match') {
    for (const u of result.unmatched) io.stderr(`No match for argument: ${u.spec}\n`);
    return 3;
  }
  return 1;
}

/**
 * Reads the project in DIR and plans IMAGE; on failure the reason is already printed and the exit
 * code comes back (FAIL prints a usage-level error the way the calling command words it).
 */
export async function readAndPlan(io: CliIo, dir: string, image: string, options: ImagePlanOptions, fail: (message: string) => number): Promise<{ files: Map<string, string>; plan: ImagePlan } | number> {
  let files: Map<string, string>;
  try {
    files = await readProjectDir(resolve(io.cwd, dir));
  } catch (err) {
    return fail(`cannot read ${dir}: ${(err as Error).message}`);
  }
  const plan = planImage(files, image, options);
  if (!plan.ok) return report(io, { result: { ok: false, kind: 'input', diagnostics: plan.error }, text: null });
  return { files, plan: plan.value };
}

/** The repositories to build PLAN against: the --repo arguments when there are any, else the bundled ones the project names. */
export function reposForPlan(io: CliIo, plan: ImagePlan, repoArgs: string[]): Promise<LoadedRepo[] | string> {
  return repoArgs.length > 0 ? reposFromArgs(repoArgs, io) : bundledRepos(plan);
}
