/** The shortest chain from what the request asked for to one package of a resolved set, over "required by" edges. */
import type { ResolvedPackage } from '../resolve/types.ts';
import { askedSpecOf } from './package-rows.ts';

/** One hop of the chain: a package and what the previous hop needed of it. */
export interface WhyHop {
  nevra: string;
  name: string;
  /** What the package before it requires (or recommends) that this one provides; absent for the first hop. */
  requirement?: string;
  /** How the first hop got in: the spec or group that asked. */
  askedBy?: { kind: 'spec'; spec: string } | { kind: 'group'; group: string };
}

/**
 * The shortest chain from a package the request asked for (a spec or a group member) to NEVRA,
 * following `requiredBy`; each hop says the requirement when libsolv's reason names it. Undefined
 * when NEVRA is not in PACKAGES.
 */
export function whyChain(packages: readonly ResolvedPackage[], nevra: string): WhyHop[] | undefined {
  const byNevra = new Map(packages.map((p) => [p.nevra, p]));
  const target = byNevra.get(nevra);
  if (!target) return undefined;
  const isRoot = (p: ResolvedPackage) => p.reason.kind === 'group' || askedSpecOf(p.reason) !== undefined;
  // Breadth-first from the target towards the roots: the first root reached is the nearest one.
  const previous = new Map<string, string | null>([[nevra, null]]);
  const queue = [nevra];
  let root: string | undefined = isRoot(target) ? nevra : undefined;
  while (!root && queue.length) {
    const current = byNevra.get(queue.shift() as string) as ResolvedPackage;
    // libsolv's own reason first, so the chain follows its decision when it is as short
    const by = current.reason.kind === 'dependency' || current.reason.kind === 'weak-dependency' ? [current.reason.by] : [];
    for (const parent of [...by, ...current.requiredBy]) {
      if (previous.has(parent) || !byNevra.has(parent)) continue;
      previous.set(parent, current.nevra);
      if (isRoot(byNevra.get(parent) as ResolvedPackage)) {
        root = parent;
        break;
      }
      queue.push(parent);
    }
  }
  const start = root ?? nevra;
  const hops: WhyHop[] = [];
  for (let at: string | null | undefined = start; at; at = previous.get(at)) {
    const p = byNevra.get(at) as ResolvedPackage;
    const hop: WhyHop = { nevra: p.nevra, name: p.name };
    const before = hops.at(-1);
    const r = p.reason;
    if (before && (r.kind === 'dependency' || r.kind === 'weak-dependency') && r.by === before.nevra) hop.requirement = `${r.kind === 'weak-dependency' ? `${r.weakKind} ` : ''}${r.requirement}`;
    if (!before) {
      const spec = askedSpecOf(r);
      if (spec) hop.askedBy = { kind: 'spec', spec };
      else if (r.kind === 'group') hop.askedBy = { kind: 'group', group: r.group };
    }
    hops.push(hop);
  }
  return hops;
}
