/**
 * Capability checks of a built image: its declared `capabilities` against the resolved package set,
 * each failure with the chain that pulled the package in (from the config line) and a fix (an
 * exclude, the removal of a config line, or a package to add) that a what-if solve has verified.
 */
import type { ImageEntry, ImageBuildSuccess, ImageResolver } from './build/types.ts';
import type { ExplainResult } from '../resolve/resolver.ts';
import type { ResolveRequest, ResolveResult } from '../resolve/types.ts';
import { decodeTag } from '../resolve/request.ts';
import { requestGroups, type SourceRef } from '../image/request.ts';
import { checkCapabilities, ruleOf, type CapabilityCheck } from '../supply/capabilities.ts';

/** One step of the chain from the request to a package, in libsolv's words. */
export interface ChainStep {
  package: string;
  text: string;
}

/** A line of the project: where an edit goes, or where a package was asked for. */
export interface ConfigLine extends SourceRef {
  /** The spec or group written there. */
  asks: string;
}

/** A change to one file: delete the line (when `remove`), then insert `insert` lines after where it was. */
export interface FileEdit {
  file: string;
  line: number;
  remove: boolean;
  insert: string[];
}

/** A change that makes a check pass, verified by solving the request with it. */
export interface CapabilityFix {
  kind: 'exclude' | 'remove' | 'add';
  /** The package excluded or added, or the spec removed. */
  target: string;
  description: string;
  /** How to make the change in the project files; absent when the description format has no line to edit (TOML package lists). */
  edit?: FileEdit;
  /** Packages of the image after the change. */
  packagesAfter: number;
}

/** One failed check: for a forbidden package, the package and its chain; for a missing one, what could be added. */
export interface CapabilityFinding {
  check: CapabilityCheck;
  /** The offending package (forbid), or null (require). */
  package: string | null;
  chain: ChainStep[];
  /** The config line the chain starts at, when the chain starts at a request entry. */
  root: ConfigLine | null;
  fix: CapabilityFix | null;
  /** Why no fix is offered, when none is. */
  noFix?: string;
}

/** The capability report of one image build. */
export interface CapabilityReport {
  image: string;
  profile: string | null;
  capabilities: Record<string, boolean>;
  checks: CapabilityCheck[];
  findings: CapabilityFinding[];
  /** Declared capabilities no package-level rule covers. */
  unruled: string[];
  passed: boolean;
}

type Solver = Pick<ImageResolver, 'solve'> & { explain(nevra: string): ExplainResult };

function specLine(build: ImageBuildSuccess, spec: string | undefined): ConfigLine | null {
  if (spec === undefined) return null;
  for (const layer of build.request.layers) {
    const entry = layer.specs.find((s) => s.spec === spec);
    if (entry) return { ...entry.origin, asks: entry.spec };
  }
  return null;
}

/**
 * The config line the chain starts at: the job its tag names, or (for libsolv's "best package for
 * job install X" steps, which carry no tag) the spec X.
 */
function rootOf(build: ImageBuildSuccess, chain: readonly { tag?: string; text: string }[]): ConfigLine | null {
  const tag = chain.find((s) => s.tag !== undefined)?.tag;
  const decoded = tag === undefined ? undefined : decodeTag(tag);
  if (!decoded) return specLine(build, /job install (\S+)/.exec(chain[0]?.text ?? '')?.[1]);
  if (decoded.kind === 'spec') return specLine(build, build.resolveRequest.specs[decoded.index]);
  const job = build.resolveRequest.groupPackages?.[decoded.index];
  const group = job ? requestGroups(build.request).find((g) => g.id === job.group) : undefined;
  return group ? { ...group.origin, asks: `@${group.id}` } : null;
}

function names(result: ResolveResult): Set<string> {
  return new Set(result.ok ? result.packages.map((p) => p.name) : []);
}

const nameOf = (nevra: string, build: ImageBuildSuccess): string => build.packages.find((p) => p.nevra === nevra)?.name ?? nevra;

/** The line text at FILE:LINE (1-based), or undefined. */
function lineText(files: ReadonlyMap<string, string>, at: SourceRef): string | undefined {
  return files.get(at.file)?.split('\n')[at.line - 1];
}

function indentOf(text: string | undefined): string {
  return /^\s*/.exec(text ?? '')?.[0] ?? '';
}

/** The edit that excludes, removes or adds a package in a KIWI or kickstart description; undefined for other kinds. */
function editFor(kind: ImageEntry['kind'], files: ReadonlyMap<string, string>, fix: CapabilityFix['kind'], target: string, at: ConfigLine): FileEdit | undefined {
  const text = lineText(files, at);
  if (text === undefined || at.line === 0) return undefined;
  const indent = indentOf(text);
  if (kind === 'kiwi') {
    if (fix === 'remove') return new RegExp(`^\\s*<package\\s+name="${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*/>\\s*$`).test(text) ? { file: at.file, line: at.line, remove: true, insert: [] } : undefined;
    return { file: at.file, line: at.line, remove: false, insert: [`${indent}<${fix === 'exclude' ? 'ignore' : 'package'} name="${target}"/>`] };
  }
  if (kind === 'kickstart') {
    if (fix === 'remove') return text.trim() === target ? { file: at.file, line: at.line, remove: true, insert: [] } : undefined;
    return { file: at.file, line: at.line, remove: false, insert: [`${indent}${fix === 'exclude' ? '-' : ''}${target}`] };
  }
  return undefined;
}

/** FILES with EDIT applied. */
export function applyFileEdit(files: ReadonlyMap<string, string>, edit: FileEdit): Map<string, string> {
  const out = new Map(files);
  const lines = (files.get(edit.file) ?? '').split('\n');
  lines.splice(edit.remove ? edit.line - 1 : edit.line, edit.remove ? 1 : 0, ...edit.insert);
  out.set(edit.file, lines.join('\n'));
  return out;
}

/** The last line a user spec of the description is written on: where a package to add goes. */
function lastSpecLine(build: ImageBuildSuccess): ConfigLine | null {
  for (const layer of [...build.request.layers].reverse()) {
    if (layer.kind !== 'user') continue;
    const spec = [...layer.specs].reverse().find((s) => s.origin.line > 0);
    if (spec) return { ...spec.origin, asks: spec.spec };
  }
  return null;
}

function forbidFix(solver: Solver, build: ImageBuildSuccess, files: ReadonlyMap<string, string>, nevra: string, root: ConfigLine | null): { fix: CapabilityFix | null; noFix?: string } {
  const name = nameOf(nevra, build);
  const base = build.resolveRequest;
  const tried: string[] = [];
  const attempts: { kind: CapabilityFix['kind']; target: string; request: ResolveRequest; description: string; at: ConfigLine | null }[] = [
    { kind: 'exclude', target: name, request: { ...base, excludes: [...new Set([...(base.excludes ?? []), name])].sort() }, description: `exclude ${name}`, at: root },
  ];
  if (root && !root.asks.startsWith('@') && root.asks !== name) {
    attempts.push({ kind: 'remove', target: root.asks, request: { ...base, specs: base.specs.filter((s) => s !== root.asks) }, description: `remove ${root.asks} (${root.file}:${root.line})`, at: root });
  }
  for (const a of attempts) {
    const result = solver.solve(a.request);
    if (!result.ok) {
      tried.push(`${a.description}: ${result.kind === 'problems' ? 'the request becomes unsatisfiable' : result.kind === 'no-match' ? 'a spec then matches nothing' : result.message}`);
      continue;
    }
    if (names(result).has(name)) {
      tried.push(`${a.description}: ${name} is still pulled in`);
      continue;
    }
    const fix: CapabilityFix = { kind: a.kind, target: a.target, description: a.description, packagesAfter: result.packages.length };
    const edit = a.at ? editFor(build.entry.kind, files, a.kind, a.target, a.at) : undefined;
    if (edit) fix.edit = edit;
    return { fix };
  }
  return { fix: null, noFix: `no single change was found: ${tried.join('; ')}` };
}

function requireFix(solver: Solver, build: ImageBuildSuccess, files: ReadonlyMap<string, string>, check: CapabilityCheck, matches: (name: string) => boolean): { fix: CapabilityFix | null; noFix?: string } {
  const tried: string[] = [];
  for (const candidate of check.candidates) {
    const result = solver.solve({ ...build.resolveRequest, specs: [...build.resolveRequest.specs, candidate] });
    if (!result.ok || ![...names(result)].some(matches)) {
      tried.push(`add ${candidate}: ${result.ok ? 'it does not satisfy the rule' : result.kind === 'no-match' ? 'no repository has it' : 'the request becomes unsatisfiable'}`);
      continue;
    }
    const fix: CapabilityFix = { kind: 'add', target: candidate, description: `add ${candidate}`, packagesAfter: result.packages.length };
    const at = lastSpecLine(build);
    const edit = at ? editFor(build.entry.kind, files, 'add', candidate, at) : undefined;
    if (edit) fix.edit = edit;
    return { fix };
  }
  return { fix: null, noFix: tried.length > 0 ? `no candidate works: ${tried.join('; ')}` : 'no package to add is known for this rule' };
}

/**
 * Checks BUILD (the last solve of SOLVER) against CAPABILITIES: explains each forbidden package,
 * tries the fixes with what-if solves, and solves the build's request again at the end so the
 * resolver's last result is the build's once more (the "why" of the image keeps working).
 */
export function checkBuildCapabilities(solver: Solver, build: ImageBuildSuccess, files: ReadonlyMap<string, string>, capabilities: Readonly<Record<string, boolean>>): CapabilityReport {
  const { checks, unruled } = checkCapabilities(capabilities, build.packages);
  const failed = checks.filter((c) => !c.passed);
  // Explain first: every what-if solve replaces the resolver's last result.
  const explained = failed.flatMap((check): { check: CapabilityCheck; nevra: string | null; chain: ChainStep[]; root: ConfigLine | null }[] =>
    check.kind === 'forbid'
      ? check.packages.map((nevra) => {
          const why = solver.explain(nevra);
          const chain = why.ok ? why.value.chain.map((s) => ({ package: s.package, text: s.text })) : [];
          return { check, nevra, chain, root: why.ok ? rootOf(build, why.value.chain) : null };
        })
      : [{ check, nevra: null, chain: [], root: null }],
  );
  const findings: CapabilityFinding[] = explained.map(({ check, nevra, chain, root }) => {
    const matches = ruleOf(check)?.matches ?? (() => false);
    const outcome = nevra ? forbidFix(solver, build, files, nevra, root) : requireFix(solver, build, files, check, matches);
    return { check, package: nevra, chain, root, fix: outcome.fix, ...(outcome.noFix ? { noFix: outcome.noFix } : {}) };
  });
  if (failed.length > 0) solver.solve(build.resolveRequest);
  return {
    image: build.entry.name,
    profile: build.profile,
    capabilities: { ...capabilities },
    checks,
    findings,
    unruled,
    passed: failed.length === 0,
  };
}
