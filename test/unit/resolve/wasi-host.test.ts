import { describe, expect, test } from 'vitest';
import { shimFile } from '../../../src/lib/resolve/wasi-host.ts';

// Input files (a .solv, an XML part) are read by the module thousands of times; the file hands the
// shim views of its bytes, which the shim copies into linear memory itself.
describe('input files in the WASI host', () => {
  const bytes = Uint8Array.from({ length: 100 }, (_, i) => i);

  test('read in sequence and at offsets give the file’s bytes, and stop at its end', () => {
    const opened = shimFile(bytes).path_open(0, 0n, 0);
    const fd = opened.fd_obj!;
    expect([...fd.fd_read(10).data]).toEqual([...bytes.subarray(0, 10)]);
    expect([...fd.fd_read(5).data]).toEqual([...bytes.subarray(10, 15)]);
    expect([...fd.fd_pread(3, 97n).data]).toEqual([97, 98, 99]);
    // pread leaves the position alone; reading past the end returns what is left, then nothing
    expect([...fd.fd_read(200).data]).toEqual([...bytes.subarray(15)]);
    expect(fd.fd_read(1).data.byteLength).toBe(0);
  });

  test('are read-only, and wrap a part of a larger buffer without its neighbours', () => {
    const part = bytes.subarray(20, 30);
    const file = shimFile(part);
    expect(file.path_open(0, 1n << 6n /* RIGHTS_FD_WRITE */, 0).fd_obj).toBeNull();
    expect([...file.path_open(0, 0n, 0).fd_obj!.fd_read(100).data]).toEqual([...part]);
  });
});
