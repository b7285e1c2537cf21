/** The WASI host the resolver runs in, in the browser worker and in Node alike (browser_wasi_shim). */
import { ConsoleStdout, File, OpenFile, PreopenDirectory, WASI } from '@bjorn3/browser_wasi_shim';
import type { Inode } from '@bjorn3/browser_wasi_shim';

/**
 * An in-memory file whose writes grow its buffer geometrically. The shim's own OpenFile reallocates
 * to the exact new length on every extending write, which makes writing a 16 MB .solv quadratic.
 */
export class GrowableFile extends File {
  /** Backing store; `data` is a view of its first `size` bytes. */
  capacity: Uint8Array = new Uint8Array(0);

  override path_open(oflags: number, fsRightsBase: bigint, fdFlags: number) {
    const opened = super.path_open(oflags, fsRightsBase, fdFlags);
    if (opened.fd_obj) return { ret: opened.ret, fd_obj: new GrowableOpenFile(this) };
    return opened;
  }

  /** Makes room for `length` bytes, keeping the current content. */
  ensure(length: number): void {
    if (length <= this.capacity.byteLength) return;
    const grown = new Uint8Array(Math.max(length, this.capacity.byteLength * 2, 1 << 16));
    grown.set(this.data);
    this.capacity = grown;
    this.data = grown.subarray(0, this.data.byteLength);
  }

  /** The written bytes as a standalone copy. */
  bytes(): Uint8Array {
    return this.data.slice();
  }
}

class GrowableOpenFile extends OpenFile {
  declare file: GrowableFile;

  override fd_write(data: Uint8Array) {
    return this.fd_pwrite_at(data, this.file_pos, true);
  }

  override fd_pwrite(data: Uint8Array, offset: bigint) {
    return this.fd_pwrite_at(data, offset, false);
  }

  private fd_pwrite_at(data: Uint8Array, offset: bigint, advance: boolean) {
    const file = this.file;
    const start = Number(offset);
    const end = start + data.byteLength;
    if (file.capacity.byteLength === 0 || file.data.buffer !== file.capacity.buffer) {
      // the file was truncated or replaced through the stock paths; re-adopt its content
      file.capacity = new Uint8Array(0);
      const current = file.data;
      file.data = new Uint8Array(0);
      file.ensure(Math.max(end, current.byteLength));
      file.capacity.set(current);
      file.data = file.capacity.subarray(0, current.byteLength);
    }
    file.ensure(end);
    file.capacity.set(data, start);
    if (end > file.data.byteLength) file.data = file.capacity.subarray(0, end);
    if (advance) this.file_pos = BigInt(end);
    return { ret: 0, nwritten: data.byteLength };
  }
}

/**
 * A read-only in-memory file whose reads hand the shim views of its bytes: the shim's own OpenFile
 * slices a copy for every read, which the shim then copies again into linear memory (a .solv load
 * reads ~4,000 times).
 */
class ReadOnlyFile extends File {
  override path_open(oflags: number, fsRightsBase: bigint, fdFlags: number) {
    const opened = super.path_open(oflags, fsRightsBase, fdFlags);
    if (opened.fd_obj) return { ret: opened.ret, fd_obj: new ViewReadingOpenFile(this) };
    return opened;
  }
}

class ViewReadingOpenFile extends OpenFile {
  // the shim copies what a read returns into linear memory before anything else runs
  override fd_read(size: number) {
    const start = Number(this.file_pos);
    const view = this.file.data.subarray(start, start + size);
    this.file_pos += BigInt(view.byteLength);
    return { ret: 0, data: view };
  }

  override fd_pread(size: number, offset: bigint) {
    const start = Number(offset);
    return { ret: 0, data: this.file.data.subarray(start, start + size) };
  }
}

/** A WASI instance's file system root and captured stderr. */
export interface WasiHost {
  wasi: WASI;
  /** The live directory preopened as `/work`: put input files in, take output files out. */
  work: Map<string, Inode>;
  /** Lines the module wrote to stderr (libsolv's diagnostics). */
  stderr: string[];
}

/** Creates a WASI host with `/work` preopened and stdout/stderr captured (debug logging off). */
export function createWasiHost(args: string[] = ['resolver'], extraPreopens: PreopenDirectory[] = []): WasiHost {
  const work = new Map<string, Inode>();
  const stderr: string[] = [];
  const fds = [
    new OpenFile(new File(new Uint8Array(0))),
    ConsoleStdout.lineBuffered((line) => stderr.push(line)),
    ConsoleStdout.lineBuffered((line) => stderr.push(line)),
    new PreopenDirectory('/work', work),
    ...extraPreopens,
  ];
  // {debug:false}: 0.4.x switches its debug logging on when the option is absent
  const wasi = new WASI(args, [], fds, { debug: false });
  return { wasi, work, stderr };
}

/** Wraps bytes as a read-only file for the shim, without copying when they span their whole buffer. */
export function shimFile(bytes: Uint8Array): File {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
  return new ReadOnlyFile(whole ? (bytes.buffer as ArrayBuffer) : bytes, { readonly: true });
}
