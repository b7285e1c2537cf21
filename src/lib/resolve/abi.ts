/** The wasm modules' ABI version this code speaks (resolver.wasm and rpmmd.wasm share it), and the error for a mismatched build. */

/** Must equal AZL_ABI_VERSION in wasm/src/abi.h. */
export const EXPECTED_ABI_VERSION = 4;

/**
 * The resolver ABIs whose metadata packs this build reads (pack.json records the ABI that made a
 * pack). ABI 4 moved XML reading into rpmmd.wasm without changing a byte of the .solv a pack holds,
 * so packs made at ABI 3, hosted by documentation pages, keep working.
 */
export const PACK_READABLE_ABI_VERSIONS: readonly number[] = [3, 4];

/** A module (resolver.wasm, rpmmd.wasm) was built from other glue sources than this app expects. */
export class ResolverAbiError extends Error {
  constructor(
    readonly found: number,
    file = 'resolver.wasm',
  ) {
    super(
      `${file} speaks ABI version ${found}, but this build of the playground expects ${EXPECTED_ABI_VERSION}. ` +
        'Rebuild the module with `npm run build:wasm` (and reload).',
    );
    this.name = 'ResolverAbiError';
  }
}
