import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { escapeXml, readBackRecords, writePrimaryXml } from '../../../../src/lib/project/build/index.ts';
import { ResolverEngine } from '../../../../src/lib/resolve/engine.ts';
import { buildRecordLines } from '../../../../src/lib/resolve/record-lines.ts';
import { Resolver } from '../../../../src/lib/resolve/resolver.ts';
import { RpmmdEngine } from '../../../../src/lib/resolve/rpmmd-engine.ts';
import type { PackageRecord } from '../../../../src/lib/resolve/types.ts';
import { createResolver, readRepoDir, REPODATA, resolverModule, rpmmdModule } from '../../../support/wasm.ts';
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

  it("writes the record's file list as escaped <file> elements", () => {
    expect(writePrimaryXml([record('app', '1-1', { files: ['/usr/bin/a&b', '/etc/x'] })])).toContain('    <file>/usr/bin/a&amp;b</file>\n    <file>/etc/x</file>\n  </format>');
  });

  it('writes entries with flags, epoch, ver, rel and pre, which libsolv loads and solves with', async () => {
    const app = record('app', '2:1.0-1', { requires: [{ name: 'lib', flags: 'GE', evr: '1:2.0-3' }, { name: '/bin/sh', pre: true }, { name: '(lib if app)' }] });
    const lib = record('lib', '1:2.0-3', { provides: [{ name: 'lib', flags: 'EQ', evr: '1:2.0-3' }, { name: '/bin/sh' }] });
    const xml = writePrimaryXml([{ ...app, files: ['/usr/bin/app'] }, lib]);
    expect(xml).toContain('<rpm:entry name="lib" flags="GE" epoch="1" ver="2.0" rel="3"/>');
    expect(xml).toContain('<rpm:entry name="/bin/sh" pre="1"/>');
    expect(xml).toContain('<summary>A &lt;tool&gt; &amp; &quot;friends&quot;</summary>');
    const resolver = await newResolver();
    expect(await resolver.loadRpmmd({ id: 'overlays' }, { primary: new TextEncoder().encode(xml) })).toMatchObject({ ok: true, solvables: 2 });
    const solved = resolver.solve({ specs: ['/usr/bin/app'] });
    expect(solved.ok && solved.packages.map((p) => p.nevra)).toEqual(['app-2:1.0-1.x86_64', 'lib-1:2.0-3.x86_64']);
  });
});

describe('readBackRecords', () => {
  it('gives the values libsolv reads from the XML: characters dropped, line ends and attribute whitespace normalised, EVRs rejoined', () => {
    const [app, bare] = readBackRecords([
      record('a\u0001b', '0:1.0-1', { summary: 'x\r\ny\rz\tt', location: 'p\tq\r\nr.rpm', requires: [{ name: 'n\tm', flags: 'GE', evr: '0:5:odd' }, { name: 'plain', evr: '1-1', pre: true }], files: ['/f\r'] }),
      record('bare', '1.0'),
    ]);
    expect(app).toMatchObject({ name: 'ab', evr: '1.0-1', summary: 'x\ny\nz\tt', location: 'p q r.rpm', files: ['/f\n'] });
    expect(app?.requires).toEqual([{ name: 'n m', flags: 'GE', evr: '0:5:odd' }, { name: 'plain', pre: true }]);
    expect(bare?.evr).toBe('1.0-');
  });
});

const GIB = 2 ** 30;

/** Packages with every edge the writer and libsolv's rpm-md reader meet. */
const EDGES: PackageRecord[] = [
  record('app', '2:1.0-1', {
    summary: 'tab\there, "quotes" & <angles>, ünïcödé ✓ 😀, CR LF\r\nand CR\rend, control\u0001 and lone \ud800 surrogate',
    description: 'Intro line.\n\n\tIndented\r\nback slash \\ and \\t literal\n\nAuthors:\n--------\n   Jane Doe <jane@example.org>\n  Joe\n\n',
    location: './pkgs/a b\tc\r\nd.rpm',
    downloadSize: 0,
    installSize: 5 * GIB + 7,
    provides: [{ name: 'app', flags: 'EQ', evr: '2:1.0-1' }, { name: 'cap(x < 2)' }, { name: 'tab\tname\nnl' }, { name: 'pre-ignored', pre: true }],
    requires: [
      { name: 'lib', flags: 'GE', evr: '1:2.0-3' },
      { name: '/bin/sh', pre: true },
      { name: 'lib', flags: 'LT', evr: '0:9' },
      { name: '(lib if app)' },
      { name: '((lib and app) or (other >= 2 with other < 3))', pre: true },
      { name: '(broken rich dep' },
      { name: 'epochish', flags: 'EQ', evr: '0:5:odd-1' },
      { name: 'flagged-without-evr', flags: 'GT' },
      { name: 'evr-without-flags', evr: '1-1' },
      { name: 'empty-flags', flags: '', evr: '1-1' },
    ],
    conflicts: [{ name: 'old', flags: 'LE', evr: '1.0' }],
    obsoletes: [{ name: 'older', flags: 'NE', evr: '3-3' }],
    recommends: [{ name: 'rec', flags: 'GT', evr: '1' }],
    suggests: [{ name: '(sug1 or sug2)' }],
    supplements: [{ name: '(app and lang)' }, { name: 'packageand(app:lang)' }],
    enhances: [{ name: 'enh', flags: 'EQ', evr: '1-2' }],
    files: ['/usr/bin/app', '/usr/share/doc/app/', '/usr/share/doc/app/README', '/etc', 'relative/file', 'noslash', '/', '/usr/bin/tab\there', '/usr/share/é ü/&<>"', '/usr/bin/cr\rlf'],
  }),
  record('lib', '1:2.0-3', { provides: [{ name: 'lib', flags: 'EQ', evr: '1:2.0-3' }, { name: '/bin/sh' }], installSize: 0, downloadSize: 2 ** 53 - 1, sourcerpm: '', summary: '', description: '', checksumType: 'sha1', checksum: 'cd'.repeat(20), files: ['/usr/lib64/libx.so.1', '/usr/share/doc/app/shared'] }),
  record('norelease', '1.0', { arch: 'noarch', license: '' }),
  record('lib', '1:2.0-3', { arch: 'src', sourcerpm: '', provides: [] }),
];

describe('the shadow repository as records (wasm/src/records.c) and as primary.xml (rpmmd.wasm)', () => {
  let own: ResolverEngine;
  let expat: RpmmdEngine;
  beforeAll(async () => {
    own = ResolverEngine.createSync(await resolverModule());
    expat = RpmmdEngine.createSync(await rpmmdModule());
  });

  const asRecords = (packages: PackageRecord[]) => {
    const built = buildRecordLines(readBackRecords(packages));
    if ('problem' in built) throw new Error(built.problem.message);
    return own.convertRecords(built.lines);
  };
  const asXml = (packages: PackageRecord[]) => expat.convertRpmmd({ primary: new TextEncoder().encode(writePrimaryXml(packages)) });

  it('gives the same .solv, byte for byte: rich deps, epochs, pre, all eight lists, every flag, files and dirs, odd characters, zero and >4 GiB sizes', () => {
    const ours = asRecords(EDGES);
    const theirs = asXml(EDGES);
    expect(ours.solvables).toBe(EDGES.length);
    expect(theirs.solvables).toBe(EDGES.length);
    expect(Buffer.from(ours.solv).equals(Buffer.from(theirs.solv))).toBe(true);
  });

  it('gives the same .solv for each edge package alone (a difference is pinned to its package)', () => {
    for (const p of EDGES) expect(Buffer.from(asRecords([p]).solv).equals(Buffer.from(asXml([p]).solv)), p.nevra).toBe(true);
  });

  it('gives the same .solv for every package of CentOS Stream 9 BaseOS as libsolv records it (1,125 packages)', async () => {
    const loaded = await createResolver();
    const cs9 = readRepoDir(join(REPODATA, 'centos-stream-9-baseos-2022'));
    expect((await loaded.loadRpmmd({ id: 'cs9' }, cs9)).ok).toBe(true);
    const sources = [...new TextDecoder().decode(cs9.primary).matchAll(/<rpm:sourcerpm>([^<]+)-[^-<]+-[^-<]+\.src\.rpm<\/rpm:sourcerpm>/g)].map((m) => m[1] as string);
    const packages = loaded.packagesFromSources([...new Set(sources)]);
    expect(packages.length).toBe(1125);
    const ours = asRecords(packages);
    expect(ours.solvables).toBe(1125);
    expect(Buffer.from(ours.solv).equals(Buffer.from(asXml(packages).solv))).toBe(true);
  });

  it('solves as the XML does: packages, reasons and requiredBy, with pre-requires, rich deps, weak deps and the self-provide', async () => {
    const packages = [
      record('app', '2:1.0-1', { summary: 'tab\there', requires: [{ name: 'lib', flags: 'GE', evr: '1:2.0-3', pre: true }, { name: '(extra if lib)' }], recommends: [{ name: 'rec' }] }),
      record('lib', '1:2.0-3', { installSize: 5 * GIB }),
      record('extra', '1-1', { provides: [] }),
      record('rec', '0:3-1', { supplements: [{ name: '(app and extra)' }] }),
    ];
    const fromRecords = await Resolver.create(await resolverModule());
    expect(fromRecords.loadRecords({ id: 'overlays' }, readBackRecords(packages))).toMatchObject({ ok: true, solvables: 4 });
    const fromXml = await createResolver();
    expect(await fromXml.loadRpmmd({ id: 'overlays' }, { primary: new TextEncoder().encode(writePrimaryXml(packages)) })).toMatchObject({ ok: true, solvables: 4 });
    const ours = fromRecords.solve({ specs: ['app'] });
    const theirs = fromXml.solve({ specs: ['app'] });
    if (!ours.ok || !theirs.ok) throw new Error('both solve');
    expect(ours.packages.map((p) => [p.nevra, p.reason, p.requiredBy])).toEqual([
      ['app-2:1.0-1.x86_64', expect.anything(), []],
      ['extra-1-1.x86_64', expect.anything(), ['app-2:1.0-1.x86_64']],
      ['lib-1:2.0-3.x86_64', expect.anything(), ['app-2:1.0-1.x86_64']],
      ['rec-3-1.x86_64', expect.anything(), []],
    ]);
    expect(ours.packages).toEqual(theirs.packages);
    expect(ours.packages.find((p) => p.name === 'lib')?.installSize).toBe(5 * GIB);
  });

  it('refuses what the records cannot carry or libsolv cannot take, saying why', async () => {
    const resolver = await Resolver.create(await resolverModule());
    expect(resolver.loadRecords({ id: 'x' }, [record('nul', '1-1', { summary: 'a\0b' })])).toMatchObject({ ok: false, code: 'bad-record', message: expect.stringMatching(/package nul: .*NUL/) });
    expect(resolver.loadRecords({ id: 'x' }, [record('bad', '1-1', { checksumType: 'crc' })])).toMatchObject({ ok: false, code: 'bad-record', message: expect.stringMatching(/unknown checksum type: crc/) });
    expect(resolver.loadRecords({ id: 'x' }, [record('bad', '1-1', { checksum: 'ab' })])).toMatchObject({ ok: false, code: 'bad-record', message: expect.stringMatching(/invalid sha256 checksum/) });
    expect(() => asXml([record('bad', '1-1', { checksum: 'ab' })])).toThrow(/invalid sha256 checksum/);
    expect(resolver.loadedRepos).toEqual([]);
  });
});
