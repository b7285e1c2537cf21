/** The wasm modules' ABI version this code speaks (resolver.wasm and rpmmd.wasm share it), and the error for a mismatched build. */

/** Must equal AZL_ABI_VERSION in wasm/src/abi.h. */
export const EXPECTED_ABI_VERSION = 4;

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
