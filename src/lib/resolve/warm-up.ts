/**
 * Runs the resolver's hot code once on a made-up two-package repository: records → .solv (as the
 * overlay shadow repository is loaded; never rpmmd.wasm, which a start from packs or the cache does
 * not download), .solv → pool, a solve with its result.
 * Chromium compiles WebAssembly functions on their first call and keeps the code with the module,
 * so a warm-up run while the worker waits for the network or IndexedDB takes that compile off the
 * first answer.
 */
import { Resolver } from './resolver.ts';
import type { PackageDep, PackageRecord } from './types.ts';

const record = (name: string, requires: PackageDep[], recommends: PackageDep[]): PackageRecord => ({
  nevra: `${name}-1-1.noarch`,
  name,
  evr: '1-1',
  arch: 'noarch',
  repo: 'warm-up',
  sourceName: name,
  sourcerpm: `${name}-1-1.src.rpm`,
  summary: name,
  description: name,
  license: 'MIT',
  location: `${name}-1-1.noarch.rpm`,
  checksumType: 'sha256',
  checksum: '0'.repeat(64),
  downloadSize: 1,
  installSize: 1,
  provides: [{ name, flags: 'EQ', evr: '1-1' }],
  requires,
  conflicts: [],
  obsoletes: [],
  recommends,
  suggests: [],
  supplements: [],
  enhances: [],
  files: [`/usr/share/${name}/README`],
});

const PACKAGES = [record('warm-up-a', [{ name: 'warm-up-b' }], [{ name: 'warm-up-b' }]), record('warm-up-b', [], [])];

/** Warms MODULE's code paths in an instance of its own (the caller's pools are not touched); yields between steps so calls waiting on the worker interleave. */
export async function warmUpResolver(module: WebAssembly.Module, arch: string): Promise<void> {
  const resolver = await Resolver.create(module, arch);
  await new Promise((resolve) => setTimeout(resolve, 0));
  const loaded = resolver.loadRecords({ id: 'warm-up' }, PACKAGES);
  if (!loaded.ok) throw new Error(`warm-up repository: ${loaded.message}`);
  await new Promise((resolve) => setTimeout(resolve, 0));
  const solved = resolver.solve({ specs: ['warm-up-a'], weakDeps: true });
  if (!solved.ok) throw new Error(`warm-up solve: ${solved.kind}`);
}
