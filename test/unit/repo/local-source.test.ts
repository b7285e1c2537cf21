import { gzipSync, zipSync } from 'fflate';
import { createTar } from 'nanotar';
import { execFileSync } from 'node:child_process';
import { basename, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectArchive, loadLocalRepo, type LocalFile } from '../../../src/lib/repo/index.ts';
import { BASH_FC32, CS9, DEBIAN, requireCommand, readTree, sha256Hex } from './support.ts';

const cs9 = readTree(CS9);
const cs9Repodata = [...cs9].filter(([p]) => p.startsWith('repodata/'));
const PRIMARY_OPEN_SHA = '4fd621cd9253a7d7013af758bbf4b200142f29515ad0fb99d544864a5ad7e4a7';

function asFiles(entries: [string, Uint8Array][], prefix = ''): LocalFile[] {
  return entries.map(([path, data]) => ({ path: prefix + path, data }));
}

async function expectCs9(files: LocalFile[]) {
  const loaded = await loadLocalRepo(files);
  if (!loaded.ok) throw new Error(loaded.error.message);
  expect(await sha256Hex(loaded.value.primary)).toBe(PRIMARY_OPEN_SHA);
  expect(loaded.value.info.packageCount).toBe(1125);
  expect(loaded.value.comps?.groups.length).toBe(34);
  expect(loaded.value.info.source).toBe('local');
  return loaded.value;
}

describe('loadLocalRepo', () => {
  it('a dropped folder containing repodata/ (webkitRelativePath style); identity is the repomd.xml hash', async () => {
    const loaded = await expectCs9(asFiles(cs9Repodata, 'cs9-baseos/'));
    expect(loaded.info.label).toBe('cs9-baseos');
    expect(loaded.info.identity).toBe(`local:${await sha256Hex(cs9.get('repodata/repomd.xml')!)}`);
    const filelists = await loaded.filelists?.load();
    expect(filelists?.ok && filelists.value.length).toBe(5894169);
  });

  it('the repodata/ folder itself, and loose files', async () => {
    await expectCs9(asFiles(cs9Repodata));
    await expectCs9(cs9Repodata.map(([p, data]) => ({ path: p.replace('repodata/', ''), data })));
  });

  it('files given as Blobs', async () => {
    await expectCs9(cs9Repodata.map(([p, data]) => ({ path: p, data: new Blob([data as Uint8Array<ArrayBuffer>]) })));
  });

  it('a .tar (GNU, ustar and pax formats, made by the tar command) and a .tar.gz of the folder', async () => {
    requireCommand('tar');
    for (const format of ['gnu', 'ustar', 'pax']) {
      const tar = new Uint8Array(execFileSync('tar', [`--format=${format}`, '-cf', '-', '-C', dirname(CS9), `${basename(CS9)}/repodata`], { maxBuffer: 64 << 20 }));
      expect(detectArchive('repo.tar', tar)).toBe('tar');
      // ustar keeps long paths in a prefix field nanotar does not read; files are then found by name.
      await expectCs9([{ path: `repo-${format}.tar`, data: tar }]);
      if (format === 'gnu') await expectCs9([{ path: 'repo.tar.gz', data: gzipSync(tar) }]);
    }
  });

  it('a .zip of the folder, and a tar written by nanotar', async () => {
    const zip = zipSync(Object.fromEntries(cs9Repodata.map(([name, data]) => [`cs9/${name}`, data])));
    expect(detectArchive('whatever.bin', zip)).toBe('zip');
    await expectCs9([{ path: 'repo.zip', data: zip }]);
    const bash = [...readTree(BASH_FC32)];
    const loaded = await loadLocalRepo([{ path: 'bash.tar', data: createTar(bash.map(([name, data]) => ({ name: `bash-fc32/${name}`, data }))) }]);
    expect(loaded.ok && loaded.value.info.packageCount).toBe(79);
  });

  it('an archive holding two repos uses the shallowest repomd.xml and its own files', async () => {
    const bash = readTree(BASH_FC32);
    const zip = zipSync(Object.fromEntries([...cs9Repodata.map(([n, data]) => [`a/${n}`, data] as const), ...[...bash].map(([n, data]) => [`a/nested/bash/${n}`, data] as const)]));
    await expectCs9([{ path: 'both.zip', data: zip }]);
  });

  it('the 63,440-package Debian stand-in (100 MB of primary.xml) loads and verifies', async () => {
    const loaded = await loadLocalRepo(asFiles([...readTree(DEBIAN)].filter(([p]) => p.startsWith('repodata/'))));
    if (!loaded.ok) throw new Error(loaded.error.message);
    expect(loaded.value.info.packageCount).toBe(63440);
    expect(loaded.value.primary.length).toBe(99571416);
    expect(loaded.value.comps?.environments.map((e) => e.id)).toEqual(['debian-standard']);
    expect(loaded.value.filelists).toBeUndefined();
  });

  it('no repomd.xml → a clear failure', async () => {
    const loaded = await loadLocalRepo(asFiles(cs9Repodata.filter(([p]) => !p.endsWith('repomd.xml'))));
    expect(!loaded.ok && loaded.error.code).toBe('repo/no-repomd');
  });

  it('a file repomd.xml names but that is missing → file-missing naming it', async () => {
    const loaded = await loadLocalRepo(asFiles(cs9Repodata.filter(([p]) => !p.includes('primary'))));
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.error.code).toBe('repo/file-missing');
    expect(loaded.error.message).toContain('130494033cb9bffa40828ebc814d016920d9ce5d60041467af283ffcf38adef0-primary.xml.gz');
  });

  it('a damaged archive → bad-archive naming it', async () => {
    const zip = zipSync({ 'repodata/repomd.xml': cs9.get('repodata/repomd.xml')! });
    const loaded = await loadLocalRepo([{ path: 'repo.zip', data: zip.subarray(0, zip.length - 30) }]);
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.error.code).toBe('repo/bad-archive');
    expect(loaded.error.message).toMatch(/^repo\.zip: could not read this zip archive/);
  });

  it('a truncated .tar.gz → corrupt-compressed naming it', async () => {
    const tgz = gzipSync(createTar([{ name: 'repodata/repomd.xml', data: cs9.get('repodata/repomd.xml')! }]));
    const loaded = await loadLocalRepo([{ path: 'repo.tar.gz', data: tgz.subarray(0, 40) }]);
    expect(!loaded.ok && loaded.error.message).toMatch(/^repo\.tar\.gz: the gzip data is truncated or corrupt/);
  });
});
