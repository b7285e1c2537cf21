/** How a Resolver fails beyond its inputs (a trapped instance, running out of memory, a missing XML module), and what to tell the user. */
import type { WasmOutOfMemoryError } from './engine.ts';

/** The resolver instance trapped; it has been rebuilt and its repositories reloaded. */
export class ResolverCrashError extends Error {
  constructor(cause: unknown) {
    super(`the resolver crashed (${cause instanceof Error ? cause.message : String(cause)}); it was restarted with the same repositories`);
    this.name = 'ResolverCrashError';
  }
}

/** The instance ran out of memory; it has been rebuilt with the repositories it held before. */
export class ResolverOutOfMemoryError extends ResolverCrashError {
  constructor(cause: WasmOutOfMemoryError) {
    super(cause);
    this.name = 'ResolverOutOfMemoryError';
    this.message = `${cause.message}; it was restarted with the repositories loaded before`;
  }
}

/** What to tell the user when the resolver ran out of memory. */
export const OUT_OF_MEMORY_HINT =
  'Load fewer or smaller repositories (filelists are the largest part), close other heavy tabs, or use the command line (npm run cli), which is not bound by the browser tab; the repositories loaded before are still there.';

/** The load code of a repository whose XML could not be parsed because rpmmd.wasm did not load. */
export const XML_MODULE_UNAVAILABLE = 'xml-module-unavailable';

/** What happened when rpmmd.wasm, the module that parses rpm-md XML, could not be loaded (DETAIL: why). */
export function xmlModuleUnavailableMessage(detail: string): string {
  return `XML metadata can't be parsed: the part of the resolver that reads it (rpmmd.wasm) did not load (${detail})`;
}

/** What to do when rpmmd.wasm could not be loaded. */
export const XML_MODULE_HINT = 'Check the connection and load the repository again; bundled repositories and those already in the browser cache load without it.';
