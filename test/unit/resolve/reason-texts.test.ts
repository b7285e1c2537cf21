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
});
