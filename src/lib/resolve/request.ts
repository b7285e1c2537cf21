/** Turning a ResolveRequest into the glue's request lines, with tags that map results back to it. */
import type { ResolveRequest } from './types.ts';

/** dnf5's default installonlypkgs (libdnf5 conf/const.hpp): never replaced, only added beside. */
export const INSTALLONLY_PROVIDES = [
  'kernel',
  'kernel-PAE',
  'installonlypkg(kernel)',
  'installonlypkg(kernel-module)',
  'installonlypkg(vm)',
  'multiversion(kernel)',
];

/** What a request line's tag refers to. */
export type RequestTag = { kind: 'spec'; index: number } | { kind: 'group'; index: number };

/** Encodes a tag as it travels through the glue. */
export function encodeTag(tag: RequestTag): string {
  return `${tag.kind === 'spec' ? 's' : 'g'}:${tag.index}`;
}

/** Decodes a tag from the glue; undefined for internal jobs (installonly). */
export function decodeTag(text: string): RequestTag | undefined {
  const m = /^([sg]):(\d+)$/.exec(text);
  if (!m) return undefined;
  return { kind: m[1] === 's' ? 'spec' : 'group', index: Number(m[2]) };
}

/** A request the glue cannot take, with the reason. */
export interface RequestProblem {
  message: string;
}

/** Validates REQUEST and writes it as glue request lines, or says why it cannot. */
export function buildRequestLines(request: ResolveRequest): { lines: string } | { problem: RequestProblem } {
  const specs = request.specs.map((s) => s.trim());
  const groups = request.groupPackages ?? [];
  if (specs.length === 0 && groups.length === 0)
    return { problem: { message: 'the request is empty: give at least one package spec or group' } };
  const bad = (text: string) => text === '' || /[\t\n\r]/.test(text);
  const emptyAt = specs.findIndex(bad);
  if (emptyAt >= 0) return { problem: { message: `spec ${emptyAt + 1} is empty or contains a tab or line break` } };
  for (const g of groups)
    if (bad(g.name) || bad(g.group) || (g.requires !== undefined && bad(g.requires)))
      return { problem: { message: `group ${g.group}: member '${g.name}' is empty or contains a tab or line break` } };
  for (const x of request.excludes ?? [])
    if (bad(x.trim())) return { problem: { message: `exclude '${x}' is empty or contains a tab or line break` } };

  const lines: string[] = [
    `option\tweak\t${request.weakDeps === false ? 0 : 1}`,
    `option\tbest\t${request.best === false ? 0 : 1}`,
    `option\tmultilib\t${request.multilib ? 1 : 0}`,
  ];
  for (const x of request.excludes ?? []) lines.push(`exclude\t${x.trim()}`);
  for (const p of INSTALLONLY_PROVIDES) lines.push(`installonly\t${p}`);
  specs.forEach((spec, index) => lines.push(`install\t${encodeTag({ kind: 'spec', index })}\t${spec}`));
  groups.forEach((g, index) => {
    const tag = encodeTag({ kind: 'group', index });
    lines.push(`group\t${tag}\t${g.name}\t${g.type}${g.type === 'conditional' && g.requires ? `\t${g.requires}` : ''}`);
  });
  return { lines: lines.join('\n') + '\n' };
}
