/** `azl-playground check PROJECT_DIR --image NAME`: the image's declared capabilities against its resolved package set. */
import { buildImage } from '../../lib/project/build/index.ts';
import { checkBuildCapabilities, type CapabilityReport } from '../../lib/project/capability-check.ts';
import { Resolver } from '../../lib/resolve/resolver.ts';
import type { CliCommand, CliIo } from '../io.ts';
import { createCliResolver } from '../wasm-module.ts';
import { parseImageArgs, readAndPlan, reposForPlan, report } from '../image-input.ts';

const USAGE = `usage: azl-playground check PROJECT_DIR --image NAME [--profile P] [--arch A] [--repo [ID=]DIR|URL]…
       [--json] [--no-overlays] [--permissive]
Checks the image's [images.NAME] capabilities against its resolved packages: no package manager
(dnf, dnf5, tdnf, microdnf, yum) without runtime package management, a kernel and a boot loader in a
machine-bootable image, no kernel in a container, systemd present or absent as declared, the FIPS
tooling with fips-enabled. Each failure names the package, the chain that pulled it in from the config
line, and a fix checked by a what-if solve.
Exit 0 every check passes, 1 a check fails (or bad usage or input), 2 unsatisfiable, 3 a spec matched nothing.`;

function fail(io: CliIo, message: string): number {
  io.stderr(`azl-playground check: ${message}\n`);
  return 1;
}

/** The report as text: one line per check, and for each failure its package, chain, config line and fix. */
export function formatCapabilityReport(r: CapabilityReport): string {
  const lines: string[] = [`image ${r.image}${r.profile ? ` (${r.profile})` : ''}: capabilities ${Object.entries(r.capabilities).map(([k, v]) => `${k}=${v}`).join(', ') || 'none declared'}`];
  for (const c of r.checks) lines.push(`${c.passed ? 'PASS' : 'FAIL'} ${c.message}`);
  for (const u of r.unruled) lines.push(`NOTE ${u} = ${r.capabilities[u]}: no package-level rule checks it`);
  for (const f of r.findings) {
    lines.push('', `${f.check.capability}: ${f.package ?? `missing ${f.check.what}`}`);
    for (const step of f.chain) lines.push(`  ${step.text}`);
    if (f.root) lines.push(`  asked for as "${f.root.asks}" at ${f.root.file}:${f.root.line}`);
    if (f.fix) {
      lines.push(`  fix: ${f.fix.description} (checked: the image then solves with ${f.fix.packagesAfter} packages${f.fix.kind === 'add' ? '' : ` and without ${f.package}`})`);
      const e = f.fix.edit;
      if (e) lines.push(`  edit ${e.file}:${e.line}: ${e.remove ? 'delete the line' : ''}${e.remove && e.insert.length ? ', then ' : ''}${e.insert.length ? `insert ${e.insert.map((l) => JSON.stringify(l.trim())).join(', ')} after it` : ''}`);
    } else if (f.noFix) lines.push(`  no fix offered: ${f.noFix}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Runs `check`. */
export const runCheckCommand: CliCommand = async (args, io) => {
  const parsed = parseImageArgs(io, args, USAGE, (m) => fail(io, m), {
    arch: { type: 'string', default: 'x86_64' },
    json: { type: 'boolean', default: false },
    'no-overlays': { type: 'boolean', default: false },
    permissive: { type: 'boolean', default: false },
  });
  if (typeof parsed === 'number') return parsed;
  const o = parsed.values;
  const read = await readAndPlan(io, parsed.projectDir, parsed.image, { arch: o.arch, permissive: o.permissive, ...(o.profile !== undefined ? { profile: o.profile } : {}) }, (m) => fail(io, m));
  if (typeof read === 'number') return read;
  const { files, plan } = read;
  const capabilities = plan.loaded.project.images[plan.entry.name]?.value.capabilities;
  if (!capabilities || Object.keys(capabilities).length === 0) {
    io.stdout(`image ${plan.entry.name} declares no capabilities ([images.${plan.entry.name}] capabilities = { … }), so there is nothing to check\n`);
    return 0;
  }
  const repos = await reposForPlan(io, plan, o.repo);
  if (typeof repos === 'string') return fail(io, repos);
  let resolver: Resolver;
  try {
    resolver = await createCliResolver(o.arch);
  } catch (err) {
    return fail(io, (err as Error).message);
  }
  const build = await buildImage(resolver, plan, repos, { overlays: !o['no-overlays'] });
  if (!build.ok) return report(io, { result: build, text: null });
  const result = checkBuildCapabilities(resolver, build, files, capabilities);
  io.stdout(o.json ? `${JSON.stringify(result, null, 2)}\n` : formatCapabilityReport(result));
  return result.passed ? 0 : 1;
};
