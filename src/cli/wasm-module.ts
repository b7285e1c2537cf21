/** Node side of the resolver module: reads wasm/dist, checks its manifest, compiles it once. */
import { existsSync, readFileSync } from 'node:fs';
import { EXPECTED_ABI_VERSION } from '../lib/resolve/abi.ts';
import { projectPath } from './paths.ts';

const dist = projectPath('wasm/dist/');
let compiled: Promise<WebAssembly.Module> | undefined;

/** The built resolver module, or an error saying how to build it. */
export function loadResolverModule(): Promise<WebAssembly.Module> {
  compiled ??= (async () => {
    const wasm = `${dist}resolver.wasm`;
    const manifest = `${dist}manifest.json`;
    if (!existsSync(wasm) || !existsSync(manifest)) throw new Error(`the resolver module is not built (${wasm}): run npm run build:wasm`);
    const facts = JSON.parse(readFileSync(manifest, 'utf8')) as { abiVersion: number };
    if (facts.abiVersion !== EXPECTED_ABI_VERSION)
      throw new Error(`wasm/dist was built for ABI ${facts.abiVersion}, this code expects ${EXPECTED_ABI_VERSION}: run npm run build:wasm`);
    return WebAssembly.compile(readFileSync(wasm));
  })();
  return compiled;
}
