import 'fake-indexeddb/auto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ResolverSession } from '../../../src/lib/project/repo-session.ts';
import { openRepoCache, type LocalFile } from '../../../src/lib/repo/index.ts';
import { inThreadConverter, type OpenPartConverters } from '../../../src/lib/resolve/parts.ts';
import { Resolver } from '../../../src/lib/resolve/resolver.ts';
import { REPODATA, resolverModule } from '../../support/wasm.ts';

const DEB = join(REPODATA, 'debian-bookworm-as-rpmmd');

function localFiles(dir: string, damage?: (name: string, data: Uint8Array) => Uint8Array): LocalFile[] {
  return readdirSync(join(dir, 'repodata')).map((name) => {
    const data = new Uint8Array(readFileSync(join(dir, 'repodata', name)));
    return { path: `repodata/${name}`, data: damage ? damage(name, data) : data };
  });
}

/** Two converters in this thread that count the parts they are given. */
async function countingConverters(): Promise<{ open: OpenPartConverters; parts: () => number }> {
  const module = await resolverModule();
  let parts = 0;
  const counted = () => {
    const inner = inThreadConverter(module);
    return { convert: (part: Uint8Array) => (parts++, inner.convert(part)) };
  };
  return { open: () => ({ converters: [counted(), counted()], close: () => undefined }), parts: () => parts };
}

describe('a session with parse workers', () => {
  it('loads the Debian fixture in parts into the same .solv as one parse', { timeout: 240_000 }, async () => {
    const { open, parts } = await countingConverters();
    const module = await resolverModule();
    const split = new ResolverSession(await Resolver.create(module), { fetch, cache: await openRepoCache({ dbName: 'parts-split' }), openPartConverters: open });
    const whole = new ResolverSession(await Resolver.create(module), { fetch, cache: await openRepoCache({ dbName: 'parts-whole' }) });
    const a = await split.addRepo({ kind: 'local', files: localFiles(DEB), label: 'deb' }, { repoId: 'deb' });
    const b = await whole.addRepo({ kind: 'local', files: localFiles(DEB), label: 'deb' }, { repoId: 'deb' });
    expect(a.ok && a.value.solvables).toBe(63440);
    expect(parts()).toBeGreaterThan(20);
    expect(b.ok && b.value.solvables).toBe(63440);
    expect(Buffer.from(split.repoContent('deb')!.solv).equals(Buffer.from(whole.repoContent('deb')!.solv))).toBe(true);
  });

  it('still refuses a primary.xml.gz whose sha256 does not match, before any part is parsed', async () => {
    const { open, parts } = await countingConverters();
    const session = new ResolverSession(await Resolver.create(await resolverModule()), { fetch, cache: await openRepoCache({ dbName: 'parts-mismatch' }), openPartConverters: open });
    const flipped = localFiles(DEB, (name, data) => {
      if (!name.endsWith('primary.xml.gz')) return data;
      const copy = data.slice();
      copy[7000] = copy[7000]! ^ 0xff;
      return copy;
    });
    const added = await session.addRepo({ kind: 'local', files: flipped, label: 'deb' }, { repoId: 'deb' });
    expect(added.ok).toBe(false);
    if (!added.ok) expect(added.error).toMatchObject({ code: 'repo/checksum-mismatch', message: expect.stringMatching(/primary\.xml\.gz: sha256 .* repomd\.xml says/) });
    expect(parts()).toBe(0);
    expect(session.listRepos()).toEqual([]);
  });
});
