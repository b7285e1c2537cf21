/** rpmmd.wasm as a Resolver uses it: loaded with the first XML to parse, one throwaway instance per conversion. */
import type { RpmmdEngine } from './rpmmd-engine.ts';
import type { PartJoin } from './parts.ts';
import { XML_MODULE_HINT, XML_MODULE_UNAVAILABLE, xmlModuleUnavailableMessage } from './resolver-errors.ts';
import type { RepoLoadResult } from './resolver-types.ts';
import { onceUnlessFailed } from '../async/once.ts';
import { err, ok, type MessageError, type Result } from '../result.ts';

/** The XML reader module of one Resolver, from the `xmlModule` option it was made with. */
export class XmlModule {
  private loaded: { module: WebAssembly.Module; engine: typeof RpmmdEngine } | undefined;
  private readonly load = onceUnlessFailed(async () => {
    if (!this.provide) throw new Error('this resolver was made without it');
    const [module, { RpmmdEngine: engine }] = await Promise.all([this.provide(), import('./rpmmd-engine.ts')]);
    return { module, engine };
  });

  constructor(
    private readonly provide: (() => Promise<WebAssembly.Module>) | undefined,
    private readonly memoryLimitBytes: number,
  ) {}

  /**
   * Loads rpmmd.wasm through PROVIDE, once, with the code that drives it (a dynamic import: a first
   * answer from packs or the cache downloads neither); a failure is not kept, so the next call tries
   * again (offline now, online later).
   */
  ready(): Promise<Result<WebAssembly.Module, MessageError>> {
    if (this.loaded) return Promise.resolve(ok(this.loaded.module));
    return this.load().then(
      (loaded) => {
        this.loaded = loaded;
        return ok(loaded.module);
      },
      (error: unknown) => err({ message: xmlModuleUnavailableMessage(error instanceof Error ? error.message : String(error)) }),
    );
  }

  /** Makes a fresh rpmmd.wasm instance each call; only once ready() succeeded. */
  engine(): () => RpmmdEngine {
    const loaded = this.loaded;
    if (!loaded) throw new Error('XmlModule.engine() was called before ready() succeeded');
    return () => loaded.engine.createSync(loaded.module, this.memoryLimitBytes);
  }

  /** A join for the parts of one primary.xml, fed as they are converted; undefined when rpmmd.wasm cannot be loaded. */
  async startPartJoin(): Promise<PartJoin | undefined> {
    const ready = await this.ready();
    if (!ready.ok) return undefined;
    const { PartJoin } = await import('./parts.ts');
    return new PartJoin(this.engine());
  }
}

/** A load that needed rpmmd.wasm, which did not load: what happened and what to do. */
export function xmlUnavailable(id: string, error: MessageError): Extract<RepoLoadResult, { ok: false }> {
  return { ok: false, id, code: XML_MODULE_UNAVAILABLE, message: `${error.message}. ${XML_MODULE_HINT}` };
}
