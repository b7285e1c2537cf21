/** `azl-playground solve`: resolve specs and groups against rpm-md repositories, like `dnf5 install` would. */
import { parseArgs } from 'node:util';
import { expandGroup, parseUpdateinfo, type CompsModel, type LoadedRepoFiles } from '../../lib/repo/index.ts';
import { matchAdvisories, type AdvisorySource } from '../../lib/supply/index.ts';
import { advisoryLines, loadAdvisorySources } from '../advisory-sources.ts';
import { requestNeedsFilelists } from '../../lib/resolve/filelists.ts';
import { Resolver } from '../../lib/resolve/resolver.ts';
import type { GroupPackageJob, ResolveRequest } from '../../lib/resolve/types.ts';
import type { CliCommand } from '../io.ts';
import { loadRepoArgument } from '../repo-source.ts';
import { createCliResolver } from '../wasm-module.ts';

const USAGE = `usage: azl-playground solve --repo DIR|ARCHIVE|URL [--repo …] [--arch A] [--group ID]… [--exclude GLOB]…
       [--no-weak-deps] [--best|--no-best] [--with-optional] [--advisories DIR|URL]… [--json] SPEC…
Prints the NEVRAs to install, one per line, sorted. Exit 0 solved, 2 problems, 3 a spec matched nothing, 1 bad input.
Advisories (updateinfo of the repositories, and of each --advisories repository, read for its advisories
only) that affect the result are listed on stderr, and in --json as "advisories" and "advisorySummary".`;

/** A unique, readable repository id from a --repo argument. */
function repoId(arg: string, taken: Set<string>): string {
  const base = arg.replace(/[?#].*$/, '').replace(/\/+$/, '').replace(/\/repodata$/, '').split('/').pop()?.replace(/\.(tar(\.gz)?|tgz|zip)$/, '') || 'repo';
  const clean = base.replace(/[^A-Za-z0-9._-]/g, '_') || 'repo';
  let id = clean;
  for (let n = 2; taken.has(id); n++) id = `${clean}-${n}`;
  taken.add(id);
  return id;
}

/** Runs `solve`. */
export const runSolveCommand: CliCommand = async (args, io) => {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        repo: { type: 'string', multiple: true, default: [] },
        arch: { type: 'string', default: 'x86_64' },
        group: { type: 'string', multiple: true, default: [] },
        exclude: { type: 'string', multiple: true, default: [] },
        'no-weak-deps': { type: 'boolean', default: false },
        best: { type: 'boolean' },
        'no-best': { type: 'boolean' },
        'with-optional': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        advisories: { type: 'string', multiple: true, default: [] },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (err) {
    io.stderr(`azl-playground solve: ${(err as Error).message}\n${USAGE}\n`);
    return 1;
  }
  const o = parsed.values;
  if (o.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (o.repo.length === 0) {
    io.stderr(`azl-playground solve: give at least one --repo\n${USAGE}\n`);
    return 1;
  }
  if (parsed.positionals.length === 0 && o.group.length === 0) {
    io.stderr(`azl-playground solve: the request is empty: give at least one package spec or --group\n${USAGE}\n`);
    return 1;
  }
  if (o.best && o['no-best']) {
    io.stderr('azl-playground solve: --best and --no-best contradict each other\n');
    return 1;
  }

  let resolver: Resolver;
  try {
    resolver = await createCliResolver(o.arch);
  } catch (err) {
    io.stderr(`azl-playground solve: ${(err as Error).message}\n`);
    return 1;
  }
  const taken = new Set<string>();
  const loaded: { id: string; files: LoadedRepoFiles }[] = [];
  for (const arg of o.repo) {
    const files = await loadRepoArgument(arg, io.cwd);
    if (!files.ok) {
      io.stderr(`azl-playground solve: ${arg}: ${files.error.message}${files.error.hint ? ` (${files.error.hint})` : ''}\n`);
      return 1;
    }
    const id = repoId(arg, taken);
    const added = await resolver.loadRpmmd({ id }, { primary: files.value.primary, ...(files.value.updateinfo ? { updateinfo: files.value.updateinfo } : {}) });
    if (!added.ok) {
      io.stderr(`azl-playground solve: ${arg}: ${added.message}\n`);
      return 1;
    }
    loaded.push({ id, files: files.value });
  }

  const comps = loaded.map((l) => l.files.comps).filter((c): c is CompsModel => !!c);
  const groupPackages: GroupPackageJob[] = [];
  for (const g of o.group) {
    const expanded = expandGroup(comps, g, { arch: o.arch, withOptional: o['with-optional'] });
    if (!expanded.ok) {
      io.stderr(`azl-playground solve: ${expanded.error.message} ${expanded.error.hint}\n`);
      return 1;
    }
    groupPackages.push(...expanded.value.jobs);
  }
  const request: ResolveRequest = {
    specs: parsed.positionals,
    groupPackages,
    excludes: o.exclude,
    weakDeps: !o['no-weak-deps'],
    best: !o['no-best'],
  };
  if (requestNeedsFilelists(request))
    for (const { id, files } of loaded) {
      if (!files.filelists) continue;
      const fl = await files.filelists.load();
      if (!fl.ok) {
        io.stderr(`azl-playground solve: ${id}: ${fl.error.message}\n`);
        return 1;
      }
      const added = await resolver.loadFilelists(id, fl.value);
      if (!added.ok) {
        io.stderr(`azl-playground solve: ${id}: ${added.message}\n`);
        return 1;
      }
    }

  const advisoryOnly = await loadAdvisorySources(o.advisories, io.cwd);
  if (typeof advisoryOnly === 'string') {
    io.stderr(`azl-playground solve: ${advisoryOnly}\n`);
    return 1;
  }
  const sources: AdvisorySource[] = [];
  for (const { id, files } of loaded) {
    if (!files.updateinfo) continue;
    const parsed = parseUpdateinfo(files.updateinfo, `${id}: updateinfo.xml`);
    if (parsed.ok) sources.push({ repo: id, advisoryOnly: false, advisories: parsed.value });
    else io.stderr(`azl-playground solve: warning: its advisories are left out: ${parsed.error.message}\n`);
  }
  sources.push(...advisoryOnly);

  const result = resolver.solve(request);
  const match = result.ok && sources.length > 0 ? matchAdvisories(result.packages, sources) : undefined;
  if (o.json) io.stdout(`${JSON.stringify(match ? { ...result, advisories: match.advisories, advisorySummary: match.bySeverity } : result, null, 2)}\n`);
  if (result.ok) {
    if (!o.json) io.stdout(result.packages.map((p) => `${p.nevra}\n`).join(''));
    if (match) io.stderr(advisoryLines(match.advisories));
    for (const s of result.skipped) io.stderr(`# skipped group member not in any repository: ${s.spec}\n`);
    return 0;
  }
  switch (result.kind) {
    case 'problems':
      if (!o.json) {
        io.stdout(resolver.resultText().split('\n').filter((l) => l.startsWith('problem ')).map((l) => `${l}\n`).join(''));
        result.problems.forEach((p, i) => io.stderr(`Problem ${i + 1}: ${p.text}\n${p.solutions.map((s) => `  - ${s.text}\n`).join('')}`));
      }
      return 2;
    case 'no-match':
      for (const u of result.unmatched) io.stderr(`No match for argument: ${u.spec}\n`);
      return 3;
    case 'invalid':
      io.stderr(`azl-playground solve: ${result.message}\n`);
      return 1;
  }
};
