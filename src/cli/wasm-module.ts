/** Node side of the wasm modules: reads wasm/dist, checks its manifest, compiles each module once. */
import { existsSync, readFileSync } from 'node:fs';
import { oncePerKeyUnlessFailed } from '../lib/async/once.ts';
import { EXPECTED_ABI_VERSION } from '../lib/resolve/abi.ts';
import { Resolver } from '../lib/resolve/resolver.ts';
import { projectPath } from './paths.ts';

const dist = projectPath('wasm/dist/');

/** The built module FILE (resolver.wasm, rpmmd.wasm), or an error saying how to build it; a failure is not kept. */
const loadModule = oncePerKeyUnlessFailed(async (file: string): Promise<WebAssembly.Module> => {
  const wasm = `${dist}${file}`;
  const manifest = `${dist}manifest.json`;
  if (!existsSync(wasm) || !existsSync(manifest)) throw new Error(`the ${file} module is not built (${wasm}): run npm run build:wasm`);
  const facts = JSON.parse(readFileSync(manifest, 'utf8')) as { abiVersion: number };
  if (facts.abiVersion !== EXPECTED_ABI_VERSION)
    throw new Error(`wasm/dist was built for ABI ${facts.abiVersion}, this code expects ${EXPECTED_ABI_VERSION}: run npm run build:wasm`);
  return WebAssembly.compile(readFileSync(wasm));
});

/** The built resolver module, or an error saying how to build it. */
export function loadResolverModule(): Promise<WebAssembly.Module> {
  return loadModule('resolver.wasm');
}

/** The built XML module (rpm-md → .solv), compiled on the first XML load. */
export function loadRpmmdModule(): Promise<WebAssembly.Module> {
  return loadModule('rpmmd.wasm');
}

/** A resolver for ARCH over the built modules, the XML one compiled only if a command parses XML. */
export async function createCliResolver(arch = 'x86_64'): Promise<Resolver> {
  return Resolver.create(await loadResolverModule(), arch, { xmlModule: loadRpmmdModule });
}
