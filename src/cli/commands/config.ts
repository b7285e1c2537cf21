/** `azl-playground config PROJECT_DIR [--component NAME] [--json] [--permissive]`: load, validate and explain a project. */
import { resolve } from 'node:path';
import { defaultDistro, expandRepoSet, resolveComponent, resolveProject, standaloneRepos, type LoadResult, type Provenance, type ResolvedComponent } from '../../lib/config/index.ts';
import { formatDiagnostic } from '../../lib/diagnostics.ts';
import type { CliCommand } from '../io.ts';
import { readProjectConfig } from '../read-project-dir.ts';

const USAGE = 'usage: config PROJECT_DIR [--component NAME] [--json] [--permissive]';

interface ConfigArgs {
  dir: string;
  component?: string;
  json: boolean;
  permissive: boolean;
}

function parseArgs(args: string[]): ConfigArgs | string {
  const out: ConfigArgs = { dir: '', json: false, permissive: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--json') out.json = true;
    else if (arg === '--permissive') out.permissive = true;
    else if (arg === '--component') {
      const name = args[++i];
      if (!name) return '--component needs a component name';
      out.component = name;
    } else if (arg.startsWith('--')) return `unknown option ${arg}`;
    else if (out.dir) return `unexpected argument ${arg}`;
    else out.dir = arg;
  }
  return out.dir ? out : 'missing PROJECT_DIR';
}

function flattenValues(value: unknown, prefix: string, out: [string, unknown][]): void {
  if (Array.isArray(value) && value.some((v) => v !== null && typeof v === 'object')) {
    value.forEach((v, i) => flattenValues(v, `${prefix}[${i}]`, out));
  } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flattenValues(v, prefix ? `${prefix}.${/^[A-Za-z0-9_-]+$/.test(k) ? k : JSON.stringify(k)}` : k, out);
  } else out.push([prefix, value]);
}

/** One `key = value  # file:line` line per leaf, so users see which file set each value. */
function explainComponent(c: ResolvedComponent): string {
  const lines = [`# component ${c.name} (${c.loc.file}:${c.loc.line})`];
  if (c.definedIn.length > 1) lines.push(`# defined in: ${c.definedIn.map((l) => `${l.file}:${l.line}`).join(', ')}`);
  if (c.groups.length > 0) lines.push(`# groups: ${c.groups.join(', ')}`);
  const leaves: [string, unknown][] = [];
  flattenValues(c.config, '', leaves);
  const where = (p: Provenance, key: string) => {
    const loc = p[key];
    return loc ? `${loc.file}:${loc.line}` : '?';
  };
  for (const [key, value] of leaves) lines.push(`${key} = ${JSON.stringify(value)}  # ${where(c.provenance, key)}`);
  for (const o of c.overlays.filter((x) => x.overlayFile)) {
    lines.push(`overlay ${o.overlay.type} ${JSON.stringify(o.overlay.description ?? '')}  # ${o.loc.file}:${o.loc.line}`);
  }
  if (c.upstream) {
    const u = c.upstream;
    lines.push(`# upstream: ${u.cloneUri ?? u.upstreamName} branch ${u.distGitBranch ?? '?'} commit ${u.commit ?? `(${u.commitFrom}${u.snapshot ? ` ${u.snapshot}` : ''})`}`);
  }
  return lines.join('\n');
}

/** Prints the resolved project (or one component); on errors prints each diagnostic on stderr and returns 1. */
export const runConfigCommand: CliCommand = async (args, io) => {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    io.stderr(`${parsed}\n${USAGE}\n`);
    return 2;
  }
  let loaded: LoadResult;
  try {
    loaded = await readProjectConfig(resolve(io.cwd, parsed.dir), { permissive: parsed.permissive });
  } catch (e) {
    io.stderr(`cannot read ${parsed.dir}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  const { project, diagnostics } = loaded;
  for (const d of diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
  if (diagnostics.some((d) => d.severity === 'error')) return 1;

  if (parsed.component !== undefined) {
    const component = resolveComponent(project, parsed.component);
    if (!component) {
      io.stderr(`no component named "${parsed.component}" in ${parsed.dir}\n`);
      return 1;
    }
    io.stdout(`${parsed.json ? JSON.stringify(component, null, 2) : explainComponent(component)}\n`);
    return 0;
  }
  if (parsed.json) {
    io.stdout(`${JSON.stringify(resolveProject(project), null, 2)}\n`);
    return 0;
  }
  // The summary needs names and counts only, so it does not resolve all 7,000 components of a real tree.
  const distro = defaultDistro(project);
  const repos = [...standaloneRepos(project), ...[...project.repoSets.keys()].flatMap((set) => expandRepoSet(project, set))].map((r) => r.id);
  const summary = [
    `files: ${project.loadedFiles.length} (${project.loadedFiles.join(', ')})`,
    `default distro: ${distro ? `${distro.name} ${distro.version}` : 'none'}`,
    `distros: ${[...project.distros.keys()].join(', ')}`,
    `components: ${project.components.size}`,
    `component groups: ${[...project.componentGroups.keys()].join(', ')}`,
    `images: ${[...project.images.keys()].join(', ')}`,
    `repos: ${[...new Set(repos)].join(', ')}`,
    `binary packages mapped to source packages: ${project.binaryPackages.size}`,
    'use --component NAME for one component with provenance, or --json for everything',
  ];
  io.stdout(`${summary.join('\n')}\n`);
  return 0;
};
