/** ResolverEngine: one live libsolv pool inside one WebAssembly instance, driven through our C glue. */
import { File } from '@bjorn3/browser_wasi_shim';
import { createWasiHost, GrowableFile, type WasiHost } from './wasi-host.ts';
import { EXPECTED_ABI_VERSION, ResolverAbiError } from './abi.ts';
import { DEFAULT_REPO_COST, DEFAULT_REPO_PRIORITY } from './types.ts';

interface GlueExports {
  memory: WebAssembly.Memory;
  azl_abi_version(): number;
  azl_malloc(n: number): number;
  azl_free(p: number): void;
  azl_out_ptr(): number;
  azl_out_len(): number;
  azl_init(arch: number): number;
  azl_add_repo_rpmmd(id: number, primary: number, filelists: number, updateinfo: number, priority: number, cost: number): number;
  azl_add_filelists(id: number, filelists: number): number;
  azl_convert_rpmmd(primary: number, updateinfo: number, out: number): number;
  azl_convert_rpmmd_part(primary: number, out: number, relsOut: number): number;
  azl_merge_solv_parts(parts: number, rels: number, updateinfo: number, out: number): number;
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
  /** Caps linear memory at BYTES (0 = none): past it malloc fails and libsolv aborts with "Out of memory". */
  azl_set_memory_limit(bytes: number): void;
  /** Test hook: traps at once, as a bug inside libsolv would (wasm/src/faults.c). */
  azl_debug_trap(): number;
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

/** Wraps bytes for the shim without copying when they span their whole buffer. */
function shimFile(bytes: Uint8Array): File {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
  return new File(whole ? (bytes.buffer as ArrayBuffer) : bytes, { readonly: true });
}

/** One part of a split primary.xml as .solv, with its relations in creation order (engine.mergeSolvParts joins them). */
export interface SolvPart {
  solv: Uint8Array;
  rels: Uint8Array;
  solvables: number;
}

/** The rpm-md files of one repository, already decompressed. */
export interface RpmmdFiles {
  primary: Uint8Array;
  filelists?: Uint8Array;
  updateinfo?: Uint8Array;
}

/** Low-level, synchronous access to one resolver instance. Anything that traps leaves it unusable. */
export class ResolverEngine {
  private readonly exports: GlueExports;
  private readonly host: WasiHost;
  /** Set once a call trapped; the instance must then be replaced. */
  broken = false;

  private constructor(exports: GlueExports, host: WasiHost, private readonly memoryLimitBytes: number) {
    this.exports = exports;
    this.host = host;
  }

  /** Instantiates the compiled resolver module and checks that its ABI is the one this code speaks; MEMORY_LIMIT_BYTES caps its memory (0 = none). */
  static async create(module: WebAssembly.Module, memoryLimitBytes = 0): Promise<ResolverEngine> {
    const host = createWasiHost();
    return ResolverEngine.adopt(await WebAssembly.instantiate(module, { wasi_snapshot_preview1: host.wasi.wasiImport }), host, memoryLimitBytes);
  }

  /** The same, synchronously (workers and Node; the module is already compiled, so this only allocates). */
  static createSync(module: WebAssembly.Module, memoryLimitBytes = 0): ResolverEngine {
    const host = createWasiHost();
    return ResolverEngine.adopt(new WebAssembly.Instance(module, { wasi_snapshot_preview1: host.wasi.wasiImport }), host, memoryLimitBytes);
  }

  private static adopt(instance: WebAssembly.Instance, host: WasiHost, memoryLimitBytes: number): ResolverEngine {
    host.wasi.initialize(instance as unknown as { exports: { memory: WebAssembly.Memory; _initialize?: () => unknown } });
    const exports = instance.exports as unknown as GlueExports;
    const abi = typeof exports.azl_abi_version === 'function' ? exports.azl_abi_version() : 0;
    if (abi !== EXPECTED_ABI_VERSION) throw new ResolverAbiError(abi);
    exports.azl_set_memory_limit(memoryLimitBytes);
    return new ResolverEngine(exports, host, memoryLimitBytes);
  }

  /** Lines libsolv wrote to stderr so far (parser warnings and the like). */
  get stderr(): readonly string[] {
    return this.host.stderr;
  }

  /** Bytes of linear memory in use. */
  get memoryBytes(): number {
    return this.exports.memory.buffer.byteLength;
  }

  /** Calls a glue export with string arguments and returns its code and output. */
  call(name: keyof GlueExports, strings: string[], numbers: number[] = []): GlueReply {
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
  callJson<T>(name: keyof GlueExports, strings: string[], numbers: number[] = []): T {
    const reply = this.call(name, strings, numbers);
    const value = JSON.parse(reply.text) as { ok?: boolean; code?: string; error?: string };
    if (reply.code < 0 || (value.ok === false && value.code)) throw new GlueError(value.code ?? 'failed', value.error ?? 'failed');
    return value as T;
  }

  /** Starts a new, empty pool for ARCH. */
  init(arch: string): { arch: string; libsolv: string; abiVersion: number } {
    return this.callJson('azl_init', [arch]);
  }

  /** Parses rpm-md files into repository ID (libsolv's own rpm-md reader). */
  addRepoRpmmd(id: string, files: RpmmdFiles, priority = DEFAULT_REPO_PRIORITY, cost = DEFAULT_REPO_COST): { solvables: number } {
    const dir = `/work/in-${Math.random().toString(36).slice(2)}`;
    const names = { primary: `${dir}-primary.xml`, filelists: '', updateinfo: '' };
    this.host.work.set(names.primary.slice(6), shimFile(files.primary));
    if (files.filelists) {
      names.filelists = `${dir}-filelists.xml`;
      this.host.work.set(names.filelists.slice(6), shimFile(files.filelists));
    }
    if (files.updateinfo) {
      names.updateinfo = `${dir}-updateinfo.xml`;
      this.host.work.set(names.updateinfo.slice(6), shimFile(files.updateinfo));
    }
    try {
      return this.callJson('azl_add_repo_rpmmd', [id, names.primary, names.filelists, names.updateinfo], [priority, cost]);
    } finally {
      for (const n of Object.values(names)) if (n) this.host.work.delete(n.slice(6));
    }
  }

  /** Adds filelists to a loaded repository. */
  addFilelists(id: string, filelists: Uint8Array): { solvables: number } {
    const name = `fl-${Math.random().toString(36).slice(2)}.xml`;
    this.host.work.set(name, shimFile(filelists));
    try {
      return this.callJson('azl_add_filelists', [id, `/work/${name}`]);
    } finally {
      this.host.work.delete(name);
    }
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

  /**
   * Parses rpm-md files in a pool of their own and returns them as .solv bytes (rpmmd2solv's, with
   * the file provides it adds recorded); the loaded pool is not touched.
   */
  convertRpmmd(files: Omit<RpmmdFiles, 'filelists'>): { solv: Uint8Array; solvables: number } {
    const tag = Math.random().toString(36).slice(2);
    const primary = `conv-${tag}-primary.xml`;
    const updateinfo = files.updateinfo ? `conv-${tag}-updateinfo.xml` : '';
    const out = `conv-${tag}.solv`;
    const file = new GrowableFile(new Uint8Array(0));
    this.host.work.set(primary, shimFile(files.primary));
    if (files.updateinfo) this.host.work.set(updateinfo, shimFile(files.updateinfo));
    this.host.work.set(out, file);
    try {
      const { solvables } = this.callJson<{ solvables: number }>('azl_convert_rpmmd', [`/work/${primary}`, updateinfo ? `/work/${updateinfo}` : '', `/work/${out}`]);
      return { solv: file.bytes(), solvables };
    } finally {
      for (const name of [primary, updateinfo, out]) if (name) this.host.work.delete(name);
    }
  }

  /**
   * Parses one part of a split primary.xml in a pool of its own; returns it as plain .solv bytes
   * and its relations in the order the parse created them (what mergeSolvParts needs to write the
   * whole file's bytes).
   */
  convertRpmmdPart(part: Uint8Array): SolvPart {
    const tag = Math.random().toString(36).slice(2);
    const input = `part-${tag}.xml`;
    const out = `part-${tag}.solv`;
    const relsOut = `part-${tag}.rels`;
    const file = new GrowableFile(new Uint8Array(0));
    const relsFile = new GrowableFile(new Uint8Array(0));
    this.host.work.set(input, shimFile(part));
    this.host.work.set(out, file);
    this.host.work.set(relsOut, relsFile);
    try {
      const { solvables } = this.callJson<{ solvables: number }>('azl_convert_rpmmd_part', [`/work/${input}`, `/work/${out}`, `/work/${relsOut}`]);
      return { solv: file.bytes(), rels: relsFile.bytes(), solvables };
    } finally {
      for (const name of [input, out, relsOut]) this.host.work.delete(name);
    }
  }

  /**
   * Joins the parts of a split primary.xml (in file order) and updateinfo into one .solv, the same
   * bytes convertRpmmd writes for the whole file; the loaded pool is not touched.
   */
  mergeSolvParts(parts: readonly SolvPart[], updateinfo?: Uint8Array): { solv: Uint8Array; solvables: number } {
    const tag = Math.random().toString(36).slice(2);
    const solvNames = parts.map((_, i) => `merge-${tag}-${i}.solv`);
    const relNames = parts.map((_, i) => `merge-${tag}-${i}.rels`);
    const ui = updateinfo ? `merge-${tag}-updateinfo.xml` : '';
    const out = `merge-${tag}.solv`;
    const file = new GrowableFile(new Uint8Array(0));
    parts.forEach((part, i) => {
      this.host.work.set(solvNames[i]!, shimFile(part.solv));
      this.host.work.set(relNames[i]!, shimFile(part.rels));
    });
    if (updateinfo) this.host.work.set(ui, shimFile(updateinfo));
    this.host.work.set(out, file);
    const list = (names: string[]) => names.map((n) => `/work/${n}`).join('\n');
    try {
      const { solvables } = this.callJson<{ solvables: number }>('azl_merge_solv_parts', [list(solvNames), list(relNames), ui ? `/work/${ui}` : '', `/work/${out}`]);
      return { solv: file.bytes(), solvables };
    } finally {
      for (const name of [...solvNames, ...relNames, ui, out]) if (name) this.host.work.delete(name);
    }
  }

  /** Drops repository ID from the pool; `restored` when the pool is now exactly as before ID was added (ids included). */
  removeRepo(id: string): { restored: boolean } {
    return this.callJson<{ restored: boolean }>('azl_remove_repo', [id]);
  }
}
