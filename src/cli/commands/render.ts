/** `azl-playground render PROJECT_DIR --component NAME --sources DIR --out DIR`: applies a component's overlays (Node only). */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { formatDiagnostic } from '../../lib/diagnostics.ts';
import { loadProject, resolveComponent } from '../../lib/config/index.ts';
import { renderComponent, type OverlayInput, type OverlayResult, type ReleaseRule, type VirtualFiles } from '../../lib/overlay/index.ts';
import { componentRenderRequest } from '../../lib/project/build/overlays.ts';
import type { CliCommand } from '../io.ts';
import { readProjectDir } from '../read-project-dir.ts';

const USAGE = `usage: azl-playground render PROJECT_DIR --component NAME --sources DIR --out DIR [--permissive]
                             [--synthetic-commits N] [--release-rule azldev-1.0|april-2026]
The Release is calculated as azldev does (release.calculation): a static one is bumped by the
synthetic commits azldev would add (default: 1 when the component's config changes anything, else 0).
--release-rule april-2026 bumps any leading integer, as the azldev that rendered the April 2026 tree.`;

const RELEASE_RULES: readonly ReleaseRule[] = ['azldev-1.0', 'april-2026'];

interface RenderArgs {
  projectDir: string;
  component: string;
  sources: string;
  out: string;
  permissive: boolean;
  syntheticCommits?: number;
  releaseRule: ReleaseRule;
}

function parseArgs(args: string[]): RenderArgs | string {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  let permissive = false;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (arg === '--permissive') permissive = true;
    else if (arg === '--component' || arg === '--sources' || arg === '--out' || arg === '--synthetic-commits' || arg === '--release-rule') {
      const value = args[i + 1];
      if (value === undefined) return `${arg} needs a value`;
      flags.set(arg, value);
      i += 1;
    } else if (arg.startsWith('-')) return `unknown option ${arg}`;
    else positional.push(arg);
  }
  const [projectDir] = positional;
  const component = flags.get('--component');
  const sources = flags.get('--sources');
  const out = flags.get('--out');
  if (positional.length !== 1 || !projectDir) return 'expected exactly one PROJECT_DIR';
  if (!component || !sources || !out) return '--component, --sources and --out are required';
  const commits = flags.get('--synthetic-commits');
  if (commits !== undefined && !/^\d+$/.test(commits)) return '--synthetic-commits needs a whole number';
  const rule = flags.get('--release-rule') ?? 'azldev-1.0';
  if (!(RELEASE_RULES as readonly string[]).includes(rule)) return `--release-rule must be one of ${RELEASE_RULES.join(', ')}`;
  return { projectDir, component, sources, out, permissive, releaseRule: rule as ReleaseRule, ...(commits !== undefined ? { syntheticCommits: Number(commits) } : {}) };
}

/** Every file under `dir` as bytes, keyed by POSIX path relative to `dir`. */
async function readBinaryTree(dir: string): Promise<VirtualFiles> {
  const files: VirtualFiles = {};
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  await Promise.all(
    entries
      .filter((e) => e.isFile())
      .map(async (entry) => {
        const full = join(entry.parentPath, entry.name);
        const rel = relative(dir, full).split(sep).join('/');
        if (rel.split('/').includes('.git')) return;
        files[rel] = new Uint8Array(await readFile(full));
      }),
  );
  return files;
}

// Overlay sources may be binary, which the config reader skips, so they are read as bytes here.
async function readOverlaySources(projectDir: string, overlays: readonly OverlayInput[]): Promise<VirtualFiles> {
  const files: VirtualFiles = {};
  for (const overlay of overlays) {
    if (!overlay.source || overlay.source in files) continue;
    try {
      files[overlay.source] = new Uint8Array(await readFile(join(projectDir, overlay.source)));
    } catch {
      // A missing source is reported by the overlay that needs it.
    }
  }
  return files;
}

function overlayLine(result: OverlayResult): string {
  const where = result.specLine > 0 ? ` (spec line ${result.specLine})` : '';
  const message = result.status === 'ok' ? '' : `: ${result.message}${where}`;
  return `${result.status === 'ok' ? 'ok   ' : 'error'} ${result.description}${message}\n`;
}

/** Renders one component of a project into `--out`; prints one line per overlay; exits 1 if any overlay failed. */
export const runRenderCommand: CliCommand = async (args, io) => {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    io.stderr(`${parsed}\n${USAGE}\n`);
    return 2;
  }
  const projectDir = resolve(io.cwd, parsed.projectDir);
  let projectText: Map<string, string>;
  let sources: VirtualFiles;
  try {
    projectText = await readProjectDir(projectDir);
    sources = await readBinaryTree(resolve(io.cwd, parsed.sources));
  } catch (e) {
    io.stderr(`cannot read input: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  const { project, diagnostics } = loadProject(projectText, { permissive: parsed.permissive });
  for (const d of diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
  if (diagnostics.some((d) => d.severity === 'error')) return 1;
  const component = resolveComponent(project, parsed.component);
  if (!component) {
    io.stderr(`no component named "${parsed.component}" in ${parsed.projectDir}\n`);
    return 1;
  }
  const projectFiles = await readOverlaySources(projectDir, component.overlays.map((o) => o.overlay));
  const result = await renderComponent(
    componentRenderRequest(component, projectText, { sources, projectFiles, releaseRule: parsed.releaseRule, ...(parsed.syntheticCommits !== undefined ? { syntheticCommits: parsed.syntheticCommits } : {}) }),
  );
  for (const d of result.diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
  for (const overlay of result.overlays) {
    io.stdout(overlayLine(overlay));
    for (const d of overlay.diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
  }
  const outDir = resolve(io.cwd, parsed.out);
  for (const [path, content] of Object.entries(result.files)) {
    const target = join(outDir, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content);
  }
  return result.overlays.some((o) => o.status === 'error') || !result.ok ? 1 : 0;
};
