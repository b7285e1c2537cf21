/** The shapes the Resolver API takes and gives: load outcomes, explanations, search listings, options. */
import type { MessageError, Result } from '../result.ts';

/** Outcome of loading a repository: its size, or what was wrong with the input. */
export type RepoLoadResult =
  | { ok: true; id: string; solvables: number; ms: number }
  | { ok: false; id: string; code: string; message: string };

/** One step of libsolv's decision chain behind a package. */
export interface DecisionStep {
  package: string;
  installed: boolean;
  reason: string;
  rule: string;
  from: string;
  to: string;
  dep: string;
  tag?: string;
  text: string;
}

/** Why one package of the last result is there: libsolv's decisions from the request down to it. */
export interface Explanation {
  nevra: string;
  chain: DecisionStep[];
}

/** An explanation, or why there is none (the package is not part of the last result). */
export type ExplainResult = Result<Explanation, MessageError>;

/** A package as listed for the search index. */
export interface PackageListEntry {
  name: string;
  evr: string;
  arch: string;
  repo: string;
  summary: string;
  provides: string[];
}

/** How a Resolver is made: a memory budget for its instance, where the XML module comes from, and a test hook. */
export interface ResolverOptions {
  /**
   * Compiles rpmmd.wasm, the module that turns rpm-md XML into .solv: called on the first XML load
   * (packs and cached .solv never need it) and again after a failure. Absent, XML cannot be loaded.
   */
  xmlModule?: () => Promise<WebAssembly.Module>;
  /** Caps the instance's linear memory (0 or absent = what the browser allows, at most 4 GiB). */
  memoryLimitBytes?: number;
  /** Test hook: the next solve traps inside libsolv once (wasm/src/faults.c `azl_debug_trap`). */
  trapNextSolve?: boolean;
}
