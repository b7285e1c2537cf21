/* The contract between wasm/src (exports, request lines, result JSON) and src/lib/resolve.
 * Bump AZL_ABI_VERSION on any incompatible change; the app refuses a module with another one. */
#ifndef AZL_ABI_H
#define AZL_ABI_H

#define AZL_ABI_VERSION 4

#endif
