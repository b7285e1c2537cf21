import * as Comlink from 'comlink';
import { partConverterService } from '../lib/resolve/parts.ts';
import type { ParseWorkerApi } from './parse.api.ts';

/** A parse worker: converts parts of a split primary.xml in a wasm instance of its own (lib/resolve/parts.ts). */
let service: ReturnType<typeof partConverterService> | undefined;

const api: ParseWorkerApi = {
  init: async (module, memoryLimitBytes) => {
    service = partConverterService(module, memoryLimitBytes);
  },
  convert: async (part) => {
    if (!service) throw new Error('the parse worker was used before init()');
    const outcome = service.convert(part);
    return outcome.ok ? Comlink.transfer(outcome, [outcome.solv.buffer, outcome.rels.buffer]) : outcome;
  },
};

Comlink.expose(api);
