import type { PartOutcome } from '../lib/resolve/parts.ts';

/** A parse worker's interface: parts of a split primary.xml in, their .solv out (transferred, not copied). */
export interface ParseWorkerApi {
  /** Takes the compiled XML module (rpmmd.wasm) and the memory cap of the instance it will make. */
  init(module: WebAssembly.Module, memoryLimitBytes: number): Promise<void>;
  /** Converts one part; libsolv's refusals are outcomes. */
  convert(part: Uint8Array): Promise<PartOutcome>;
}
