/**
 * A deterministic generator of Fedora-shaped rpm-md repositories for the scale table: libraries
 * with sonames, -devel packages with pkgconfig provides, applications with /usr/bin files, python
 * modules, docs and langpacks; file dependencies (/bin/sh, /usr/bin/python3, /usr/bin/pkg-config,
 * one application's binary), rich dependencies ((a or b), (a if b)) and weak ones (Recommends,
 * Suggests, Supplements), multilib i686 copies of some libraries. The same N gives the same bytes.
 */
import { createHash } from 'node:crypto';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** Numbers in [0, 1) from a seeded generator (pure-rand), so the repository is the same on every machine. */
function prng(seed: number): () => number {
  const generator = xoroshiro128plus(seed);
  return () => uniformFloat64(generator);
}

const SYLLABLES = ['ka', 'lo', 'mi', 'nu', 'pe', 'ri', 'so', 'ta', 'vo', 'xe', 'zu', 'gra', 'bli', 'dor', 'fen', 'hux', 'jin', 'qua', 'wex', 'yol'];

interface Dep {
  name: string;
  flags?: 'EQ' | 'GE' | 'LT';
  ver?: string;
  rel?: string;
  pre?: boolean;
}

interface Pkg {
  name: string;
  arch: 'x86_64' | 'noarch' | 'i686';
  ver: string;
  rel: string;
  summary: string;
  source: string;
  files: string[];
  provides: Dep[];
  requires: Dep[];
  recommends: Dep[];
  suggests: Dep[];
  supplements: Dep[];
  conflicts: Dep[];
  obsoletes: Dep[];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function entries(tag: string, deps: readonly Dep[]): string {
  if (deps.length === 0) return '';
  const lines = deps.map((d) => `      <rpm:entry name="${esc(d.name)}"${d.flags ? ` flags="${d.flags}" epoch="0" ver="${d.ver}"${d.rel ? ` rel="${d.rel}"` : ''}` : ''}${d.pre ? ' pre="1"' : ''}/>`);
  return `    <rpm:${tag}>\n${lines.join('\n')}\n    </rpm:${tag}>\n`;
}

function packageXml(p: Pkg, index: number): string {
  const sum = createHash('sha256').update(`${p.name}-${p.ver}-${p.rel}.${p.arch}`).digest('hex');
  const size = 20_000 + ((index * 7919) % 4_000_000);
  return `<package type="rpm">
  <name>${p.name}</name>
  <arch>${p.arch}</arch>
  <version epoch="0" ver="${p.ver}" rel="${p.rel}"/>
  <checksum type="sha256" pkgid="YES">${sum}</checksum>
  <summary>${esc(p.summary)}</summary>
  <description>${esc(p.summary)}. Generated for the azl-playground scale bench.</description>
  <packager>Fedora Project</packager>
  <url>https://example.invalid/${p.source}</url>
  <time file="1700000000" build="1699990000"/>
  <size package="${size}" installed="${size * 3}" archive="${size * 3 + 1024}"/>
  <location href="Packages/${p.name[0]}/${p.name}-${p.ver}-${p.rel}.${p.arch}.rpm"/>
  <format>
    <rpm:license>MIT</rpm:license>
    <rpm:vendor>Fedora Project</rpm:vendor>
    <rpm:group>Unspecified</rpm:group>
    <rpm:buildhost>buildvm.example.invalid</rpm:buildhost>
    <rpm:sourcerpm>${p.source}-${p.ver}-${p.rel}.src.rpm</rpm:sourcerpm>
    <rpm:header-range start="4504" end="${4504 + (size % 90_000)}"/>
${entries('provides', p.provides)}${entries('requires', p.requires)}${entries('conflicts', p.conflicts)}${entries('obsoletes', p.obsoletes)}${entries('recommends', p.recommends)}${entries('suggests', p.suggests)}${entries('supplements', p.supplements)}${p.files.map((f) => `    <file>${esc(f)}</file>\n`).join('')}  </format>
</package>
`;
}

function base(): Pkg[] {
  const mk = (name: string, extra: Partial<Pkg>): Pkg => ({ name, arch: 'x86_64', ver: '1.0', rel: '1.fc43', summary: `${name} base package`, source: name, files: [], provides: [{ name, flags: 'EQ', ver: '1.0', rel: '1.fc43' }], requires: [], recommends: [], suggests: [], supplements: [], conflicts: [], obsoletes: [], ...extra });
  return [
    mk('filesystem', { files: ['/etc', '/usr/bin', '/usr/lib64'] }),
    mk('glibc', { ver: '2.42', provides: [{ name: 'glibc', flags: 'EQ', ver: '2.42', rel: '1.fc43' }, { name: 'libc.so.6()(64bit)' }, { name: 'libc.so.6(GLIBC_2.34)(64bit)' }, { name: 'libm.so.6()(64bit)' }, { name: 'ld-linux-x86-64.so.2()(64bit)' }], requires: [{ name: 'filesystem' }], files: ['/usr/sbin/ldconfig', '/etc/ld.so.conf'] }),
    mk('bash', { ver: '5.3', files: ['/usr/bin/bash', '/usr/bin/sh'], provides: [{ name: 'bash', flags: 'EQ', ver: '5.3', rel: '1.fc43' }, { name: '/bin/sh' }, { name: '/bin/bash' }], requires: [{ name: 'libc.so.6()(64bit)' }] }),
    mk('coreutils', { ver: '9.7', files: ['/usr/bin/ls', '/usr/bin/cp'], requires: [{ name: 'libc.so.6()(64bit)' }, { name: '/bin/sh', pre: true }] }),
    mk('python3', { ver: '3.14.0', provides: [{ name: 'python3', flags: 'EQ', ver: '3.14.0', rel: '1.fc43' }, { name: 'python(abi)', flags: 'EQ', ver: '3.14' }], files: ['/usr/bin/python3', '/usr/bin/python3.14'], requires: [{ name: 'libc.so.6()(64bit)' }, { name: 'libm.so.6()(64bit)' }] }),
    mk('pkgconf-pkg-config', { ver: '2.3.0', files: ['/usr/bin/pkg-config'], provides: [{ name: 'pkgconf-pkg-config', flags: 'EQ', ver: '2.3.0', rel: '1.fc43' }, { name: 'pkgconfig', flags: 'EQ', ver: '1:2.3.0' }], requires: [{ name: 'libc.so.6()(64bit)' }] }),
    mk('langpacks-en', { arch: 'noarch', files: [] }),
  ];
}

/** The packages of a repository of about N packages. */
export function generatePackages(n: number): Pkg[] {
  const rnd = prng(0x5eed + n);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const word = (i: number) => `${SYLLABLES[i % 20]}${SYLLABLES[Math.floor(i / 20) % 20]}${i >= 400 ? i : ''}`;
  const pkgs = base();
  const libs: { name: string; soname: string; ver: string }[] = [];
  const apps: string[] = [];
  const pymods: string[] = [];
  let i = 0;
  while (pkgs.length < n) {
    const stem = word(i);
    const ver = `${1 + (i % 9)}.${i % 17}.${i % 5}`;
    const rel = `${1 + (i % 3)}.fc43`;
    const kind = i % 20;
    const sys: Dep[] = [{ name: 'libc.so.6()(64bit)' }, { name: 'libc.so.6(GLIBC_2.34)(64bit)' }];
    const someLibs = (k: number) => Array.from({ length: Math.min(k, libs.length) }, () => ({ name: pick(libs).soname }));
    const common = { ver, rel, source: stem, recommends: [] as Dep[], suggests: [] as Dep[], supplements: [] as Dep[], conflicts: [] as Dep[], obsoletes: [] as Dep[] };
    if (kind < 6) {
      // a library and its -devel; every 4th also as an i686 multilib copy
      const major = 1 + (i % 4);
      const soname = `lib${stem}.so.${major}()(64bit)`;
      const lib: Pkg = { ...common, name: `lib${stem}`, arch: 'x86_64', summary: `The ${stem} library`, files: [`/etc/${stem}.conf`], provides: [{ name: `lib${stem}`, flags: 'EQ', ver, rel }, { name: soname }, { name: `lib${stem}(x86-64)`, flags: 'EQ', ver, rel }], requires: [...sys, ...someLibs(1 + (i % 3)), ...(i % 11 === 0 ? [{ name: '/usr/sbin/ldconfig', pre: true }] : [])] };
      pkgs.push(lib);
      if (i % 4 === 0) pkgs.push({ ...lib, arch: 'i686', provides: [{ name: `lib${stem}`, flags: 'EQ', ver, rel }, { name: `lib${stem}.so.${major}` }], requires: [{ name: 'libc.so.6' }] });
      pkgs.push({ ...common, name: `lib${stem}-devel`, arch: 'x86_64', summary: `Development files for ${stem}`, files: [], provides: [{ name: `lib${stem}-devel`, flags: 'EQ', ver, rel }, { name: `pkgconfig(${stem})`, flags: 'EQ', ver }], requires: [{ name: `lib${stem}`, flags: 'EQ', ver, rel }, { name: '/usr/bin/pkg-config' }, ...(libs.length ? [{ name: `pkgconfig(${pick(libs).name.slice(3)})` }] : [])] });
      libs.push({ name: `lib${stem}`, soname, ver });
    } else if (kind < 12) {
      // an application with a binary, sonames, sometimes a script, a weak dep and a rich dep
      const requires: Dep[] = [...sys, ...someLibs(2 + (i % 5))];
      if (i % 3 === 0) requires.push({ name: '/bin/sh' });
      if (apps.length && i % 7 === 0) requires.push({ name: `/usr/bin/${pick(apps)}` });
      if (apps.length > 2 && i % 9 === 0) requires.push({ name: `(${pick(apps)} or ${pick(apps)})` });
      const app: Pkg = { ...common, name: stem, arch: 'x86_64', summary: `The ${stem} tool`, files: [`/usr/bin/${stem}`, `/etc/${stem}/${stem}.conf`], provides: [{ name: stem, flags: 'EQ', ver, rel }, { name: `${stem}(x86-64)`, flags: 'EQ', ver, rel }], requires };
      if (apps.length && i % 4 === 0) app.recommends.push({ name: pick(apps) });
      if (i % 13 === 0) app.suggests.push({ name: `${stem}-doc` });
      if (i % 29 === 0 && apps.length) app.conflicts.push({ name: pick(apps), flags: 'LT', ver: '0.1' });
      if (i % 31 === 0) app.obsoletes.push({ name: `${stem}-legacy`, flags: 'LT', ver, rel });
      pkgs.push(app);
      if (i % 5 === 0) pkgs.push({ ...common, name: `${stem}-doc`, arch: 'noarch', summary: `Documentation for ${stem}`, files: [], provides: [{ name: `${stem}-doc`, flags: 'EQ', ver, rel }], requires: [{ name: `(${stem} if langpacks-en)` }], supplements: [{ name: `(${stem} and langpacks-en)` }] });
      apps.push(stem);
    } else if (kind < 17) {
      // a python module
      const mod = `py${stem}`;
      const requires: Dep[] = [{ name: 'python(abi)', flags: 'EQ', ver: '3.14' }, { name: '/usr/bin/python3' }];
      for (let k = 0; k < i % 4 && pymods.length; k++) requires.push({ name: `python3dist(${pick(pymods)})`, flags: 'GE', ver: '1' });
      pkgs.push({ ...common, name: `python3-${mod}`, arch: 'noarch', summary: `Python module ${mod}`, files: i % 6 === 0 ? [`/usr/bin/${mod}`] : [], provides: [{ name: `python3-${mod}`, flags: 'EQ', ver, rel }, { name: `python3dist(${mod})`, flags: 'EQ', ver }, { name: `python3.14dist(${mod})`, flags: 'EQ', ver }], requires });
      pymods.push(mod);
    } else {
      // data and langpacks
      pkgs.push({ ...common, name: `${stem}-data`, arch: 'noarch', summary: `Data files of ${stem}`, files: [], provides: [{ name: `${stem}-data`, flags: 'EQ', ver, rel }], requires: apps.length ? [{ name: pick(apps) }] : [], supplements: [{ name: 'langpacks-en' }] });
    }
    i++;
  }
  return pkgs.slice(0, n);
}

/** primary.xml of PKGS. */
export function primaryXml(pkgs: readonly Pkg[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<metadata xmlns="http://linux.duke.edu/metadata/common" xmlns:rpm="http://linux.duke.edu/metadata/rpm" packages="${pkgs.length}">\n${pkgs.map(packageXml).join('')}</metadata>\n`;
}

/** The names of applications in PKGS (install jobs of growing size pick from these). */
export function applicationNames(pkgs: readonly Pkg[]): string[] {
  return pkgs.filter((p) => p.arch === 'x86_64' && p.files.some((f) => f === `/usr/bin/${p.name}`)).map((p) => p.name);
}
