/** Parse workers for one repository load: min(cores - 1, 3) module workers beside the calling thread's own converter. */
import * as Comlink from 'comlink';
import type { OpenPartConverters, PartConverter } from '../lib/resolve/parts.ts';
import type { ParseWorkerApi } from './parse.api.ts';

/** The most parse workers one load starts; the calling thread converts parts too. */
const MAX_PARSE_WORKERS = 3;

/** One parse worker as a converter; a worker that fails to start or dies fails its part instead of hanging the load. */
function workerConverter(xmlModule: () => Promise<WebAssembly.Module>, memoryLimitBytes: number): { converter: PartConverter; worker: Worker } {
  const worker = new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module', name: 'azl-parse' });
  const died = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (event) => reject(new Error(`a parse worker failed: ${event.message || 'it could not start'}`)));
  });
  died.catch(() => undefined);
  const api = Comlink.wrap<ParseWorkerApi>(worker);
  const ready = Promise.race([xmlModule().then((module) => api.init(module, memoryLimitBytes)), died]);
  return {
    worker,
    converter: {
      async convert(part) {
        await ready;
        return Promise.race([api.convert(Comlink.transfer(part, [part.buffer])), died]);
      },
    },
  };
}

/** This thread's converter, its code (lib/resolve/parts.ts) and rpmmd.wasm loaded with the first part it converts. */
function lazyInThreadConverter(xmlModule: () => Promise<WebAssembly.Module>, memoryLimitBytes: number): PartConverter {
  const converter = Promise.all([import('../lib/resolve/parts.ts'), xmlModule()]).then(([{ inThreadConverter }, module]) => inThreadConverter(module, memoryLimitBytes));
  converter.catch(() => undefined);
  return { inCallingThread: true, convert: async (part) => (await converter).convert(part) };
}

/**
 * Opens parse workers for each load (they are closed after it, so an idle page holds none) plus this
 * thread's converter; each gets rpmmd.wasm from XML_MODULE (compiled once, on the first load that parses).
 */
export function openParseWorkers(xmlModule: () => Promise<WebAssembly.Module>, memoryLimitBytes = 0): OpenPartConverters {
  return () => {
    const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 2;
    const started = Array.from({ length: Math.max(0, Math.min(cores - 1, MAX_PARSE_WORKERS)) }, () => workerConverter(xmlModule, memoryLimitBytes));
    return {
      converters: [...started.map((s) => s.converter), lazyInThreadConverter(xmlModule, memoryLimitBytes)],
      close: () => {
        for (const s of started) s.worker.terminate();
      },
    };
  };
}

/**
 * When parts pay for a primary.xml read already decompressed: with two cores or fewer, the parse
 * workers and the calling thread compete for the same cores, and the join costs more than the
 * parallel parse saves (bench on a shared 2-core machine, Debian fixture: cold load median 3.99 s
 * in parts against 3.62 s in one piece, 5 runs each). A compressed one is parsed in parts while it
 * is decompressed or downloaded on any machine: that pays on two cores too (local .gz: median 2.30
 * s against 2.54 s; 50 Mbit/s: 3.68 s against 5.01 s).
 */
export function parallelParseMode(): 'download' | 'always' {
  const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 2;
  return cores > 2 ? 'always' : 'download';
}
