/** ResolverEngine: one live libsolv pool inside one WebAssembly instance, driven through our C glue; GlueInstance, what it shares with the XML module's RpmmdEngine. */
import { createWasiHost, GrowableFile, shimFile, type WasiHost } from './wasi-host.ts';
import { EXPECTED_ABI_VERSION, ResolverAbiError } from './abi.ts';
import { DEFAULT_REPO_COST, DEFAULT_REPO_PRIORITY } from './types.ts';

/** The exports both modules have (wasm/src/common.c, faults.c). */
export interface CommonExports {
  memory: WebAssembly.Memory;
  azl_abi_version(): number;
  azl_malloc(n: number): number;
  azl_free(p: number): void;
  azl_out_ptr(): number;
  azl_out_len(): number;
  /** Caps linear memory at BYTES (0 = none): past it malloc fails and libsolv aborts with "Out of memory". */
  azl_set_memory_limit(bytes: number): void;
  /** Test hook: traps at once, as a bug inside libsolv would (wasm/src/faults.c). */
  azl_debug_trap(): number;
}

interface ResolverExports extends CommonExports {
  azl_init(arch: number): number;
  azl_convert_records(lines: number, out: number): number;
  azl_add_repo_solv(id: number, path: number, priority: number, cost: number): number;
  azl_write_solv(id: number, path: number): number;
  azl_remove_repo(id: number): number;
  azl_pool_info(): number;
  azl_package_list(id: number): number;
  azl_solve(request: number): number;
  azl_result_text(): number;
  azl_explain(nevra: number): number;
  azl_packages_from_sources(sources: number): number;
  /** Self-check for the tests: the glue's weak-dependency reasons against libsolv's, for the last solve. */
  azl_check_weakdeps(): number;
  /** Self-check for the tests: the glue's reason sentences against solver_decisionreason2str, for the last solve. */
  azl_check_reason_texts(): number;
}

/** The resolver instance ran out of linear memory (its limit, or what the browser would grow it to). */
export class WasmOutOfMemoryError extends Error {
  constructor(readonly limitBytes: number, detail: string) {
    super(`the resolver ran out of memory${limitBytes ? ` (its limit is ${Math.round(limitBytes / 2 ** 20)} MiB)` : ''}: ${detail}`);
    this.name = 'WasmOutOfMemoryError';
  }
}

/** The raw answer of a glue call: its return code and the JSON or text it left in linear memory. */
export interface GlueReply {
  code: number;
  text: string;
}

/** A glue call that reported a failure of its own (bad XML, missing file, unknown repo, …). */
export class GlueError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'GlueError';
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Which export tells each module apart: both have the common ones and the same ABI version. */
const KEY_EXPORT: Record<string, string> = { 'resolver.wasm': 'azl_init', 'rpmmd.wasm': 'azl_convert_rpmmd' };

/** Initialises INSTANCE of the glue module FILE in HOST, checks that it is that module and speaks this code's ABI, and caps its memory (0 = none). */
function adopt<E extends CommonExports>(instance: WebAssembly.Instance, host: WasiHost, memoryLimitBytes: number, file: string): E {
  const key = KEY_EXPORT[file];
  if (key && typeof (instance.exports as Record<string, unknown>)[key] !== 'function') throw new Error(`the module given as ${file} is another one (it has no ${key})`);
  host.wasi.initialize(instance as unknown as { exports: { memory: WebAssembly.Memory; _initialize?: () => unknown } });
  const exports = instance.exports as unknown as E;
  const abi = typeof exports.azl_abi_version === 'function' ? exports.azl_abi_version() : 0;
  if (abi !== EXPECTED_ABI_VERSION) throw new ResolverAbiError(abi, file);
  exports.azl_set_memory_limit(memoryLimitBytes);
  return exports;
}

/** A synchronous instance of MODULE (the file FILE) with its host: workers and Node, the module already compiled, so this only allocates. */
export function instantiateGlue<E extends CommonExports>(module: WebAssembly.Module, memoryLimitBytes: number, file: string): { exports: E; host: WasiHost } {
  const host = createWasiHost();
  return { exports: adopt<E>(new WebAssembly.Instance(module, { wasi_snapshot_preview1: host.wasi.wasiImport }), host, memoryLimitBytes, file), host };
}

/** Low-level, synchronous access to one instance of a glue module. Anything that traps leaves it unusable. */
export class GlueInstance<E extends CommonExports> {
  /** Set once a call trapped; the instance must then be replaced. */
  broken = false;

  protected constructor(
    protected readonly exports: E,
    protected readonly host: WasiHost,
    private readonly memoryLimitBytes: number,
  ) {}

  /** Lines libsolv wrote to stderr so far (parser warnings and the like). */
  get stderr(): readonly string[] {
    return this.host.stderr;
  }

  /** Bytes of linear memory in use. */
  get memoryBytes(): number {
    return this.exports.memory.buffer.byteLength;
  }

  /** Calls a glue export with string arguments and returns its code and output. */
  call(name: keyof E & string, strings: string[], numbers: number[] = []): GlueReply {
    if (this.broken) throw new Error('the resolver instance trapped earlier and must be rebuilt');
    const e = this.exports;
    const pointers: number[] = [];
    for (const s of strings) {
      const bytes = encoder.encode(s);
      const ptr = e.azl_malloc(bytes.byteLength + 1);
      if (ptr === 0) {
        for (const p of pointers) e.azl_free(p);
        throw new WasmOutOfMemoryError(this.memoryLimitBytes, `no room for a ${bytes.byteLength}-byte argument`);
      }
      const mem = new Uint8Array(e.memory.buffer, ptr, bytes.byteLength + 1);
      mem.set(bytes);
      mem[bytes.byteLength] = 0;
      pointers.push(ptr);
    }
    try {
      const fn = e[name] as unknown as (...args: number[]) => number;
      const code = fn(...pointers, ...numbers);
      const ptr = e.azl_out_ptr();
      const len = e.azl_out_len();
      const text = decoder.decode(new Uint8Array(e.memory.buffer, ptr, len));
      return { code, text };
    } catch (err) {
      this.broken = true;
      // libsolv's solv_oom says so on stderr before it aborts
      const oom = this.host.stderr.findLast((line) => line.startsWith('Out of memory'));
      if (oom) throw new WasmOutOfMemoryError(this.memoryLimitBytes, oom.replace(/!$/, ''));
      throw err;
    } finally {
      if (!this.broken) for (const p of pointers) e.azl_free(p);
    }
  }

  /** Test hook: makes the instance trap inside wasm (see wasm/src/faults.c). */
  debugTrap(): void {
    this.call('azl_debug_trap', []);
  }

  /** Calls a glue export whose output is JSON; throws GlueError when it reports a failure. */
  callJson<T>(name: keyof E & string, strings: string[], numbers: number[] = []): T {
    const reply = this.call(name, strings, numbers);
    const value = JSON.parse(reply.text) as { ok?: boolean; code?: string; error?: string };
    if (reply.code < 0 || (value.ok === false && value.code)) throw new GlueError(value.code ?? 'failed', value.error ?? 'failed');
    return value as T;
  }

  /** Runs RUN with the files INPUTS (bytes by name; an absent one's path is "") and an empty file per name in OUTPUTS in the instance's /work; returns what RUN returned and what it wrote. */
  protected withFiles<T>(inputs: Record<string, Uint8Array | undefined>, outputs: string[], run: (path: (name: string) => string) => T): { value: T; written: Record<string, Uint8Array> } {
    const tag = Math.random().toString(36).slice(2);
    const fileName = (name: string) => `${tag}-${name}`;
    const files = new Map<string, GrowableFile>();
    for (const [name, bytes] of Object.entries(inputs)) if (bytes) this.host.work.set(fileName(name), shimFile(bytes));
    for (const name of outputs) {
      const file = new GrowableFile(new Uint8Array(0));
      files.set(name, file);
      this.host.work.set(fileName(name), file);
    }
    try {
      const value = run((name) => (name in inputs && !inputs[name] ? '' : `/work/${fileName(name)}`));
      return { value, written: Object.fromEntries([...files].map(([name, file]) => [name, file.bytes()])) };
    } finally {
      for (const name of [...Object.keys(inputs), ...outputs]) this.host.work.delete(fileName(name));
    }
  }
}

/** Low-level, synchronous access to one resolver instance and its pool. Anything that traps leaves it unusable. */
export class ResolverEngine extends GlueInstance<ResolverExports> {
  /** Instantiates the compiled resolver module and checks that its ABI is the one this code speaks; MEMORY_LIMIT_BYTES caps its memory (0 = none). */
  static async create(module: WebAssembly.Module, memoryLimitBytes = 0): Promise<ResolverEngine> {
    const host = createWasiHost();
    const instance = await WebAssembly.instantiate(module, { wasi_snapshot_preview1: host.wasi.wasiImport });
    return new ResolverEngine(adopt<ResolverExports>(instance, host, memoryLimitBytes, 'resolver.wasm'), host, memoryLimitBytes);
  }

  /** The same, synchronously (workers and Node; the module is already compiled, so this only allocates). */
  static createSync(module: WebAssembly.Module, memoryLimitBytes = 0): ResolverEngine {
    const { exports, host } = instantiateGlue<ResolverExports>(module, memoryLimitBytes, 'resolver.wasm');
    return new ResolverEngine(exports, host, memoryLimitBytes);
  }

  /** Starts a new, empty pool for ARCH. */
  init(arch: string): { arch: string; libsolv: string; abiVersion: number } {
    return this.callJson('azl_init', [arch]);
  }

  /**
   * Builds the packages in LINES (record-lines.ts) in a pool of their own and returns them as .solv
   * (wasm/src/records.c): the bytes RpmmdEngine.convertRpmmd writes for a primary.xml with the same values.
   */
  convertRecords(lines: string): { solv: Uint8Array; solvables: number } {
    const { value, written } = this.withFiles({}, ['out'], (path) => this.callJson<{ solvables: number }>('azl_convert_records', [lines, path('out')]));
    return { solv: written.out!, solvables: value.solvables };
  }

  /** Loads repository ID from .solv bytes. */
  addRepoSolv(id: string, solv: Uint8Array, priority = DEFAULT_REPO_PRIORITY, cost = DEFAULT_REPO_COST): { solvables: number } {
    const name = `solv-${Math.random().toString(36).slice(2)}.solv`;
    this.host.work.set(name, shimFile(solv));
    try {
      return this.callJson('azl_add_repo_solv', [id, `/work/${name}`], [priority, cost]);
    } finally {
      this.host.work.delete(name);
    }
  }

  /** Writes repository ID as .solv bytes. */
  writeSolv(id: string): Uint8Array {
    const name = `out-${Math.random().toString(36).slice(2)}.solv`;
    const file = new GrowableFile(new Uint8Array(0));
    this.host.work.set(name, file);
    try {
      this.callJson('azl_write_solv', [id, `/work/${name}`]);
      return file.bytes();
    } finally {
      this.host.work.delete(name);
    }
  }

  /** Drops repository ID from the pool; `restored` when the pool is now exactly as before ID was added (ids included). */
  removeRepo(id: string): { restored: boolean } {
    return this.callJson<{ restored: boolean }>('azl_remove_repo', [id]);
  }
}
