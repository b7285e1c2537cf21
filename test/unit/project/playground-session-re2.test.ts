import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { demoFiles } from './build/demo-support.ts';

let re2Of: () => unknown = () => undefined;

// The setup file loads the RE2 port for every test; a fresh module graph is the worker before anything needed it.
async function freshSession(dbName: string, preloadRe2: boolean) {
  vi.resetModules();
  if (preloadRe2) await (await import('../../../src/lib/re2.ts')).loadRe2();
  const { PlaygroundSession } = await import('../../../src/lib/project/playground-session.ts');
  const { ResolverSession } = await import('../../../src/lib/project/repo-session.ts');
  const { openRepoCache } = await import('../../../src/lib/repo/index.ts');
  const { newResolver, servePublic, APP_BASE } = await import('./build/demo-support.ts');
  const { re2 } = await import('../../../src/lib/re2.ts');
  re2Of = re2;
  const cache = await openRepoCache({ dbName });
  return new PlaygroundSession(new ResolverSession(await newResolver(), { fetch: servePublic, appBaseUrl: APP_BASE, cache }), newResolver, 'x86_64');
}

describe('an image build whose overlays need the RE2 port before it is loaded', () => {
  it('loads the port and reports the same progress as a build with the port at hand', async () => {
    const files = await demoFiles();
    const comp = 'base/comps/openssh/openssh.comp.toml';
    // (?i) and \pL are outside the subset V8 reads alike, so this pattern needs the RE2 port
    files.set(comp, `${files.get(comp)}\n[[components.openssh.overlays]]\ndescription = "needs RE2"\ntype = "spec-search-replace"\nregex = '(?i)\\pL+-no-such-line'\nreplacement = "x"\n`);
    const phasesOf = async (preloadRe2: boolean) => {
      const session = await freshSession(`playground-session-re2-${preloadRe2}`, preloadRe2);
      if (!preloadRe2) expect(() => re2Of()).toThrow(/not loaded/);
      const phases: string[] = [];
      const built = await session.buildImage({ files, image: 'vm-base' }, (p) => phases.push(`${p.phase}${'repoId' in p && p.repoId ? ` ${p.repoId}` : ''}`));
      expect(built.result.ok).toBe(true);
      // the same module graph as the session's: the build needed the port and loaded it
      expect(() => re2Of()).not.toThrow();
      return phases;
    };
    const expected = await phasesOf(true);
    expect(expected.length).toBeGreaterThan(0);
    expect(await phasesOf(false)).toEqual(expected);
  });
});
