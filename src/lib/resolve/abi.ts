/** The resolver module's ABI version this code speaks, and the error for a mismatched build. */

/** Must equal AZL_ABI_VERSION in wasm/src/abi.h. */
export const EXPECTED_ABI_VERSION = 3;

/** The resolver .wasm was built from other glue sources than this app expects. */
export class ResolverAbiError extends Error {
  constructor(readonly found: number) {
    super(
      `resolver.wasm speaks ABI version ${found}, but this build of the playground expects ${EXPECTED_ABI_VERSION}. ` +
        'Rebuild the module with `npm run build:wasm` (and reload).',
    );
    this.name = 'ResolverAbiError';
  }
}
