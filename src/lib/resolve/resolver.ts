/** Resolver: the public, environment-neutral API over one ResolverEngine (Node, worker, tests alike). */
import { isSupportedArch, SUPPORTED_ARCHES } from './arch.ts';
import { GlueError, ResolverEngine, WasmOutOfMemoryError } from './engine.ts';
import type { RpmmdFiles } from './rpmmd-engine.ts';
import { XmlModule, xmlUnavailable } from './xml-module.ts';
import { ResolverAbiError } from './abi.ts';
import { OUT_OF_MEMORY_HINT, ResolverCrashError, ResolverOutOfMemoryError, XML_MODULE_UNAVAILABLE } from './resolver-errors.ts';
import { buildRecordLines } from './record-lines.ts';
import { buildRequestLines } from './request.ts';
import { mapSolveResult, PackageDetailsCache, type RawSolveResult } from './result.ts';
import { checkXmlRoot } from './xml-root.ts';
import type { OpenPartConverters, PartJoin, PartOutcome } from './parts.ts';
import { err, ok, type MessageError, type Result } from '../result.ts';
import { DEFAULT_REPO_COST, DEFAULT_REPO_PRIORITY, type PackageRecord, type RepoDescriptor, type ResolveRequest, type ResolveResult } from './types.ts';
import type { Explanation, ExplainResult, PackageListEntry, RepoLoadResult, ResolverOptions } from './resolver-types.ts';

export type { DecisionStep, Explanation, ExplainResult, PackageListEntry, RepoLoadResult, ResolverOptions } from './resolver-types.ts';

export { OUT_OF_MEMORY_HINT, ResolverCrashError, ResolverOutOfMemoryError, XML_MODULE_HINT, XML_MODULE_UNAVAILABLE, xmlModuleUnavailableMessage } from './resolver-errors.ts';

interface RepoState extends Required<RepoDescriptor> {
  /** .solv bytes to reload the repository after a crash. */
  solv: Uint8Array;
}

/** Loads repositories, solves requests and explains results; rebuilds itself after a wasm trap. */
export class Resolver {
  private engine: ResolverEngine;
  private arch: string;
  private readonly repos = new Map<string, RepoState>();

  private trapNextSolve: boolean;

  private constructor(
    private readonly module: WebAssembly.Module,
    engine: ResolverEngine,
    arch: string,
    private info: { libsolv: string; abiVersion: number },
    private readonly options: ResolverOptions,
  ) {
    this.engine = engine;
    this.arch = arch;
    this.trapNextSolve = options.trapNextSolve ?? false;
    this.xml = new XmlModule(options.xmlModule, options.memoryLimitBytes ?? 0);
  }

  /** Creates a resolver with an empty pool for ARCH from the compiled resolver module. */
  static async create(module: WebAssembly.Module, arch = 'x86_64', options: ResolverOptions = {}): Promise<Resolver> {
    if (!isSupportedArch(arch)) throw new Error(unknownArchMessage(arch));
    const engine = await ResolverEngine.create(module, options.memoryLimitBytes ?? 0);
    const info = engine.init(arch);
    return new Resolver(module, engine, arch, info, options);
  }

  /** libsolv's version and the module's ABI, as the module reports them. */
  get version(): { libsolv: string; abiVersion: number } {
    return { libsolv: this.info.libsolv, abiVersion: this.info.abiVersion };
  }

  /** Bytes of wasm linear memory. */
  get memoryBytes(): number {
    return this.engine.memoryBytes;
  }

  /** The loaded repositories. */
  get loadedRepos(): RepoDescriptor[] {
    return [...this.repos.values()].map(({ id, priority, cost }) => ({ id, priority, cost }));
  }

  /** Switches the pool to ARCH, reloading every repository (architecture is a pool-wide setting). */
  async setArch(arch: string): Promise<Result<string, MessageError>> {
    if (!isSupportedArch(arch)) return err({ message: unknownArchMessage(arch) });
    if (arch === this.arch) return ok(arch);
    this.arch = arch;
    await this.rebuild();
    return ok(arch);
  }

  /** rpmmd.wasm, loaded with the first XML to parse (see XmlModule); a failure is forgotten. */
  xmlReady(): Promise<Result<WebAssembly.Module, MessageError>> {
    return this.xml.ready();
  }

  private readonly xml: XmlModule;

  /**
   * Parses rpm-md metadata into repository REPO (replacing one with the same id). The files become
   * .solv first, in an rpmmd.wasm instance of their own (as rpmmd2solv would write them), and the
   * pool loads that: the same bytes a warm start loads from the cache, and the big parse's memory
   * is not kept.
   */
  async loadRpmmd(repo: RepoDescriptor, files: RpmmdFiles): Promise<RepoLoadResult> {
    const wrong = this.wrongRoot(files);
    if (wrong) return { ok: false, id: repo.id, code: 'bad-xml', message: wrong };
    const xml = await this.xmlReady();
    if (!xml.ok) return xmlUnavailable(repo.id, xml.error);
    const converted = this.isolated(repo, this.xml.engine(), (engine) => engine.convertRpmmd({ primary: files.primary, ...(files.updateinfo ? { updateinfo: files.updateinfo } : {}) }));
    return 'solv' in converted ? this.loadConverted(repo, converted.solv, files) : converted;
  }

  /**
   * loadRpmmd with primary.xml split into parts of about TARGET_BYTES that the converters OPEN
   * gives turn into .solv in parallel; the repository, its .solv and any error are the same.
   */
  async loadRpmmdInParts(repo: RepoDescriptor, files: RpmmdFiles, open: OpenPartConverters, targetBytes?: number): Promise<RepoLoadResult> {
    if (this.wrongRoot(files)) return this.loadRpmmd(repo, files);
    const xml = await this.xmlReady();
    if (!xml.ok) return xmlUnavailable(repo.id, xml.error);
    // loaded with the first parse in parts, not with the resolver: a start from .solv never needs them
    const [{ PartJoin, PartQueue }, { DEFAULT_PART_BYTES, splitPrimaryXml }] = await Promise.all([import('./parts.ts'), import('./xml-parts.ts')]);
    const parts = splitPrimaryXml(files.primary, targetBytes ?? DEFAULT_PART_BYTES);
    if (parts.length < 2) return this.loadRpmmd(repo, files);
    const { converters, close } = open();
    const join = new PartJoin(this.xml.engine());
    try {
      const queue = new PartQueue(converters, (index, part) => join.add(index, part));
      for (const part of parts) queue.add(part);
      return await this.loadSolvParts(repo, await queue.done(), files, join);
    } finally {
      join.dispose();
      close();
    }
  }

  /**
   * Joins the converted parts of FILES.primary (in file order) with its updateinfo into repository
   * REPO. Without them (a part failed: bad XML, or a cut the splitter guessed wrong) the whole file
   * is parsed as one, so the answer and any error message (its line numbers) are loadRpmmd's. JOIN,
   * the same parts joined as they were converted (startPartJoin), saves joining them here; it is
   * used up either way.
   */
  async loadSolvParts(repo: RepoDescriptor, parts: readonly Extract<PartOutcome, { ok: true }>[] | undefined, files: RpmmdFiles, join?: PartJoin): Promise<RepoLoadResult> {
    try {
      return await this.joinAndLoad(repo, parts, files, join);
    } finally {
      join?.dispose();
    }
  }

  private async joinAndLoad(repo: RepoDescriptor, parts: readonly Extract<PartOutcome, { ok: true }>[] | undefined, files: RpmmdFiles, join: PartJoin | undefined): Promise<RepoLoadResult> {
    if (!parts || this.wrongRoot(files)) return this.loadRpmmd(repo, files);
    const xml = await this.xmlReady();
    if (!xml.ok) return xmlUnavailable(repo.id, xml.error);
    // a join that has every part already (it went in while the download ran) only has to write;
    // one that failed or missed a part is dropped and the parts are joined here, as before
    const joined = join?.complete(parts.length) ? join : undefined;
    const merged = joined
      ? this.isolated(repo, () => joined, (ready) => ready.finish(files.updateinfo))
      : this.isolated(repo, this.xml.engine(), (engine) => engine.mergeSolvParts(parts, files.updateinfo));
    return 'solv' in merged ? this.loadConverted(repo, merged.solv, files) : merged;
  }

  /**
   * A join for the parts of one primary.xml, to be fed as they are converted and handed to
   * loadSolvParts; undefined when rpmmd.wasm cannot be loaded (loadSolvParts then says why).
   */
  startPartJoin(): Promise<PartJoin | undefined> {
    return this.xml.startPartJoin();
  }

  /**
   * Loads RECORDS, packages the app made itself (the overlay shadow repository), as repository REPO
   * without XML: resolver.wasm builds them with libsolv's API in an instance of its own and the pool
   * loads the .solv that gives, as every repository is loaded, so an image build from packs or the
   * cache never downloads rpmmd.wasm.
   */
  loadRecords(repo: RepoDescriptor, records: readonly PackageRecord[]): RepoLoadResult {
    const built = buildRecordLines(records);
    if ('problem' in built) return { ok: false, id: repo.id, code: 'bad-record', message: built.problem.message };
    const converted = this.isolated(repo, () => ResolverEngine.createSync(this.module, this.options.memoryLimitBytes ?? 0), (engine) => engine.convertRecords(built.lines));
    return 'solv' in converted ? this.loadSolv(repo, converted.solv) : converted;
  }

  private wrongRoot(files: RpmmdFiles): string | undefined {
    return (
      checkXmlRoot(files.primary, 'metadata', 'primary.xml') ??
      (files.filelists && checkXmlRoot(files.filelists, 'filelists', 'filelists.xml')) ??
      (files.updateinfo && checkXmlRoot(files.updateinfo, 'updates', 'updateinfo.xml'))
    );
  }

  /** Runs CONVERT in a throwaway instance from CREATE: the big parse's memory is not kept and the pool is not touched. */
  private isolated<E>(repo: RepoDescriptor, create: () => E, convert: (engine: E) => { solv: Uint8Array }): { solv: Uint8Array } | Extract<RepoLoadResult, { ok: false }> {
    try {
      return convert(create());
    } catch (failure) {
      if (failure instanceof GlueError) return { ok: false, id: repo.id, code: failure.code, message: failure.message };
      if (failure instanceof WasmOutOfMemoryError) return { ok: false, id: repo.id, code: 'out-of-memory', message: `${failure.message}. ${OUT_OF_MEMORY_HINT}` };
      if (failure instanceof ResolverAbiError) return { ok: false, id: repo.id, code: XML_MODULE_UNAVAILABLE, message: failure.message };
      // the converter's own instance trapped; the pool was not touched
      throw new ResolverCrashError(failure);
    }
  }

  private async loadConverted(repo: RepoDescriptor, solv: Uint8Array, files: RpmmdFiles): Promise<RepoLoadResult> {
    const loaded = this.loadSolv(repo, solv);
    return loaded.ok && files.filelists ? this.loadFilelists(repo.id, files.filelists) : loaded;
  }

  /** Loads repository REPO from .solv bytes (replacing one with the same id). */
  loadSolv(repo: RepoDescriptor, solv: Uint8Array): RepoLoadResult {
    return this.load(repo, () => this.engine.addRepoSolv(repo.id, solv, repo.priority ?? DEFAULT_REPO_PRIORITY, repo.cost ?? DEFAULT_REPO_COST), solv);
  }

  /**
   * Adds filelists to a loaded repository (dnf5 loads them only when a file dependency needs them):
   * rpmmd.wasm extends the repository's .solv with them, and the pool loads that in its place.
   */
  async loadFilelists(id: string, filelists: Uint8Array): Promise<RepoLoadResult> {
    if (!this.repos.has(id)) return { ok: false, id, code: 'unknown-repo', message: `no repository '${id}' is loaded` };
    const wrong = checkXmlRoot(filelists, 'filelists', 'filelists.xml');
    if (wrong) return { ok: false, id, code: 'bad-xml', message: wrong };
    const xml = await this.xmlReady();
    if (!xml.ok) return xmlUnavailable(id, xml.error);
    // read again: the repository may have been replaced or removed while the module loaded
    const state = this.repos.get(id);
    if (!state) return { ok: false, id, code: 'unknown-repo', message: `no repository '${id}' is loaded` };
    const extended = this.isolated(state, this.xml.engine(), (engine) => engine.extendFilelists(state.solv, filelists));
    return 'solv' in extended ? this.loadSolv(state, extended.solv) : extended;
  }

  /** The .solv bytes of a loaded repository (for caching). */
  solvOf(id: string): Uint8Array | undefined {
    return this.repos.get(id)?.solv;
  }

  /** Drops repository ID. */
  removeRepo(id: string): boolean {
    if (!this.repos.has(id)) return false;
    this.repos.delete(id);
    // the newest repository comes out exactly; any other leaves ids behind, so rebuild in order
    if (!this.guard(() => this.engine.removeRepo(id)).restored) this.guard(() => this.reloadAll());
    return true;
  }

  /** Solves REQUEST against every loaded repository, with dnf5's semantics. */
  solve(request: ResolveRequest): ResolveResult {
    if (this.repos.size === 0) return { ok: false, kind: 'invalid', message: 'no repository is loaded: add one before resolving' };
    const built = buildRequestLines(request);
    if ('problem' in built) return { ok: false, kind: 'invalid', message: built.problem.message };
    if (this.trapNextSolve) {
      this.trapNextSolve = false;
      this.guard(() => this.engine.debugTrap());
    }
    for (;;) {
      let reply;
      try {
        // packages whose details this instance sent before come back as ids (see PackageDetailsCache)
        reply = this.guard(() => this.engine.call('azl_solve', [`${built.lines}option\tknown\t${this.details.known}\n`]));
      } catch (err) {
        if (err instanceof ResolverOutOfMemoryError) return { ok: false, kind: 'invalid', message: `${err.message}. ${OUT_OF_MEMORY_HINT}` };
        throw err;
      }
      const raw = JSON.parse(reply.text) as RawSolveResult | { ok: false; code: string; error: string };
      if ('code' in raw) return { ok: false, kind: 'invalid', message: raw.error };
      if (!raw.ok) return mapSolveResult(raw, request);
      const details = this.details.detailsOf(raw);
      if (details) return mapSolveResult(raw, request, details);
      // details went to someone else (a direct call on the engine): solve again with none known
      this.details.clear();
    }
  }

  private readonly details = new PackageDetailsCache();

  /**
   * Solves REQUEST; if the instance traps, waits for it to be rebuilt from the kept .solv files and
   * tries once more, and says so in the result's `notice`. A second trap is thrown.
   */
  async solveRecovering(request: ResolveRequest): Promise<ResolveResult> {
    await this.ready();
    try {
      return this.solve(request);
    } catch (err) {
      if (!(err instanceof ResolverCrashError)) throw err;
      await this.ready();
      const retried = this.solve(request);
      return { ...retried, notice: `${err.message}; this answer is from one retry.` };
    }
  }

  /** libsolv's testcase notation for the last solve (what `testsolv -r` prints). */
  resultText(): string {
    return this.guard(() => this.engine.call('azl_result_text', [])).text;
  }

  /** The decision chain that put NEVRA into the last result. */
  explain(nevra: string): ExplainResult {
    try {
      const { nevra: found, chain } = this.guard(() => this.engine.callJson<{ ok: true } & Explanation>('azl_explain', [nevra]));
      return ok({ nevra: found, chain });
    } catch (error) {
      if (error instanceof GlueError) return err({ message: error.message });
      throw error;
    }
  }

  /** Every package of repository ID with name, EVR, arch, summary and provides (for search). */
  packageList(id: string): PackageListEntry[] {
    const reply = this.guard(() => this.engine.call('azl_package_list', [id]));
    if (reply.code < 0) throw new GlueError('unknown-repo', `no repository '${id}' is loaded`);
    const entries: PackageListEntry[] = [];
    for (const line of reply.text.split('\n')) {
      if (!line) continue;
      const [name = '', evr = '', arch = '', summary = '', provides = ''] = line.split('\t');
      entries.push({ name, evr, arch, repo: id, summary, provides: provides ? provides.split('\x1f') : [] });
    }
    return entries;
  }

  /** Every package of the loaded repositories built from one of the source packages SOURCES. */
  packagesFromSources(sources: string[]): PackageRecord[] {
    const clean = sources.map((s) => s.trim()).filter((s) => s && !/[\n\r]/.test(s));
    if (clean.length === 0) return [];
    return this.guard(() => this.engine.callJson<{ packages: PackageRecord[] }>('azl_packages_from_sources', [clean.join('\n')])).packages;
  }

  private load(repo: RepoDescriptor, add: () => { solvables: number }, solv: Uint8Array): RepoLoadResult {
    const t0 = performance.now();
    const replacing = this.repos.has(repo.id);
    try {
      const restored = replacing ? this.guard(() => this.engine.removeRepo(repo.id)).restored : true;
      const { solvables } = this.guard(add);
      this.repos.set(repo.id, { id: repo.id, priority: repo.priority ?? DEFAULT_REPO_PRIORITY, cost: repo.cost ?? DEFAULT_REPO_COST, solv });
      // Solve only over repositories loaded from .solv, in their original order, into a pool that
      // held nothing else: libsolv numbers ids differently after a .solv round trip and after
      // reordering, which can change which of several equally valid reasons it reports. This keeps
      // results byte-identical between a cold start (XML), a warm start (cache) and the CLI.
      const isLast = [...this.repos.keys()].at(-1) === repo.id;
      if (!isLast || !restored) this.guard(() => this.reloadAll());
      return { ok: true, id: repo.id, solvables, ms: performance.now() - t0 };
    } catch (err) {
      if (err instanceof ResolverOutOfMemoryError) return { ok: false, id: repo.id, code: 'out-of-memory', message: `${err.message}. ${OUT_OF_MEMORY_HINT}` };
      if (err instanceof GlueError) {
        // the glue dropped what it could not load; put back what was there before
        if (replacing) this.guard(() => this.reloadAll());
        return { ok: false, id: repo.id, code: err.code, message: err.message };
      }
      throw err;
    }
  }

  /** Rebuilds the pool from the kept .solv bytes, in load order. */
  private reloadAll(engine = this.engine): void {
    engine.init(this.arch);
    for (const r of this.repos.values()) engine.addRepoSolv(r.id, r.solv, r.priority, r.cost);
  }

  /** Runs FN; on a trap, rebuilds the instance and reports the crash. */
  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      if (err instanceof GlueError || !this.engine.broken) throw err;
      throw this.rebuildAfter(err);
    }
  }

  private rebuildAfter(cause: unknown): ResolverCrashError {
    // Rebuilding is async (instantiate); callers learn about the crash now and the next call waits.
    this.pendingRebuild = this.rebuild();
    return cause instanceof WasmOutOfMemoryError ? new ResolverOutOfMemoryError(cause) : new ResolverCrashError(cause);
  }

  /** Resolves once a rebuild started after a crash has finished. */
  async ready(): Promise<void> {
    await this.pendingRebuild;
  }

  private pendingRebuild: Promise<void> = Promise.resolve();

  private async rebuild(): Promise<void> {
    const engine = await ResolverEngine.create(this.module, this.options.memoryLimitBytes ?? 0);
    this.reloadAll(engine);
    this.engine = engine;
    this.details.clear();
  }
}

function unknownArchMessage(arch: string): string {
  return `unknown architecture '${arch}': use one of ${SUPPORTED_ARCHES.join(', ')}`;
}
