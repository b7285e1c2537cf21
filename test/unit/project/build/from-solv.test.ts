import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { IMAGE_EXPORT_FORMATS, loadedReposFromSession, type ImageBuildResult, type ImageBuildSuccess, type LoadedRepo } from '../../../../src/lib/project/build/index.ts';
import { openRepoCache } from '../../../../src/lib/repo/index.ts';
import type { Resolver } from '../../../../src/lib/resolve/resolver.ts';
import { ResolverSession } from '../../../../src/lib/project/repo-session.ts';
import { ROOT } from '../../../support/wasm.ts';
import { APP_BASE, BUNDLE_ID, buildFromFiles, bundledRepo, demoFiles, exportFromFiles, newResolver, servePublic } from './demo-support.ts';

const GOLDEN = join(ROOT, 'test/unit/project/build/golden');

let files: Map<string, string>;
let rpmmd: LoadedRepo;
let solv: LoadedRepo;

beforeAll(async () => {
  files = await demoFiles();
  rpmmd = await bundledRepo();
  if (rpmmd.content.kind !== 'rpmmd') throw new Error('the bundled repository should come as rpm-md');
  const r = await newResolver();
  expect(await r.loadRpmmd({ id: 'x' }, { primary: rpmmd.content.primary })).toMatchObject({ ok: true });
  solv = { ...rpmmd, content: { kind: 'solv', solv: r.solvOf('x') as Uint8Array } };
});

function success(result: ImageBuildResult): ImageBuildSuccess {
  if (!result.ok) throw new Error(`build failed: ${JSON.stringify(result).slice(0, 600)}`);
  return result;
}

describe('an image built from .solv content', () => {
  it('equals the rpm-md build in every format when no overlay applies', async () => {
    for (const format of IMAGE_EXPORT_FORMATS) {
      const fromXml = await exportFromFiles(await newResolver(), { files, image: 'vm-base', repos: [rpmmd], overlays: false }, { format });
      const fromSolv = await exportFromFiles(await newResolver(), { files, image: 'vm-base', repos: [solv], overlays: false }, { format });
      expect(fromXml.text, format).not.toBeNull();
      expect(fromSolv.text, format).toBe(fromXml.text);
    }
  });

  it('with overlays, equals the rpm-md build and the golden files byte for byte, manifest included', async () => {
    for (const format of ['manifest', 'spdx', 'nevra', 'kickstart', 'kiwi', 'transaction'] as const) {
      const fromXml = await exportFromFiles(await newResolver(), { files, image: 'vm-base', repos: [rpmmd] }, { format });
      const fromSolv = await exportFromFiles(await newResolver(), { files, image: 'vm-base', repos: [solv] }, { format });
      expect(fromSolv.text, format).toBe(fromXml.text);
    }
    const golden = readFileSync(join(GOLDEN, 'vm-base.manifest.json'), 'utf8');
    const fromSolv = await exportFromFiles(await newResolver(), { files, image: 'vm-base', repos: [solv] }, { format: 'manifest' });
    // shadow packages take their files from libsolv's records in both cases, so the shadow
    // repository (and the checksum the manifest gives it) is the same for a cold and a warm start
    expect(fromSolv.text).toBe(golden);
  });

  it('gives shadow packages the upstream file list, so file dependencies resolve against them', async () => {
    const resolver = await newResolver();
    success(await buildFromFiles(resolver, { files, image: 'vm-base', repos: [solv] }));
    const solved = resolver.solve({ specs: ['/usr/sbin/sshd'] });
    expect(solved.ok && solved.packages.find((p) => p.name === 'openssh-server')).toMatchObject({ repo: 'overlays', nevra: 'openssh-server-8.7p1-7.el9.x86_64' });
  });

  it('re-loads a .solv repository only when its bytes change', async () => {
    const resolver: Resolver = await newResolver();
    const loadSolv = vi.spyOn(resolver, 'loadSolv');
    success(await buildFromFiles(resolver, { files, image: 'toolbox', repos: [solv], overlays: false }));
    success(await buildFromFiles(resolver, { files, image: 'toolbox', repos: [{ ...solv }], overlays: false }));
    expect(loadSolv).toHaveBeenCalledTimes(1);
    const copy: LoadedRepo = { ...solv, content: { kind: 'solv', solv: new Uint8Array((solv.content as { solv: Uint8Array }).solv) } };
    success(await buildFromFiles(resolver, { files, image: 'toolbox', repos: [copy], overlays: false }));
    expect(loadSolv).toHaveBeenCalledTimes(2);
  });
});

describe('the browser path: a warm ResolverSession', () => {
  it('builds vm-base from the cached .solv with the golden package set', async () => {
    const cache = await openRepoCache();
    const cold = new ResolverSession(await newResolver(), { fetch: servePublic, appBaseUrl: APP_BASE, cache });
    expect((await cold.addRepo({ kind: 'bundle', id: BUNDLE_ID })).ok).toBe(true);
    const warm = new ResolverSession(await newResolver(), { fetch: () => Promise.reject(new Error('a warm start fetches nothing')), appBaseUrl: APP_BASE, cache });
    const added = await warm.addRepo({ kind: 'bundle', id: BUNDLE_ID });
    expect(added.ok && added.value.fromCache).toBe(true);

    const repos = loadedReposFromSession(warm);
    expect(repos.map((r) => [r.id, r.content.kind, r.info.identity])).toEqual([[BUNDLE_ID, 'solv', `bundle:${BUNDLE_ID}`]]);
    const imageResolver = await newResolver();
    for (const [format, file] of [['manifest', 'vm-base.manifest.json'], ['spdx', 'vm-base.spdx.json'], ['nevra', 'vm-base.nevra.txt'], ['kickstart', 'vm-base.ks'], ['kiwi', 'vm-base.kiwi.xml']] as const) {
      const out = await exportFromFiles(imageResolver, { files, image: 'vm-base', repos }, { format });
      expect(out.text, format).toBe(readFileSync(join(GOLDEN, file), 'utf8'));
    }
    expect(warm.stats().xmlParses).toBe(0);
  });
});
