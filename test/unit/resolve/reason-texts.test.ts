import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { ResolverEngine } from '../../../src/lib/resolve/engine.ts';
import { Resolver } from '../../../src/lib/resolve/resolver.ts';
import { REPODATA, resolverWith } from '../../support/wasm.ts';

// The glue writes each install's reason sentence from the rule info it already looked up, instead
// of asking solver_decisionreason2str (which derives a package rule's info again);
// azl_check_reason_texts makes every install's sentence both ways.
function checkReasonTexts(resolver: Resolver): { checked: number; mismatches: number } {
  const engine = (resolver as unknown as { engine: ResolverEngine }).engine;
  return engine.callJson<{ ok: true; checked: number; mismatches: number }>('azl_check_reason_texts', []);
}

describe('reason sentences', () => {
  test('equal libsolv’s own for every install of large CentOS Stream 9 solves, with and without weak dependencies', async () => {
    const resolver = await resolverWith([join(REPODATA, 'centos-stream-9-appstream-2025'), join(REPODATA, 'centos-stream-9-baseos-2022')]);
    for (const weakDeps of [true, false]) {
      const result = resolver.solve({ specs: ['httpd', 'git', 'cockpit', 'NetworkManager', 'vim-enhanced', 'podman'], weakDeps });
      if (!result.ok) throw new Error(JSON.stringify(result).slice(0, 400));
      const kinds = new Set(result.packages.map((p) => p.reason.kind));
      expect([...kinds].sort()).toEqual(weakDeps ? ['dependency', 'unknown', 'user', 'weak-dependency'] : ['dependency', 'unknown', 'user']);
      // every install, plus the system solvable libsolv decides first
      expect(checkReasonTexts(resolver)).toEqual({ ok: true, checked: result.packages.length + 1, mismatches: 0 });
    }
  });

  test('are left out of the result where the app joins them from "by" and "dep", and the joined ones are libsolv’s words', async () => {
    const resolver = await resolverWith([join(REPODATA, 'centos-stream-9-appstream-2025'), join(REPODATA, 'centos-stream-9-baseos-2022')]);
    const engine = (resolver as unknown as { engine: ResolverEngine }).engine;
    const replies: string[] = [];
    const call = engine.call.bind(engine);
    engine.call = ((...args: Parameters<typeof call>) => {
      const reply = call(...args);
      if (args[0] === 'azl_solve') replies.push(reply.text);
      return reply;
    }) as typeof engine.call;
    const result = resolver.solve({ specs: ['httpd', 'git', 'cockpit', 'NetworkManager', 'vim-enhanced', 'podman'], weakDeps: true });
    if (!result.ok) throw new Error(JSON.stringify(result).slice(0, 400));
    const raw = (JSON.parse(replies[0] ?? '{}') as { packages: { reason: { kind: string; text?: string } }[] }).packages;
    const joined = raw.filter((p) => p.reason.text === undefined);
    expect(joined.length).toBeGreaterThan(raw.length * 0.8);
    expect(new Set(joined.map((p) => p.reason.kind))).toEqual(new Set(['requires', 'recommends']));
    for (const p of result.packages) {
      if (p.reason.kind === 'dependency') expect(p.reason.text).toBe(`${p.reason.by} requires ${p.reason.requirement}`);
      if (p.reason.kind === 'weak-dependency' && p.reason.weakKind === 'recommends') expect(p.reason.text).toBe(`${p.reason.by} recommends ${p.reason.requirement}`);
    }
    // and each of those sentences, joined as the app joins it, is the one libsolv makes
    expect(checkReasonTexts(resolver)).toMatchObject({ ok: true, mismatches: 0 });
  });
});
