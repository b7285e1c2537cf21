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
  /** libsolv's sentence; left out when it is "<by> requires <dep>" or "<by> recommends <dep>" (plainSentence). */
  text?: string;
}

/** The sentence the glue leaves out: libsolv's for a package another requires or recommends. */
function plainSentence(raw: RawReason): string {
  if (raw.kind !== 'requires' && raw.kind !== 'recommends') throw new Error(`the result left out the sentence of a ${raw.kind} reason`);
  return `${raw.by ?? ''} ${raw.kind} ${raw.dep ?? ''}`;
}

/** What a result says of a package that stays the same while the pool does (left out when the caller keeps it). */
interface RawDetails {
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
}

/** An installed package: its solvable id, why, who requires it, and its details unless they were sent before. */
type RawPackage = { id: number; reason: RawReason; requiredBy: number[] } & (RawDetails | { nevra?: undefined });

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
  | { ok: true; solveMs: number; poolSolvables: number; detailsGeneration: number; skipped: string[]; packages: RawPackage[] }
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
  const text = raw.text ?? plainSentence(raw);
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

function mapPackage(raw: RawPackage, details: RawDetails, all: readonly RawDetails[], request: ResolveRequest): ResolvedPackage {
  const evr = splitEvr(details.evr);
  // Written out rather than spread: V8 copies spread properties on a slow path, and this runs per package.
  return {
    epoch: Number(evr.epoch),
    version: evr.version,
    release: evr.release ?? '',
    name: details.name,
    arch: details.arch,
    nevra: details.nevra,
    repo: details.repo,
    summary: details.summary,
    license: details.license,
    sourcerpm: details.sourcerpm,
    location: details.location,
    checksum: { type: details.checksumType, value: details.checksum },
    downloadSize: details.downloadSize,
    installSize: details.installSize,
    reason: mapReason(raw.reason, request),
    requiredBy: raw.requiredBy.map((i) => all[i]!.nevra),
  };
}

function detailsIn(p: RawPackage): RawDetails {
  if (p.nevra === undefined) throw new Error(`the result left out the details of solvable ${p.id} and none were given`);
  return p;
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

/**
 * The details of the packages one resolver instance sent, kept for one details generation (the
 * glue starts a new one whenever the pool's solvables change), so that later results of the same
 * pool can leave them out: a large result is then mostly reasons.
 */
export class PackageDetailsCache {
  private generation = 0;
  private readonly byId = new Map<number, RawDetails>();

  /** The generation to tell the glue (`option known`): the one these details are of, 0 for none. */
  get known(): number {
    return this.generation;
  }

  /**
   * The details of each of RAW's packages, in order, keeping the ones it brings; undefined when one
   * it left out is not here (another caller of the same instance was sent it), and the caller asks
   * again with nothing known.
   */
  detailsOf(raw: Extract<RawSolveResult, { ok: true }>): RawDetails[] | undefined {
    if (raw.detailsGeneration !== this.generation) {
      this.byId.clear();
      this.generation = raw.detailsGeneration;
    }
    const details: RawDetails[] = [];
    for (const p of raw.packages) {
      // a package's own object serves as its details; mapping reads only those fields from it
      if (p.nevra !== undefined) this.byId.set(p.id, p);
      const found = p.nevra !== undefined ? p : this.byId.get(p.id);
      if (!found) return undefined;
      details.push(found);
    }
    return details;
  }

  /** Forgets everything (a new instance numbers its generations afresh). */
  clear(): void {
    this.byId.clear();
    this.generation = 0;
  }
}

/** Maps the glue's JSON to the public ResolveResult for REQUEST; DETAILS are those of raw's packages, in order (they carry their own unless some were left out). */
export function mapSolveResult(raw: RawSolveResult, request: ResolveRequest, details?: readonly RawDetails[]): ResolveResult {
  if (raw.ok) {
    const all = details ?? raw.packages.map((p) => detailsIn(p));
    const packages = raw.packages.map((p, i) => mapPackage(p, all[i]!, all, request));
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
