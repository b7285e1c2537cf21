import { describe, expect, it } from 'vitest';
import { buildSearchIndex, searchPackages, type SearchPackageInput } from '../../../src/lib/repo/index.ts';

function pkg(name: string, summary: string, provides: string[] = [], evr = '1.0-1', arch = 'x86_64', repo = 'baseos'): SearchPackageInput {
  return { name, evr, arch, repo, summary, provides: [`${name} = ${evr}`, ...provides] };
}

const packages: SearchPackageInput[] = [
  pkg('bash', 'The GNU Bourne Again shell', ['/bin/sh', 'config(bash) = 5.1.8-2']),
  pkg('bash-completion', 'Programmable completion for Bash'),
  pkg('dash', 'Small and fast POSIX-compliant shell', ['/bin/sh']),
  pkg('glibc', 'The GNU libc libraries', ['libc.so.6()(64bit)', 'libc.so.6(GLIBC_2.34)(64bit)', 'rtld(GNU_HASH)']),
  pkg('glibc', 'The GNU libc libraries', ['libc.so.6'], '2.34-28', 'i686'),
  pkg('httpd', 'Apache HTTP Server', ['webserver']),
  pkg('nginx', 'A high performance web server and reverse proxy server', ['webserver', 'nginx(x86-64) = 1.20']),
  pkg('lighttpd', 'Lightning fast webserver with light system requirements', ['webserver']),
  pkg('python3', 'Python 3.9 interpreter'),
  pkg('python3-libs', 'Python runtime libraries'),
  pkg('libxml2', 'Library providing XML and HTML support', ['libxml2.so.2()(64bit)']),
  pkg('İstanbul-tools', 'Tools with a dotted capital İ in the name'),
];

describe('search index', () => {
  const index = buildSearchIndex(packages);

  it('groups builds of one name and keeps their variants', () => {
    const [glibc] = searchPackages(index, 'glibc');
    expect(glibc?.name).toBe('glibc');
    expect(glibc?.variants).toEqual([
      { evr: '1.0-1', arch: 'x86_64', repo: 'baseos' },
      { evr: '2.34-28', arch: 'i686', repo: 'baseos' },
    ]);
  });

  it('ranks exact name, then prefix, then substring, then provides, then summary', () => {
    expect(searchPackages(index, 'bash').map((h) => [h.name, h.match])).toEqual([
      ['bash', 'name-exact'],
      ['bash-completion', 'name-prefix'],
    ]);
    expect(searchPackages(index, 'ash').map((h) => [h.name, h.match])).toEqual([
      ['bash', 'name'],
      ['dash', 'name'],
      ['bash-completion', 'name'],
      // rtld(GNU_HASH)
      ['glibc', 'provides'],
    ]);
    expect(searchPackages(index, 'webserver').map((h) => [h.name, h.match])).toEqual([
      ['httpd', 'provides-exact'],
      ['nginx', 'provides-exact'],
      ['lighttpd', 'provides-exact'],
    ]);
    expect(searchPackages(index, 'shell').map((h) => [h.name, h.match])).toEqual([
      ['bash', 'summary'],
      ['dash', 'summary'],
    ]);
  });

  it('finds a package by a soname provide, exact or partial', () => {
    expect(searchPackages(index, 'libc.so.6').map((h) => [h.name, h.match])).toEqual([['glibc', 'provides-exact']]);
    expect(searchPackages(index, 'GLIBC_2.34').map((h) => h.name)).toEqual(['glibc']);
    expect(searchPackages(index, '/bin/sh').map((h) => h.name)).toEqual(['bash', 'dash']);
  });

  it('a non-exact provide at the very start of the haystack is still found (and the scan ends)', () => {
    const tiny = buildSearchIndex([{ name: 'a', evr: '1-1', arch: 'noarch', repo: 'r', summary: '', provides: ['libfoo', 'lib'] }]);
    expect(searchPackages(tiny, 'lib').map((h) => h.match)).toEqual(['provides-exact']);
    const partial = buildSearchIndex([{ name: 'a', evr: '1-1', arch: 'noarch', repo: 'r', summary: '', provides: ['libfoo'] }]);
    expect(searchPackages(partial, 'lib').map((h) => h.match)).toEqual(['provides']);
  });

  it('needs every word somewhere (name, summary or provides), case-insensitively', () => {
    expect(searchPackages(index, 'Reverse PROXY').map((h) => h.name)).toEqual(['nginx']);
    expect(searchPackages(index, 'web server').map((h) => h.name)).toEqual(['httpd', 'nginx', 'lighttpd']);
    expect(searchPackages(index, 'python libraries').map((h) => h.name)).toEqual(['python3-libs']);
    expect(searchPackages(index, 'python nothing-like-this')).toEqual([]);
  });

  it('one letter searches names only; the limit holds; empty queries return nothing', () => {
    expect(searchPackages(index, 'x').map((h) => h.name)).toEqual(['nginx', 'libxml2']);
    expect(searchPackages(index, 'h', 2).length).toBe(2);
    expect(searchPackages(index, '   ')).toEqual([]);
  });

  it('keeps offsets right when lowercasing would change a string’s length', () => {
    expect(searchPackages(index, 'tools').map((h) => h.name)).toEqual(['İstanbul-tools']);
    expect(searchPackages(index, 'dotted').map((h) => h.name)).toEqual(['İstanbul-tools']);
  });

  it('survives structured cloning (how it is cached) and answers the same', () => {
    const copy = structuredClone(index);
    expect(searchPackages(copy, 'server')).toEqual(searchPackages(index, 'server'));
    expect(searchPackages(copy, 'bash', 1)[0]?.name).toBe('bash');
    expect(copy.names).toHaveLength(11);
  });

  it('finds packages among 60,000 generated ones (its speed is measured by npm run bench, not here)', () => {
    const many: SearchPackageInput[] = [];
    for (let i = 0; i < 60_000; i++) many.push(pkg(`pkg${i}-${['lib', 'python3', 'devel', 'tools'][i % 4]}`, `Summary number ${i} about ${['servers', 'shells', 'fonts'][i % 3]}`, [`libp${i}.so.1()(64bit)`]));
    const big = buildSearchIndex(many);
    for (const q of ['p', 'pk', 'pkg1', 'python3', 'libp4', 'shells', 'pkg59999-tools', 'servers python3']) {
      expect(searchPackages(big, q, 50).length, q).toBeGreaterThan(0);
    }
    expect(searchPackages(big, 'pkg59999-tools')[0]?.match).toBe('name-exact');
  });
});
