/** "What if this package were excluded": the same request solved again with one more exclude, as a delta or the problem it makes. */
import type { Resolver } from '../resolve/resolver.ts';
import type { ResolvedPackage, ResolveRequest, ResolveResult } from '../resolve/types.ts';
import { packageDelta, type PackageDelta } from './package-delta.ts';

/** The answer to "what if NAME were excluded". */
export type WhatIfOutcome = { ok: true; name: string; delta: PackageDelta } | (Exclude<ResolveResult, { ok: true }> & { name?: string });

/**
 * Solves REQUEST with NAME excluded on RESOLVER and compares with PACKAGES (REQUEST's answer), then
 * solves REQUEST again so the resolver's last result (what "why" explains) is the one on screen.
 */
export function whatIfExcluded(resolver: Pick<Resolver, 'solve'>, request: ResolveRequest, packages: readonly ResolvedPackage[], name: string): WhatIfOutcome {
  const tried = resolver.solve({ ...request, excludes: [...(request.excludes ?? []), name] });
  resolver.solve(request);
  if (!tried.ok) return { ...tried, name };
  return { ok: true, name, delta: packageDelta(packages, tried.packages) };
}
