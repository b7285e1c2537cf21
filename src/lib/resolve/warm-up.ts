/**
 * Runs the resolver's hot code once on a made-up two-package repository: rpm-md → .solv (resolver.wasm's
 * own reader of the XML the app writes, as the overlay shadow repository is loaded; never rpmmd.wasm,
 * which a start from packs or the cache does not download), .solv → pool, a solve with its result.
 * Chromium compiles WebAssembly functions on their first call and keeps the code with the module,
 * so a warm-up run while the worker waits for the network or IndexedDB takes that compile off the
 * first answer.
 */
import { Resolver } from './resolver.ts';

const PACKAGE = (name: string, requires: string) =>
  `<package type="rpm"><name>${name}</name><arch>noarch</arch><version epoch="0" ver="1" rel="1"/>` +
  `<checksum type="sha256" pkgid="YES">${'0'.repeat(64)}</checksum><summary>${name}</summary><description>${name}</description>` +
  `<size package="1" installed="1" archive="1"/><location href="${name}-1-1.noarch.rpm"/>` +
  `<format><rpm:license>MIT</rpm:license><rpm:provides><rpm:entry name="${name}" flags="EQ" epoch="0" ver="1" rel="1"/></rpm:provides>${requires}</format></package>\n`;

const PRIMARY = new TextEncoder().encode(
  '<?xml version="1.0" encoding="UTF-8"?>\n<metadata xmlns="http://linux.duke.edu/metadata/common" xmlns:rpm="http://linux.duke.edu/metadata/rpm" packages="2">\n' +
    PACKAGE('warm-up-a', '<rpm:requires><rpm:entry name="warm-up-b"/></rpm:requires><rpm:recommends><rpm:entry name="warm-up-b"/></rpm:recommends>') +
    PACKAGE('warm-up-b', '') +
    '</metadata>\n',
);

/** Warms MODULE's code paths in an instance of its own (the caller's pools are not touched); yields between steps so calls waiting on the worker interleave. */
export async function warmUpResolver(module: WebAssembly.Module, arch: string): Promise<void> {
  const resolver = await Resolver.create(module, arch);
  await new Promise((resolve) => setTimeout(resolve, 0));
  const loaded = resolver.loadOwnRpmmd({ id: 'warm-up' }, PRIMARY);
  if (!loaded.ok) throw new Error(`warm-up repository: ${loaded.message}`);
  await new Promise((resolve) => setTimeout(resolve, 0));
  const solved = resolver.solve({ specs: ['warm-up-a'], weakDeps: true });
  if (!solved.ok) throw new Error(`warm-up solve: ${solved.kind}`);
}
