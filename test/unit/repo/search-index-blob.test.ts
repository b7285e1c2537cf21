import { describe, expect, it } from 'vitest';
import { buildSearchIndex, searchPackages } from '../../../src/lib/repo/index.ts';
import { searchIndexFromBlob, searchIndexToBlob } from '../../../src/lib/repo/search-index-blob.ts';

const packages = [
  { name: 'bash', evr: '5.1-1', arch: 'x86_64', repo: 'fedora', summary: 'The GNU Bourne Again shell', provides: ['/bin/sh', 'bash(x86-64)'] },
  { name: 'bash', evr: '5.1-2', arch: 'aarch64', repo: 'updates', summary: 'The GNU Bourne Again shell', provides: ['/bin/sh'] },
  { name: 'zsh', evr: '5.9-1', arch: 'x86_64', repo: 'fedora', summary: 'Shell with ünïcode, a comma, and İ (which lowercases longer)', provides: [] },
  { name: 'empty-summary', evr: '1-1', arch: 'noarch', repo: 'fedora', summary: '', provides: [] },
];

describe('a search index as one Blob', () => {
  it('comes back equal, and answers the same queries', async () => {
    const index = buildSearchIndex(packages);
    const back = await searchIndexFromBlob(searchIndexToBlob(index));
    expect(back).toEqual(index);
    for (const query of ['bash', 'sh', 'ünï', '/bin/sh', 'İ']) expect(searchPackages(back!, query, 10)).toEqual(searchPackages(index, query, 10));
  });

  it('an empty index comes back empty', async () => {
    const index = buildSearchIndex([]);
    expect(await searchIndexFromBlob(searchIndexToBlob(index))).toEqual(index);
  });

  it('a truncated, padded, mislabelled or foreign Blob is not an index (it is built again)', async () => {
    const bytes = new Uint8Array(await searchIndexToBlob(buildSearchIndex(packages)).arrayBuffer());
    expect(await searchIndexFromBlob(new Blob([bytes.subarray(0, bytes.length - 3)]))).toBeUndefined();
    expect(await searchIndexFromBlob(new Blob([bytes, new Uint8Array([0])]))).toBeUndefined();
    expect(await searchIndexFromBlob(new Blob([new Uint8Array([1, 2])]))).toBeUndefined();
    expect(await searchIndexFromBlob(new Blob(['{"not":"an index"}']))).toBeUndefined();
    const headerLength = new DataView(bytes.buffer).getUint32(0, true);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + headerLength))) as { counts: number[] };
    header.counts[0] = (header.counts[0] ?? 0) + 1;
    const lying = new TextEncoder().encode(JSON.stringify(header));
    const prefix = new Uint8Array(4);
    new DataView(prefix.buffer).setUint32(0, lying.length, true);
    expect(await searchIndexFromBlob(new Blob([prefix, lying, bytes.subarray(4 + headerLength)]))).toBeUndefined();
  });
});
