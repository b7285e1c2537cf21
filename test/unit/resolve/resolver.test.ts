import { beforeAll, describe, expect, test, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Resolver } from '../../../src/lib/resolve/resolver.ts';
import type { ResolverEngine } from '../../../src/lib/resolve/engine.ts';
import { buildRequestLines } from '../../../src/lib/resolve/request.ts';
import { readRepoDir, REPODATA, resolverWith, createResolver } from '../../support/wasm.ts';

const BASEOS = join(REPODATA, 'centos-stream-9-baseos-2022');
const enc = new TextEncoder();
const primaryOf = (packages: string) =>
  enc.encode(`<?xml version="1.0" encoding="UTF-8"?>\n<metadata xmlns="http://linux.duke.edu/metadata/common" xmlns:rpm="http://linux.duke.edu/metadata/rpm" packages="2">\n${packages}</metadata>\n`);
const pkg = (name: string, ver: string, extra = '') =>
  `<package type="rpm"><name>${name}</name><arch>noarch</arch><version epoch="0" ver="${ver}" rel="1"/><format>${extra}</format></package>\n`;

describe('Resolver on CentOS Stream 9 BaseOS', () => {
  let r: Resolver;
  beforeAll(async () => {
    r = await resolverWith([BASEOS]);
  });

  test('reports every fact of a package and why it is there', () => {
    const result = r.solve({ specs: ['bash'] });
    if (!result.ok) throw new Error(JSON.stringify(result));
    const bash = result.packages.find((p) => p.name === 'bash')!;
    expect(bash).toMatchObject({ epoch: 0, version: '5.1.8', release: '2.el9', arch: 'x86_64', repo: 'repo1', license: 'GPLv3+' });
    expect(bash.reason).toMatchObject({ kind: 'user', spec: 'bash' });
    expect(bash.checksum.type).toBe('sha256');
    expect(bash.checksum.value).toMatch(/^[0-9a-f]{64}$/);
    expect(bash.location).toBe('Packages/bash-5.1.8-2.el9.x86_64.rpm');
    expect(bash.downloadSize).toBeGreaterThan(1_000_000);
    expect(bash.sourcerpm).toBe('bash-5.1.8-2.el9.src.rpm');
    const glibc = result.packages.find((p) => p.name === 'glibc')!;
    expect(glibc.reason.kind).toBe('dependency');
    expect(result.packages.map((p) => p.nevra)).toEqual([...result.packages.map((p) => p.nevra)].sort());
    expect(result.stats.installCount).toBe(result.packages.length);
    // requiredBy edges point at packages of the same result
    const names = new Set(result.packages.map((p) => p.nevra));
    for (const p of result.packages) for (const by of p.requiredBy) expect(names.has(by)).toBe(true);
  });

  test('accepts every kind of spec dnf does', () => {
    for (const spec of ['bash', 'bash.x86_64', 'bash-5.1.8-2.el9.x86_64', 'bash >= 5', '/usr/bin/bash', 'libc.so.6()(64bit)', 'config(bash)']) {
      const result = r.solve({ specs: [spec] });
      expect(result.ok, spec).toBe(true);
    }
  });

  test('a spec that matches nothing is its own answer', () => {
    const result = r.solve({ specs: ['bash', 'no-such-package'] });
    expect(result).toEqual({ ok: false, kind: 'no-match', unmatched: [{ spec: 'no-such-package', source: 'spec' }] });
  });

  test('an exclude makes packages unavailable, and a hard dependency on one is a problem naming it', () => {
    const direct = r.solve({ specs: ['bash'], excludes: ['bash'] });
    expect(direct).toEqual({ ok: false, kind: 'no-match', unmatched: [{ spec: 'bash', source: 'spec', excluded: true }] });
    const dep = r.solve({ specs: ['bash'], excludes: ['glibc*'] });
    if (dep.ok || dep.kind !== 'problems') throw new Error(JSON.stringify(dep));
    const problem = dep.problems[0]!;
    expect(problem.text).toMatch(/glibc/);
    expect(problem.candidates.some((c) => c.excluded)).toBe(true);
    expect(problem.solutions.length).toBeGreaterThan(0);
    expect(dep.text).toMatch(/^problem /);
  });

  test('explain gives the decision chain behind a package', () => {
    const result = r.solve({ specs: ['bash'] });
    expect(result.ok).toBe(true);
    const why = r.explain('glibc-2.34-21.el9.x86_64');
    if (!why.ok) throw new Error(why.error.message);
    expect(why.value.chain.length).toBeGreaterThan(1);
    expect(why.value.chain.at(-1)!.package).toBe('glibc-2.34-21.el9.x86_64');
    expect(why.value.chain.some((s) => s.rule === 'SOLVER_RULE_JOB')).toBe(true);
    expect(r.explain('not-in-result-1-1.noarch')).toMatchObject({ ok: false });
  });

  test('a repository parsed from XML and one loaded from its .solv give identical results, reasons included', async () => {
    const before = r.solve({ specs: ['bash', 'openssh-server'] });
    const solv = r.solvOf('repo1')!;
    expect(solv.byteLength).toBeGreaterThan(100_000);
    const fresh = await createResolver();
    expect(fresh.loadSolv({ id: 'repo1' }, solv)).toMatchObject({ ok: true, solvables: 1125 });
    const after = fresh.solve({ specs: ['bash', 'openssh-server'] });
    expect(after.ok && before.ok).toBe(true);
    expect(after.ok && after.packages).toEqual(before.ok && before.packages);
  });
});

describe('Resolver semantics on small repositories', () => {
  test('best picks the newest version; --no-best may fall back; forced best fails', async () => {
    const r = await createResolver();
    await r.loadRpmmd({ id: 'r' }, { primary: primaryOf(pkg('a', '1') + pkg('a', '2', '<rpm:requires><rpm:entry name="missing"/></rpm:requires>')) });
    const best = r.solve({ specs: ['a'] });
    expect(best).toMatchObject({ ok: false, kind: 'problems' });
    const noBest = r.solve({ specs: ['a'], best: false });
    expect(noBest.ok && noBest.packages.map((p) => p.nevra)).toEqual(['a-1-1.noarch']);
  });

  test('text with quotes, backslashes, tabs, line breaks and non-ASCII, and sizes past 4 GiB, reach the result unchanged', async () => {
    const summary = 'He said "hi" \\ then\tleft\r\nÜber ✓';
    const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\r/g, '&#13;');
    const odd =
      `<package type="rpm"><name>odd</name><arch>noarch</arch><version epoch="0" ver="1" rel="1"/><summary>${xml(summary)}</summary>` +
      `<size package="5000000000" installed="12345678901" archive="1"/><location href="a &quot;b&quot;/odd.rpm"/><format><rpm:license>MIT "or" GPL</rpm:license></format></package>\n`;
    const r = await createResolver();
    expect((await r.loadRpmmd({ id: 'r' }, { primary: primaryOf(odd) })).ok).toBe(true);
    const result = r.solve({ specs: ['odd'] });
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.packages[0]).toMatchObject({ summary, license: 'MIT "or" GPL', location: 'a "b"/odd.rpm', downloadSize: 5000000000, installSize: 12345678901 });
  });

  test('repo priority wins over version, cost breaks ties', async () => {
    const r = await createResolver();
    await r.loadRpmmd({ id: 'new', priority: 99 }, { primary: primaryOf(pkg('a', '2')) });
    await r.loadRpmmd({ id: 'pinned', priority: 10 }, { primary: primaryOf(pkg('a', '1')) });
    const result = r.solve({ specs: ['a'] });
    expect(result.ok && result.packages.map((p) => `${p.nevra}@${p.repo}`)).toEqual(['a-1-1.noarch@pinned']);
    const costs = await createResolver();
    await costs.loadRpmmd({ id: 'far', cost: 2000 }, { primary: primaryOf(pkg('b', '1')) });
    await costs.loadRpmmd({ id: 'near', cost: 100 }, { primary: primaryOf(pkg('b', '1')) });
    const tie = costs.solve({ specs: ['b'] });
    expect(tie.ok && tie.packages.map((p) => p.repo)).toEqual(['near']);
  });

  test('weak dependencies follow the switch and say who recommended them', async () => {
    const r = await createResolver();
    await r.loadRpmmd({ id: 'r' }, { primary: primaryOf(pkg('app', '1', '<rpm:recommends><rpm:entry name="extra"/></rpm:recommends>') + pkg('extra', '1')) });
    const on = r.solve({ specs: ['app'] });
    if (!on.ok) throw new Error('unsolved');
    expect(on.packages.find((p) => p.name === 'extra')!.reason).toMatchObject({ kind: 'weak-dependency', by: 'app-1-1.noarch', weakKind: 'recommends' });
    const off = r.solve({ specs: ['app'], weakDeps: false });
    expect(off.ok && off.packages.map((p) => p.name)).toEqual(['app']);
  });

  test('group members carry their group; conditional members follow their condition', async () => {
    const r = await createResolver();
    await r.loadRpmmd({ id: 'r' }, { primary: primaryOf(pkg('core-a', '1') + pkg('lang-x', '1') + pkg('base', '1')) });
    const result = r.solve({
      specs: [],
      groupPackages: [
        { group: 'core', name: 'core-a', type: 'mandatory' },
        { group: 'core', name: 'lang-x', type: 'conditional', requires: 'base' },
        { group: 'core', name: 'not-in-repo', type: 'default' },
      ],
    });
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.packages.map((p) => p.name)).toEqual(['core-a']);
    expect(result.packages[0]!.reason).toMatchObject({ kind: 'group', group: 'core', groupPackageType: 'mandatory' });
    expect(result.skipped).toEqual([{ spec: 'not-in-repo', source: 'group' }]);
    const withBase = r.solve({ specs: ['base'], groupPackages: [{ group: 'core', name: 'lang-x', type: 'conditional', requires: 'base' }] });
    expect(withBase.ok && withBase.packages.map((p) => p.name)).toEqual(['base', 'lang-x']);
  });
});

describe('Resolver pools from .solv', () => {
  test('a parsed repository is the .solv rpmmd2solv writes, file provides recorded, byte for byte', async () => {
    const { primary } = readRepoDir(BASEOS);
    const r = await createResolver();
    expect(await r.loadRpmmd({ id: 'baseos' }, { primary })).toMatchObject({ ok: true, solvables: 1125 });
    const native = spawnSync('rpmmd2solv', [], { input: primary, maxBuffer: 64 * 1024 * 1024 });
    if (native.error) throw new Error(`native rpmmd2solv (libsolv-tools) is needed: ${native.error.message}`);
    expect(native.status).toBe(0);
    expect(Buffer.from(r.solvOf('baseos')!).equals(native.stdout)).toBe(true);
  });

  test('file lists added to a repository loaded from .solv find providers primary.xml did not list', async () => {
    // app needs /usr/share/data/x; primary lists no such file, filelists.xml gives it to data.
    const sum = (c: string) => c.repeat(64);
    const entry = (name: string, c: string, format: string) =>
      `<package type="rpm"><name>${name}</name><arch>noarch</arch><version epoch="0" ver="1" rel="1"/><checksum type="sha256" pkgid="YES">${sum(c)}</checksum><format>${format}</format></package>\n`;
    const primary = primaryOf(entry('app', 'a', '<rpm:requires><rpm:entry name="/usr/share/data/x"/></rpm:requires>') + entry('data', 'b', ''));
    const filelists = enc.encode(
      `<?xml version="1.0" encoding="UTF-8"?>\n<filelists xmlns="http://linux.duke.edu/metadata/filelists" packages="2">\n<package pkgid="${sum('a')}" name="app" arch="noarch"><version epoch="0" ver="1" rel="1"/></package>\n<package pkgid="${sum('b')}" name="data" arch="noarch"><version epoch="0" ver="1" rel="1"/><file>/usr/share/data/x</file></package>\n</filelists>\n`,
    );
    const r = await createResolver();
    await r.loadRpmmd({ id: 'r' }, { primary });
    expect(r.solve({ specs: ['app'] })).toMatchObject({ ok: false, kind: 'problems' });
    expect(await r.loadFilelists('r', filelists)).toMatchObject({ ok: true });
    const solved = r.solve({ specs: ['app'] });
    expect(solved.ok && solved.packages.map((p) => p.name)).toEqual(['app', 'data']);
  });

  test('a small repository swapped at the end of a big pool gives what a fresh pool gives, reasons included', async () => {
    const small = (dep: string) => primaryOf(pkg('tool', '1', `<rpm:requires><rpm:entry name="${dep}"/></rpm:requires>`));
    const request = { specs: ['tool', 'openssh-server'] };
    const swapped = await resolverWith([BASEOS]);
    for (const dep of ['bash', 'python3', 'sudo']) {
      await swapped.loadRpmmd({ id: 'small' }, { primary: small(dep) });
      expect(swapped.solve(request).ok).toBe(true);
      expect(swapped.removeRepo('small')).toBe(true);
    }
    await swapped.loadRpmmd({ id: 'small' }, { primary: small('tar') });
    const fresh = await resolverWith([BASEOS]);
    await fresh.loadRpmmd({ id: 'small' }, { primary: small('tar') });
    const [a, b] = [swapped.solve(request), fresh.solve(request)];
    expect(a.ok).toBe(true);
    expect(a.ok && a.packages).toEqual(b.ok && b.packages);
    expect(swapped.resultText()).toBe(fresh.resultText());
    expect(swapped.explain('tar-2:1.34-3.el9.x86_64')).toEqual(fresh.explain('tar-2:1.34-3.el9.x86_64'));
  });
});

describe('Resolver on bad input', () => {
  test('malformed XML is reported with line and column, and the resolver keeps serving', async () => {
    const r = await createResolver();
    const bad = await r.loadRpmmd({ id: 'bad' }, { primary: enc.encode('<?xml version="1.0"?>\n<metadata xmlns="http://linux.duke.edu/metadata/common">\n<package type="rpm"><name>a</name>\n</metadata>\n') });
    expect(bad).toMatchObject({ ok: false, code: 'bad-xml' });
    expect(!bad.ok && bad.message).toMatch(/line 4:2/);
    expect(await r.loadRpmmd({ id: 'good' }, { primary: primaryOf(pkg('a', '1')) })).toMatchObject({ ok: true, solvables: 1 });
    expect(r.solve({ specs: ['a'] }).ok).toBe(true);
  });

  test('an HTML page or compressed bytes instead of primary.xml are named as such', async () => {
    const r = await createResolver();
    const html = await r.loadRpmmd({ id: 'x' }, { primary: enc.encode('<!DOCTYPE html>\n<html><body>404 Not Found</body></html>') });
    expect(!html.ok && html.message).toMatch(/HTML page/);
    const gz = await r.loadRpmmd({ id: 'x' }, { primary: new Uint8Array([0x1f, 0x8b, 8, 0]) });
    expect(!gz.ok && gz.message).toMatch(/gzip-compressed/);
  });

  test('unknown arch, empty request and no repositories are clear errors', async () => {
    await expect(createResolver('z80')).rejects.toThrow(/unknown architecture 'z80'/);
    const r = await createResolver();
    expect(r.solve({ specs: ['a'] })).toMatchObject({ ok: false, kind: 'invalid', message: expect.stringMatching(/no repository/) });
    await r.loadRpmmd({ id: 'r' }, { primary: primaryOf(pkg('a', '1')) });
    expect(r.solve({ specs: [] })).toMatchObject({ ok: false, kind: 'invalid', message: expect.stringMatching(/empty/) });
    expect(r.solve({ specs: ['a\tb'] })).toMatchObject({ ok: false, kind: 'invalid' });
    expect(await r.setArch('pdp11')).toMatchObject({ ok: false });
    expect(r.solve({ specs: ['a'] }).ok).toBe(true);
  });

  test('a trapped instance is rebuilt with its repositories', async () => {
    const r = await createResolver();
    await r.loadRpmmd({ id: 'r' }, { primary: primaryOf(pkg('a', '1')) });
    const engine = (r as unknown as { engine: { call: (...a: unknown[]) => unknown; broken: boolean } }).engine;
    // simulate a trap inside the module: the engine marks itself broken exactly as on a RuntimeError
    const original = engine.call.bind(engine);
    engine.call = () => {
      engine.broken = true;
      throw new WebAssembly.RuntimeError('unreachable');
    };
    expect(() => r.solve({ specs: ['a'] })).toThrow(/crashed/);
    engine.call = original;
    await r.ready();
    expect(r.solve({ specs: ['a'] }).ok).toBe(true);
  });
});

describe('package records for shadow repositories', () => {
  test('lists every binary of a source package with all its dependency lists', async () => {
    const r = await resolverWith([BASEOS]);
    const records = r.packagesFromSources(['openssh']);
    const names = records.map((p) => p.name).sort();
    expect(names).toEqual(expect.arrayContaining(['openssh', 'openssh-clients', 'openssh-server']));
    expect(new Set(records.map((p) => p.sourceName))).toEqual(new Set(['openssh']));
    const server = records.find((p) => p.name === 'openssh-server')!;
    expect(server.requires.some((d) => d.name === 'openssh' && d.flags === 'EQ' && d.evr === server.evr)).toBe(true);
    expect(server.requires.some((d) => d.pre)).toBe(true);
    expect(server.provides.some((d) => d.name === 'openssh-server')).toBe(true);
    expect(server.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(server.files).toContain('/usr/sbin/sshd');
    expect(r.packagesFromSources(['no-such-source'])).toEqual([]);
  });
});

describe('results leave out the details of packages an earlier result of the same pool gave', () => {
  const engineOf = (r: Resolver) => (r as unknown as { engine: ResolverEngine }).engine;
  // the same answer but for how long it took
  const untimed = (r: ReturnType<Resolver['solve']>) => JSON.parse(JSON.stringify(r, (k, v: unknown) => (/Ms$/.test(k) ? 0 : v))) as unknown;
  const described = (summary: string) =>
    primaryOf(`<package type="rpm"><name>tool</name><arch>noarch</arch><version epoch="0" ver="1" rel="1"/><summary>${summary}</summary><format><rpm:requires><rpm:entry name="bash"/></rpm:requires></format></package>\n`);

  test('a repeated solve is sent as ids and reasons, and answers exactly what a fresh resolver answers', async () => {
    const r = await resolverWith([BASEOS]);
    const replies: string[] = [];
    const call = engineOf(r).call.bind(engineOf(r));
    vi.spyOn(engineOf(r), 'call').mockImplementation((name, strings, numbers) => {
      const reply = call(name, strings, numbers);
      if (name === 'azl_solve') replies.push(reply.text);
      return reply;
    });
    const first = r.solve({ specs: ['openssh-server'] });
    const second = r.solve({ specs: ['openssh-server', 'tar'] });
    expect(replies).toHaveLength(2);
    // every package of the first result comes back without its details; tar, new, with them
    expect(replies[1]!.length).toBeLessThan(replies[0]!.length / 2);
    expect(replies[1]).toContain('"nevra":"tar-');
    expect(replies[1]).not.toContain('"nevra":"openssh-server-');
    const fresh = await resolverWith([BASEOS]);
    expect(untimed(first)).toEqual(untimed(fresh.solve({ specs: ['openssh-server'] })));
    const again = await resolverWith([BASEOS]);
    expect(untimed(second)).toEqual(untimed(again.solve({ specs: ['openssh-server', 'tar'] })));
  });

  test('a repository replaced under the same id gives its own details, not the ones kept from before', async () => {
    const r = await resolverWith([BASEOS]);
    await r.loadRpmmd({ id: 'small' }, { primary: described('the first tool') });
    const before = r.solve({ specs: ['tool'] });
    expect(before.ok && before.packages.find((p) => p.name === 'tool')?.summary).toBe('the first tool');
    await r.loadRpmmd({ id: 'small' }, { primary: described('the second tool') });
    const after = r.solve({ specs: ['tool'] });
    expect(after.ok && after.packages.find((p) => p.name === 'tool')?.summary).toBe('the second tool');
    expect(r.removeRepo('small')).toBe(true);
    await r.loadRpmmd({ id: 'small' }, { primary: described('the third tool') });
    const third = r.solve({ specs: ['tool'] });
    expect(third.ok && third.packages.find((p) => p.name === 'tool')?.summary).toBe('the third tool');
  });

  test('details that went to another caller of the same instance are asked for again', async () => {
    const r = await resolverWith([BASEOS]);
    expect(r.solve({ specs: ['bash'] }).ok).toBe(true);
    const built = buildRequestLines({ specs: ['openssh-server'] });
    if ('problem' in built) throw new Error(built.problem.message);
    // a direct call takes openssh-server's details; the resolver never saw them
    expect(JSON.parse(engineOf(r).call('azl_solve', [built.lines]).text).ok).toBe(true);
    const fresh = await resolverWith([BASEOS]);
    expect(untimed(r.solve({ specs: ['openssh-server'] }))).toEqual(untimed(fresh.solve({ specs: ['openssh-server'] })));
  });
});
