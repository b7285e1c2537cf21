import { describe, expect, it } from 'vitest';
import { buildRecordLines } from '../../../src/lib/resolve/record-lines.ts';
import type { PackageRecord } from '../../../src/lib/resolve/types.ts';

const record = (extra: Partial<PackageRecord> = {}): PackageRecord => ({
  nevra: 'a-1-1.noarch', name: 'a', evr: '1-1', arch: 'noarch', repo: 'r', sourceName: 'a', sourcerpm: 'a-1-1.src.rpm', summary: 's', description: 'd', license: 'MIT',
  location: 'a.rpm', checksumType: 'sha256', checksum: 'ff', downloadSize: 0, installSize: 5 * 2 ** 30,
  provides: [], requires: [], conflicts: [], obsoletes: [], recommends: [], suggests: [], supplements: [], enhances: [], files: [], ...extra,
});

describe('record lines (the glue protocol of wasm/src/records.c)', () => {
  it('writes a P line per package, then its D lines in primary.xml list order, then its F lines', () => {
    const built = buildRecordLines([
      record({
        supplements: [{ name: '(a and b)' }],
        requires: [{ name: '/bin/sh', pre: true }, { name: 'b', flags: 'GE', evr: '1:2' }, { name: 'c', evr: '9' }],
        provides: [{ name: 'a', flags: 'EQ', evr: '1-1' }],
        files: ['/usr/bin/a'],
      }),
      record({ name: 'b' }),
    ]);
    expect(built).toEqual({
      lines:
        'P\ta\tnoarch\t1-1\tsha256\tff\ts\td\t5368709120\t0\ta.rpm\tMIT\ta-1-1.src.rpm\n' +
        'D\tprovides\ta\tEQ\t1-1\t0\n' +
        'D\trequires\t/bin/sh\t\t\t1\n' +
        'D\trequires\tb\tGE\t1:2\t0\n' +
        'D\trequires\tc\t\t\t0\n' +
        'D\tsupplements\t(a and b)\t\t\t0\n' +
        'F\t/usr/bin/a\n' +
        'P\tb\tnoarch\t1-1\tsha256\tff\ts\td\t5368709120\t0\ta.rpm\tMIT\ta-1-1.src.rpm\n',
    });
  });

  it('escapes backslashes, tabs and line ends in every value', () => {
    const built = buildRecordLines([record({ summary: 'a\tb\nc\rd\\t', files: ['/x\ty'], requires: [{ name: 'n\\n' }] })]);
    if (!('lines' in built)) throw new Error(built.problem.message);
    const [p, d, f] = built.lines.split('\n');
    expect(p?.split('\t')[6]).toBe('a\\tb\\nc\\rd\\\\t');
    expect(d).toBe('D\trequires\tn\\\\n\t\t\t0');
    expect(f).toBe('F\t/x\\ty');
  });

  it('says which package holds a NUL character, which the glue cannot take', () => {
    expect(buildRecordLines([record(), record({ name: 'b', requires: [{ name: 'x\0' }] })])).toEqual({ problem: { message: 'package b: a value holds a NUL character, which package metadata cannot carry' } });
    expect(buildRecordLines([record({ files: ['/a\0'] })])).toMatchObject({ problem: expect.anything() });
  });
});
