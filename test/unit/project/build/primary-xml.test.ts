import { describe, expect, it } from 'vitest';
import { escapeXml, writePrimaryXml } from '../../../../src/lib/project/build/index.ts';
import type { PackageRecord } from '../../../../src/lib/resolve/types.ts';
import { newResolver } from './demo-support.ts';

function record(name: string, evr: string, extra: Partial<PackageRecord> = {}): PackageRecord {
  return {
    nevra: `${name}-${evr}.x86_64`, name, evr, arch: 'x86_64', repo: 'overlays', sourceName: name, sourcerpm: `${name}-${evr}.src.rpm`,
    summary: 'A <tool> & "friends"', description: 'Line one\nline two \u0001', license: 'MIT', location: `x/${name}.rpm`, checksumType: 'sha256', checksum: 'ab'.repeat(32),
    downloadSize: 10, installSize: 20, provides: [{ name, flags: 'EQ', evr }], requires: [], conflicts: [], obsoletes: [], recommends: [], suggests: [], supplements: [], enhances: [], files: [], ...extra,
  };
}

describe('primary.xml writer', () => {
  it('escapes text and drops characters XML cannot carry', () => {
    expect(escapeXml('a<b & "c" >\u0001')).toBe('a&lt;b &amp; &quot;c&quot; &gt;');
  });

  it('writes entries with flags, epoch, ver, rel and pre, which libsolv loads and solves with', async () => {
    const app = record('app', '2:1.0-1', { requires: [{ name: 'lib', flags: 'GE', evr: '1:2.0-3' }, { name: '/bin/sh', pre: true }, { name: '(lib if app)' }] });
    const lib = record('lib', '1:2.0-3', { provides: [{ name: 'lib', flags: 'EQ', evr: '1:2.0-3' }, { name: '/bin/sh' }] });
    const xml = writePrimaryXml([{ record: app, fileElements: ['<file>/usr/bin/app</file>'] }, { record: lib, fileElements: [] }]);
    expect(xml).toContain('<rpm:entry name="lib" flags="GE" epoch="1" ver="2.0" rel="3"/>');
    expect(xml).toContain('<rpm:entry name="/bin/sh" pre="1"/>');
    expect(xml).toContain('<summary>A &lt;tool&gt; &amp; &quot;friends&quot;</summary>');
    const resolver = await newResolver();
    expect(await resolver.loadRpmmd({ id: 'overlays' }, { primary: new TextEncoder().encode(xml) })).toMatchObject({ ok: true, solvables: 2 });
    const solved = resolver.solve({ specs: ['/usr/bin/app'] });
    expect(solved.ok && solved.packages.map((p) => p.nevra)).toEqual(['app-2:1.0-1.x86_64', 'lib-1:2.0-3.x86_64']);
  });
});
