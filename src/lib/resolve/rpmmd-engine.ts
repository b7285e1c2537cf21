/** RpmmdEngine: one instance of rpmmd.wasm, which turns rpm-md XML into .solv (the resolver module links no XML parser). */
import { GlueInstance, instantiateGlue, type CommonExports } from './engine.ts';

interface RpmmdExports extends CommonExports {
  azl_convert_rpmmd(primary: number, updateinfo: number, out: number): number;
  azl_convert_rpmmd_part(primary: number, out: number, relsOut: number): number;
  azl_merge_solv_parts(parts: number, rels: number, updateinfo: number, out: number): number;
  azl_join_begin(): number;
  azl_join_part(solv: number, rels: number): number;
  azl_join_end(updateinfo: number, out: number): number;
  azl_extend_filelists(solv: number, filelists: number, out: number): number;
}

/** One part of a split primary.xml as .solv, with its relations in creation order (RpmmdEngine.mergeSolvParts joins them). */
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

/** A converted repository: its .solv bytes and how many packages it holds. */
export interface Converted {
  solv: Uint8Array;
  solvables: number;
}

/** Synchronous access to one rpmmd.wasm instance; every call works in a pool of its own, so nothing is kept between calls. */
export class RpmmdEngine extends GlueInstance<RpmmdExports> {
  /** An instance of the compiled rpmmd.wasm MODULE (its ABI checked); MEMORY_LIMIT_BYTES caps its memory (0 = none). */
  static createSync(module: WebAssembly.Module, memoryLimitBytes = 0): RpmmdEngine {
    const { exports, host } = instantiateGlue<RpmmdExports>(module, memoryLimitBytes, 'rpmmd.wasm');
    return new RpmmdEngine(exports, host, memoryLimitBytes);
  }

  /** Parses primary.xml and updateinfo.xml into .solv bytes (rpmmd2solv's, with the file provides it adds recorded). */
  convertRpmmd(files: Omit<RpmmdFiles, 'filelists'>): Converted {
    const { value, written } = this.withFiles({ primary: files.primary, updateinfo: files.updateinfo }, ['out'], (path) =>
      this.callJson<{ solvables: number }>('azl_convert_rpmmd', [path('primary'), path('updateinfo'), path('out')]),
    );
    return { solv: written.out!, solvables: value.solvables };
  }

  /**
   * Parses one part of a split primary.xml; returns it as plain .solv bytes and its relations in
   * the order the parse created them (what mergeSolvParts needs to write the whole file's bytes).
   */
  convertRpmmdPart(part: Uint8Array): SolvPart {
    const { value, written } = this.withFiles({ part }, ['solv', 'rels'], (path) =>
      this.callJson<{ solvables: number }>('azl_convert_rpmmd_part', [path('part'), path('solv'), path('rels')]),
    );
    return { solv: written.solv!, rels: written.rels!, solvables: value.solvables };
  }

  /** Joins the parts of a split primary.xml (in file order) and updateinfo into one .solv: the bytes convertRpmmd writes for the whole file. */
  mergeSolvParts(parts: readonly SolvPart[], updateinfo?: Uint8Array): Converted {
    const inputs: Record<string, Uint8Array | undefined> = { updateinfo };
    parts.forEach((part, i) => {
      inputs[`${i}.solv`] = part.solv;
      inputs[`${i}.rels`] = part.rels;
    });
    const { value, written } = this.withFiles(inputs, ['out'], (path) => {
      const list = (kind: string) => parts.map((_, i) => path(`${i}.${kind}`)).join('\n');
      return this.callJson<{ solvables: number }>('azl_merge_solv_parts', [list('solv'), list('rels'), path('updateinfo'), path('out')]);
    });
    return { solv: written.out!, solvables: value.solvables };
  }

  /** Starts joining the parts of one split primary.xml in this instance (dropping a join left unfinished). */
  joinBegin(): void {
    this.callJson('azl_join_begin', []);
  }

  /** Adds the next part, in file order, to the join joinBegin started. */
  joinPart(part: SolvPart): void {
    this.withFiles({ solv: part.solv, rels: part.rels }, [], (path) => this.callJson('azl_join_part', [path('solv'), path('rels')]));
  }

  /** Ends the join with UPDATEINFO: the bytes mergeSolvParts gives for the same parts. */
  joinEnd(updateinfo?: Uint8Array): Converted {
    const { value, written } = this.withFiles({ updateinfo }, ['out'], (path) => this.callJson<{ solvables: number }>('azl_join_end', [path('updateinfo'), path('out')]));
    return { solv: written.out!, solvables: value.solvables };
  }

  /** The repository in SOLV extended with the file lists of FILELISTS (filelists.xml), as .solv; its recorded file provides are dropped, since whole file lists can add providers. */
  extendFilelists(solv: Uint8Array, filelists: Uint8Array): Converted {
    const { value, written } = this.withFiles({ solv, filelists }, ['out'], (path) =>
      this.callJson<{ solvables: number }>('azl_extend_filelists', [path('solv'), path('filelists'), path('out')]),
    );
    return { solv: written.out!, solvables: value.solvables };
  }
}
