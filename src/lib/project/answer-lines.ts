/** Solver answers located in the project: a problem or an unmatched spec blamed on the line of the description that asked for it. */
import type { Diagnostic } from '../diagnostics.ts';
import type { ImagePackageRequest, SourceRef } from '../image/request.ts';
import type { GroupPackageJob, Problem, UnmatchedSpec } from '../resolve/types.ts';

/** The name part of a NEVRA (`bash-5.1.8-4.el9.x86_64` → `bash`). */
export function nameOfNevra(nevra: string): string {
  return nevra.replace(/-[^-]+-[^-]+$/, '');
}

/** Where each spec and group of REQUEST was written: spec text, `@group` and `@^environment` → line. */
export function requestOrigins(request: ImagePackageRequest): Map<string, SourceRef> {
  const origins = new Map<string, SourceRef>();
  for (const layer of request.layers) {
    for (const s of layer.specs) if (!origins.has(s.spec)) origins.set(s.spec, s.origin);
    for (const g of layer.groups) {
      const key = `@${g.kind === 'environment' ? '^' : ''}${g.id}`;
      if (!origins.has(key)) origins.set(key, g.origin);
    }
  }
  return origins;
}

/** The first line written in a file, among ORIGINS (a group an environment brought in has no line of its own). */
function firstWritten(origins: Map<string, SourceRef>, keys: Iterable<string>): SourceRef | undefined {
  for (const key of keys) {
    const at = origins.get(key);
    if (at && at.line > 0) return at;
  }
  return undefined;
}

/** The names of the jobs libsolv proposes to drop ("do not ask to install openssh-clients"): the jobs the problem comes from. */
export function jobsToDrop(problem: Problem): string[] {
  const names: string[] = [];
  for (const s of problem.solutions) for (const e of s.elements) {
    const m = /^do not ask to install (\S+)/.exec(e);
    if (m?.[1] && !names.includes(m[1])) names.push(m[1]);
  }
  return names;
}

/**
 * The line that asked for what PROBLEM is about: the spec or group member of a job problem, or the
 * job libsolv proposes to drop (a group member is blamed on its group's line, GROUP_OF naming it),
 * else the spec naming the package whose requirement fails.
 */
export function problemOrigin(problem: Problem, origins: Map<string, SourceRef>, groupOf: ReadonlyMap<string, string> = new Map()): SourceRef | undefined {
  const names = [...(problem.spec ? [problem.spec] : []), ...jobsToDrop(problem), ...(problem.source ? [nameOfNevra(problem.source)] : [])];
  const groups = [...(problem.group ? [problem.group] : []), ...names.flatMap((n) => (groupOf.has(n) ? [groupOf.get(n) as string] : []))];
  // a line that names the package beats the group line that brought it
  const direct = firstWritten(origins, names) ?? firstWritten(origins, groups.flatMap((g) => [`@${g}`, `@^${g}`]));
  // a member of a group that an environment brought in: blame the first environment written
  return direct ?? (groups.length ? firstWritten(origins, [...origins.keys()].filter((k) => k.startsWith('@^'))) : undefined);
}

/** Solver problems and unmatched specs as diagnostics on the lines that asked (FALLBACK when no line did). */
export function solverDiagnostics(
  answer: { problems?: Problem[]; unmatched?: UnmatchedSpec[] },
  request: ImagePackageRequest,
  groupJobs: readonly GroupPackageJob[],
  fallback: SourceRef,
): Diagnostic[] {
  const origins = requestOrigins(request);
  const groupOf = new Map<string, string>();
  for (const j of groupJobs) if (!groupOf.has(j.name)) groupOf.set(j.name, j.group);
  const out: Diagnostic[] = [];
  for (const p of answer.problems ?? []) {
    const at = problemOrigin(p, origins, groupOf) ?? fallback;
    const hint = p.solutions[0] ? `libsolv suggests: ${p.solutions[0].text}` : undefined;
    out.push({ file: at.file, line: at.line, col: 0, severity: 'error', code: 'solver/problem', message: p.text, ...(hint ? { hint } : {}) });
  }
  for (const u of answer.unmatched ?? []) {
    const at = firstWritten(origins, [u.spec, `@${u.spec.replace(/^@/, '')}`]) ?? fallback;
    out.push({ file: at.file, line: at.line, col: 0, severity: 'error', code: 'solver/no-match', message: `No match for argument: ${u.spec}${u.excluded ? ' (every match is excluded)' : ''}` });
  }
  return out;
}
