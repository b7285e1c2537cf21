/** Turning the glue's result JSON into a ResolveResult, with reasons mapped back to the request. */
import { decodeTag } from './request.ts';
import { splitEvr } from '../rpm/evr.ts';
import type { InstallReason, Problem, ResolvedPackage, ResolveRequest, ResolveResult, UnmatchedSpec } from './types.ts';

interface RawReason {
  kind: 'job' | 'requires' | 'recommends' | 'supplements' | 'other';
  tag?: string;
  by?: string;
  dep?: string;
  rule?: string;
  text: string;
}

interface RawPackage {
  nevra: string;
  name: string;
  evr: string;
  arch: string;
  repo: string;
  summary: string;
  license: string;
  sourcerpm: string;
  location: string;
  checksumType: string;
  checksum: string;
  downloadSize: number;
  installSize: number;
  reason: RawReason;
  requiredBy: number[];
}

interface RawProblem {
  rule: string;
  text: string;
  source: string;
  target: string;
  dep: string;
  tag?: string;
  candidates: { nevra: string; excluded: number }[];
  details: string[];
  solutions: { elements: string[] }[];
}

/** The glue's JSON for one solve, as it comes out of linear memory. */
export type RawSolveResult =
  | { ok: true; solveMs: number; poolSolvables: number; skipped: string[]; packages: RawPackage[] }
  | { ok: false; kind: 'problems'; solveMs: number; poolSolvables: number; text: string; problems: RawProblem[] }
  | { ok: false; kind: 'no-match'; unmatched: string[]; excludedOnly: string[] };

function describeTag(tag: string | undefined, request: ResolveRequest): UnmatchedSpec & { group?: string } {
  const decoded = tag ? decodeTag(tag) : undefined;
  if (decoded?.kind === 'spec') return { spec: request.specs[decoded.index] ?? tag ?? '', source: 'spec' };
  if (decoded?.kind === 'group') {
    const g = request.groupPackages?.[decoded.index];
    return { spec: g?.name ?? tag ?? '', source: 'group', group: g?.group };
  }
  return { spec: tag ?? '', source: 'spec' };
}

function mapReason(raw: RawReason, request: ResolveRequest): InstallReason {
  const text = raw.text;
  switch (raw.kind) {
    case 'job': {
      const decoded = raw.tag ? decodeTag(raw.tag) : undefined;
      if (decoded?.kind === 'spec') return { kind: 'user', spec: request.specs[decoded.index] ?? '', text };
      if (decoded?.kind === 'group') {
        const g = request.groupPackages?.[decoded.index];
        return { kind: 'group', group: g?.group ?? '', groupPackageType: g?.type ?? 'mandatory', text };
      }
      return { kind: 'unknown', rule: 'SOLVER_RULE_JOB', text };
    }
    case 'requires':
      return { kind: 'dependency', by: raw.by ?? '', requirement: raw.dep ?? '', text };
    case 'recommends':
    case 'supplements':
      return { kind: 'weak-dependency', by: raw.by ?? '', requirement: raw.dep ?? '', weakKind: raw.kind, text };
    default:
      return { kind: 'unknown', rule: raw.rule ?? 'SOLVER_RULE_UNKNOWN', text };
  }
}

function mapPackage(raw: RawPackage, all: RawPackage[], request: ResolveRequest): ResolvedPackage {
  const evr = splitEvr(raw.evr);
  // Written out rather than spread: V8 copies spread properties on a slow path, and this runs per package.
  return {
    epoch: Number(evr.epoch),
    version: evr.version,
    release: evr.release ?? '',
    name: raw.name,
    arch: raw.arch,
    nevra: raw.nevra,
    repo: raw.repo,
    summary: raw.summary,
    license: raw.license,
    sourcerpm: raw.sourcerpm,
    location: raw.location,
    checksum: { type: raw.checksumType, value: raw.checksum },
    downloadSize: raw.downloadSize,
    installSize: raw.installSize,
    reason: mapReason(raw.reason, request),
    requiredBy: raw.requiredBy.map((i) => all[i]!.nevra),
  };
}

function mapProblem(raw: RawProblem, request: ResolveRequest): Problem {
  const problem: Problem = {
    rule: raw.rule,
    text: raw.text,
    candidates: raw.candidates.map((c) => ({ nevra: c.nevra, excluded: c.excluded !== 0 })),
    details: raw.details,
    solutions: raw.solutions.map((s) => ({ text: s.elements.join('; '), elements: s.elements })),
  };
  if (raw.dep) problem.requirement = raw.dep;
  if (raw.source) problem.source = raw.source;
  if (raw.target) problem.target = raw.target;
  if (raw.tag) {
    const asked = describeTag(raw.tag, request);
    problem.spec = asked.spec;
    if (asked.group) problem.group = asked.group;
  }
  return problem;
}

/** Maps the glue's JSON to the public ResolveResult for REQUEST. */
export function mapSolveResult(raw: RawSolveResult, request: ResolveRequest): ResolveResult {
  if (raw.ok) {
    const packages = raw.packages.map((p) => mapPackage(p, raw.packages, request));
    return {
      ok: true,
      packages,
      skipped: raw.skipped.map((t) => describeTag(t, request)).map(({ spec, source }) => ({ spec, source })),
      stats: {
        solveMs: raw.solveMs,
        poolSolvables: raw.poolSolvables,
        installCount: packages.length,
        downloadSize: packages.reduce((n, p) => n + p.downloadSize, 0),
        installSize: packages.reduce((n, p) => n + p.installSize, 0),
      },
    };
  }
  if (raw.kind === 'no-match')
    return {
      ok: false,
      kind: 'no-match',
      unmatched: raw.unmatched.map((t) => {
        const { spec, source } = describeTag(t, request);
        return raw.excludedOnly.includes(t) ? { spec, source, excluded: true } : { spec, source };
      }),
    };
  return {
    ok: false,
    kind: 'problems',
    text: raw.text,
    problems: raw.problems.map((p) => mapProblem(p, request)),
    stats: { solveMs: raw.solveMs, poolSolvables: raw.poolSolvables, installCount: 0, downloadSize: 0, installSize: 0 },
  };
}
