/** `azl-playground image`: resolve one image of a project and write an export (manifest, SPDX, kickstart, KIWI, NEVRA list). */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatDiagnostic, type Diagnostic } from '../../lib/diagnostics.ts';
import { buildImageExport, IMAGE_EXPORT_FORMATS, type ImageExportFormat, type ImageExportResult, loadedRepoFromFiles, type LoadedRepo } from '../../lib/project/build/index.ts';
import { planImage, type ImagePlan } from '../../lib/project/plan-image.ts';
import { bundleIdentity, sourceOfLocation } from '../../lib/repo/index.ts';
import { Resolver } from '../../lib/resolve/resolver.ts';
import type { CliCommand, CliIo } from '../io.ts';
import { projectPath } from '../paths.ts';
import { readProjectDir } from '../read-project-dir.ts';
import { loadRepoArgument } from '../repo-source.ts';
import { loadResolverModule } from '../wasm-module.ts';
import { advisoryLines, loadAdvisorySources } from '../advisory-sources.ts';

const USAGE = `usage: azl-playground image PROJECT_DIR --image NAME [--profile P] [--arch A] [--repo [ID=]DIR|URL]…
       --format ${IMAGE_EXPORT_FORMATS.join('|')} [--packages names|nevra] [--created ISO-TIME] [--out FILE]
       [--advisories DIR|URL]… [--no-overlays] [--permissive]
Without --repo, the bundled repositories the project names as bundle:<id> are read from public/repos/.
Advisories come from the updateinfo.xml of the repositories in use and of each --advisories repository
(read for its advisories only); those affecting the image go into the manifest and the CycloneDX export.
SPDX's creation time defaults to the newest repository revision, so equal inputs give equal bytes.
Exit 0 written, 2 unsatisfiable (problems on stdout), 3 a spec or group matched nothing, 1 bad usage or input.`;

const BUNDLE_DIR = projectPath('public/repos/');

function fail(io: CliIo, message: string): number {
  io.stderr(`azl-playground image: ${message}\n`);
  return 1;
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

/** Loads the --repo arguments (shared with `check`). */
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

/** Prints a build's diagnostics and outcome; the exit code (shared with `check`). */
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

/** Runs `image`. */
export const runImageCommand: CliCommand = async (args, io) => {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        image: { type: 'string' },
        profile: { type: 'string' },
        arch: { type: 'string', default: 'x86_64' },
        repo: { type: 'string', multiple: true, default: [] },
        advisories: { type: 'string', multiple: true, default: [] },
        format: { type: 'string' },
        packages: { type: 'string', default: 'names' },
        created: { type: 'string' },
        out: { type: 'string' },
        'no-overlays': { type: 'boolean', default: false },
        permissive: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (err) {
    return fail(io, `${(err as Error).message}\n${USAGE}`);
  }
  const o = parsed.values;
  if (o.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (parsed.positionals.length !== 1) return fail(io, `expected exactly one PROJECT_DIR\n${USAGE}`);
  if (!o.image) return fail(io, `--image is required\n${USAGE}`);
  if (!o.format || !(IMAGE_EXPORT_FORMATS as readonly string[]).includes(o.format)) return fail(io, `--format must be one of ${IMAGE_EXPORT_FORMATS.join(', ')}\n${USAGE}`);
  if (o.packages !== 'names' && o.packages !== 'nevra') return fail(io, '--packages must be names or nevra');
  if (o.created !== undefined && !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(o.created)) return fail(io, '--created must be an ISO 8601 UTC time such as 2026-01-01T00:00:00Z');

  let files: Map<string, string>;
  try {
    files = await readProjectDir(resolve(io.cwd, parsed.positionals[0] as string));
  } catch (err) {
    return fail(io, `cannot read ${parsed.positionals[0]}: ${(err as Error).message}`);
  }
  const plan = planImage(files, o.image, { arch: o.arch, permissive: o.permissive, ...(o.profile !== undefined ? { profile: o.profile } : {}) });
  if (!plan.ok) return report(io, { result: { ok: false, kind: 'input', diagnostics: plan.error }, text: null });
  const repos = o.repo.length > 0 ? await reposFromArgs(o.repo, io) : await bundledRepos(plan.value);
  if (typeof repos === 'string') return fail(io, repos);
  let resolver: Resolver;
  try {
    resolver = await Resolver.create(await loadResolverModule(), o.arch);
  } catch (err) {
    return fail(io, (err as Error).message);
  }
  const advisorySources = await loadAdvisorySources(o.advisories, io.cwd);
  if (typeof advisorySources === 'string') return fail(io, advisorySources);
  const outcome = await buildImageExport(resolver, plan.value, repos, { format: o.format as ImageExportFormat, packages: o.packages, ...(o.created !== undefined ? { created: o.created } : {}) }, { overlays: !o['no-overlays'], advisorySources });
  const code = report(io, outcome);
  if (code !== 0 || outcome.text === null) return code;
  if (o.out) {
    try {
      await writeFile(resolve(io.cwd, o.out), outcome.text);
    } catch (err) {
      return fail(io, `cannot write ${o.out}: ${(err as Error).message}`);
    }
  } else io.stdout(outcome.text);
  return 0;
};
