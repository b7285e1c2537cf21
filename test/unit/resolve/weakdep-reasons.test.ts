import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { ResolverEngine } from '../../../src/lib/resolve/engine.ts';
import { Resolver } from '../../../src/lib/resolve/resolver.ts';
import { REPODATA, resolverWith, createResolver } from '../../support/wasm.ts';

// The glue answers "which package recommended this?" from one index of the installed packages
// instead of libsolv's pool-wide scan per package; azl_check_weakdeps asks both for every
// weak-dependency install of the last solve.
function checkWeakdeps(resolver: Resolver): { checked: number; mismatches: number } {
  const engine = (resolver as unknown as { engine: ResolverEngine }).engine;
  return engine.callJson<{ ok: true; checked: number; mismatches: number }>('azl_check_weakdeps', []);
}

const enc = new TextEncoder();
const primaryOf = (packages: string) =>
  enc.encode(`<?xml version="1.0" encoding="UTF-8"?>\n<metadata xmlns="http://linux.duke.edu/metadata/common" xmlns:rpm="http://linux.duke.edu/metadata/rpm" packages="9">\n${packages}</metadata>\n`);
const pkg = (name: string, format = '') =>
  `<package type="rpm"><name>${name}</name><arch>noarch</arch><version epoch="0" ver="1" rel="1"/><format>${format}</format></package>\n`;
const entries = (tag: string, names: string[]) => `<rpm:${tag}>${names.map((n) => `<rpm:entry name="${n}"/>`).join('')}</rpm:${tag}>`;

describe('weak-dependency reasons', () => {
  test('equal libsolv’s own answer for every weak install of a large CentOS Stream 9 solve', async () => {
    const resolver = await resolverWith([join(REPODATA, 'centos-stream-9-appstream-2025'), join(REPODATA, 'centos-stream-9-baseos-2022')]);
    const result = resolver.solve({ specs: ['httpd', 'git', 'cockpit', 'NetworkManager', 'vim-enhanced', 'podman'] });
    if (!result.ok) throw new Error(JSON.stringify(result).slice(0, 400));
    const weak = result.packages.filter((p) => p.reason.kind === 'weak-dependency');
    expect(weak.length).toBeGreaterThan(10);
    expect(checkWeakdeps(resolver)).toEqual({ ok: true, checked: weak.length, mismatches: 0 });
  });

  test('pick the first recommender by id, skip recommends an installed provider already meets, and leave supplements to libsolv', async () => {
    const resolver = await createResolver();
    await resolver.loadRpmmd(
      { id: 'r' },
      {
        primary: primaryOf(
          pkg('app', entries('requires', ['lib', 'tool']) + entries('recommends', ['extra', 'either'])) +
            pkg('lib', entries('recommends', ['extra'])) +
            pkg('tool', entries('provides', ['either'])) +
            pkg('extra') +
            pkg('either-alt', entries('provides', ['either'])) +
            pkg('langpack', entries('supplements', ['app'])),
        ),
      },
    );
    const result = resolver.solve({ specs: ['app'] });
    if (!result.ok) throw new Error(JSON.stringify(result));
    const reasons = Object.fromEntries(result.packages.map((p) => [p.name, p.reason]));
    expect(reasons.extra).toMatchObject({ kind: 'weak-dependency', weakKind: 'recommends' });
    expect(reasons.langpack).toMatchObject({ kind: 'weak-dependency', weakKind: 'supplements', by: 'app-1-1.noarch' });
    expect(result.packages.map((p) => p.name)).not.toContain('either-alt');
    expect(checkWeakdeps(resolver)).toEqual({ ok: true, checked: 2, mismatches: 0 });
  });
});
