import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Resolver } from '../../../src/lib/resolve/resolver.ts';
import type { PackageRecord } from '../../../src/lib/resolve/types.ts';
import { createResolver, readRepoDir, REPODATA, resolverModule, rpmmdModule } from '../../support/wasm.ts';

const CS9 = join(REPODATA, 'centos-stream-9-baseos-2022');
const BASH = join(REPODATA, 'fedora32-el8-closures-bazeldnf/bash-fc32');
const OWN: PackageRecord = {
  nevra: 'own-1-1.noarch', name: 'own', evr: '1-1', arch: 'noarch', repo: 'own', sourceName: 'own', sourcerpm: '', summary: '', description: '', license: '',
  location: 'own.rpm', checksumType: 'sha256', checksum: '0'.repeat(64), downloadSize: 0, installSize: 0,
  provides: [], requires: [], conflicts: [], obsoletes: [], recommends: [], suggests: [], supplements: [], enhances: [], files: [],
};

/** A resolver whose XML module provider counts its calls and fails the first FAILURES of them. */
async function counted(failures = 0): Promise<{ resolver: Resolver; calls: () => number }> {
  let calls = 0;
  const xmlModule = async () => {
    calls++;
    if (calls <= failures) throw new Error('HTTP 404');
    return rpmmdModule();
  };
  return { resolver: await Resolver.create(await resolverModule(), 'x86_64', { xmlModule }), calls: () => calls };
}

describe('the XML module (rpmmd.wasm) in a Resolver', () => {
  it('is not loaded for .solv, solves or the packages the app makes itself, and is loaded once for rpm-md', async () => {
    const parsed = await createResolver();
    expect((await parsed.loadRpmmd({ id: 'bash' }, readRepoDir(BASH))).ok).toBe(true);
    const solv = parsed.solvOf('bash')!;

    const { resolver, calls } = await counted();
    expect(resolver.loadSolv({ id: 'bash' }, solv).ok).toBe(true);
    expect(resolver.loadRecords({ id: 'own' }, [OWN])).toMatchObject({ ok: true, solvables: 1 });
    expect(resolver.solve({ specs: ['bash', 'own'] }).ok).toBe(true);
    expect(calls()).toBe(0);

    const both = await Promise.all([resolver.loadRpmmd({ id: 'cs9' }, readRepoDir(CS9)), resolver.loadRpmmd({ id: 'again' }, readRepoDir(BASH))]);
    expect(both.map((r) => r.ok)).toEqual([true, true]);
    expect((await resolver.loadRpmmd({ id: 'third' }, readRepoDir(BASH))).ok).toBe(true);
    expect(calls()).toBe(1);
  });

  it('failing to load: the XML load says what happened and what to do, the pool keeps working, and the next load tries again', async () => {
    const { resolver, calls } = await counted(1);
    expect(resolver.loadRecords({ id: 'own' }, [OWN]).ok).toBe(true);
    const refused = await resolver.loadRpmmd({ id: 'bash' }, readRepoDir(BASH));
    expect(refused).toEqual({
      ok: false,
      id: 'bash',
      code: 'xml-module-unavailable',
      message:
        "XML metadata can't be parsed: the part of the resolver that reads it (rpmmd.wasm) did not load (HTTP 404). Check the connection and load the repository again; bundled repositories and those already in the browser cache load without it.",
    });
    expect(resolver.loadedRepos.map((r) => r.id)).toEqual(['own']);
    expect(resolver.solve({ specs: ['own'] }).ok).toBe(true);
    expect((await resolver.loadRpmmd({ id: 'bash' }, readRepoDir(BASH))).ok).toBe(true);
    expect(calls()).toBe(2);
  });

  it('without a way to load it, XML is refused with the same code', async () => {
    const resolver = await Resolver.create(await resolverModule());
    expect(await resolver.loadRpmmd({ id: 'bash' }, readRepoDir(BASH))).toMatchObject({ ok: false, code: 'xml-module-unavailable', message: expect.stringContaining('this resolver was made without it') });
  });
});

describe('filelists extend a repository in rpmmd.wasm', () => {
  const request = { specs: ['/usr/lib64/libssl.so.3', '/usr/share/doc/bash'], weakDeps: true };

  it('into the .solv a load with filelists gives, whatever else the pool holds, and with the same answers', async () => {
    const { primary, filelists } = readRepoDir(CS9, true);
    const withFiles = await createResolver();
    expect((await withFiles.loadRpmmd({ id: 'cs9' }, { primary, filelists: filelists! })).ok).toBe(true);

    const plain = await createResolver();
    expect((await plain.loadRpmmd({ id: 'cs9' }, { primary })).ok).toBe(true);
    const warm = plain.solvOf('cs9')!;

    // a warm start: the .solv from the cache, behind another repository, then the filelists
    const crowded = await createResolver();
    expect((await crowded.loadRpmmd({ id: 'bash' }, readRepoDir(BASH))).ok).toBe(true);
    expect(crowded.loadSolv({ id: 'cs9' }, warm).ok).toBe(true);
    expect(await crowded.loadFilelists('cs9', filelists!)).toMatchObject({ ok: true, id: 'cs9', solvables: 1125 });
    expect(Buffer.from(crowded.solvOf('cs9')!).equals(Buffer.from(withFiles.solvOf('cs9')!))).toBe(true);
    expect(crowded.loadedRepos.map((r) => r.id)).toEqual(['bash', 'cs9']);

    const fresh = await createResolver();
    expect(fresh.loadSolv({ id: 'cs9' }, warm).ok).toBe(true);
    expect(fresh.solve(request).ok).toBe(false);
    expect((await fresh.loadFilelists('cs9', filelists!)).ok).toBe(true);
    const answer = fresh.solve(request);
    expect(answer.ok).toBe(true);
    expect(stripTimes(answer)).toEqual(stripTimes(withFiles.solve(request)));
  });

  it('refuses filelists for a repository that is not loaded, and damaged filelists leave the repository as it was', async () => {
    const resolver = await createResolver();
    expect(await resolver.loadFilelists('nope', new Uint8Array())).toMatchObject({ ok: false, code: 'unknown-repo' });
    expect((await resolver.loadRpmmd({ id: 'bash' }, readRepoDir(BASH))).ok).toBe(true);
    const before = resolver.solvOf('bash');
    const damaged = new TextEncoder().encode('<?xml version="1.0"?>\n<filelists packages="1"><package pkgid="x" name="bash"\n');
    expect(await resolver.loadFilelists('bash', damaged)).toMatchObject({ ok: false, code: 'bad-xml' });
    expect(resolver.solvOf('bash')).toBe(before);
    expect(resolver.solve({ specs: ['bash'] }).ok).toBe(true);
  });
});

function stripTimes(result: object): object {
  return JSON.parse(JSON.stringify(result, (key, value: unknown) => (key === 'solveMs' ? 0 : value))) as object;
}
