import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listBundledRepos, loadBundledRepo } from '../../../src/lib/repo/index.ts';
import { FakeServer, FIXTURES, readTree } from './support.ts';

const PUBLIC = join(import.meta.dirname, '../../../public');
const APP_BASE = 'https://playground.example/azl/';
const server = () => new FakeServer().mount(APP_BASE, PUBLIC);

describe('bundled repositories', () => {
  it('index.json lists every bundled repo with a package count that matches its primary.xml', async () => {
    const listed = await listBundledRepos({ fetch: server().fetch, appBaseUrl: APP_BASE });
    expect(listed.ok).toBe(true);
    if (!listed.ok) return;
    expect(listed.value.map((r) => r.id)).toEqual(['centos-stream-9-baseos-2022', 'fedora32-bash', 'fedora32-libvirt-devel', 'el8-libvirt-devel']);
    for (const entry of listed.value) {
      const loaded = await loadBundledRepo(entry.id, { fetch: server().fetch, appBaseUrl: APP_BASE });
      if (!loaded.ok) throw new Error(loaded.error.message);
      expect(loaded.value.info.packageCount).toBe(entry.packageCount);
      expect(loaded.value.info.identity).toBe(`bundle:${entry.id}`);
      expect(loaded.value.info.baseUrl).toBe(`${APP_BASE}repos/${entry.path}`);
      expect(readFileSync(join(PUBLIC, 'repos', entry.provenance ?? 'missing'), 'utf8')).toMatch(/^# /);
    }
  });

  it('bundled files are byte-for-byte the fixtures, with their provenance notes', () => {
    const pairs = [
      ['repos/centos-stream-9-baseos-2022', 'centos-stream-9-baseos-2022'],
      ['repos/fedora32-el8-closures-bazeldnf/bash-fc32', 'fedora32-el8-closures-bazeldnf/bash-fc32'],
      ['repos/fedora32-el8-closures-bazeldnf/libvirt-devel-fc32', 'fedora32-el8-closures-bazeldnf/libvirt-devel-fc32'],
      ['repos/fedora32-el8-closures-bazeldnf/libvirt-devel-el8', 'fedora32-el8-closures-bazeldnf/libvirt-devel-el8'],
    ];
    for (const [bundled, fixture] of pairs) {
      const mine = readTree(join(PUBLIC, bundled!, 'repodata'));
      const theirs = readTree(join(FIXTURES, fixture!, 'repodata'));
      expect([...mine.keys()].sort()).toEqual([...theirs.keys()].sort());
      for (const [name, bytes] of mine) expect(Buffer.compare(bytes, theirs.get(name)!)).toBe(0);
    }
    expect(readFileSync(join(PUBLIC, 'repos/centos-stream-9-baseos-2022/PROVENANCE.md'), 'utf8')).toBe(readFileSync(join(FIXTURES, 'centos-stream-9-baseos-2022/PROVENANCE.md'), 'utf8'));
    expect(readFileSync(join(PUBLIC, 'repos/fedora32-el8-closures-bazeldnf/PROVENANCE.md'), 'utf8')).toBe(readFileSync(join(FIXTURES, 'fedora32-el8-closures-bazeldnf/PROVENANCE.md'), 'utf8'));
  });

  it('CS9 bundle takes comps from group_gz, never asking for the absent plain comps, and stays under the app base URL', async () => {
    const s = server();
    const loaded = await loadBundledRepo('centos-stream-9-baseos-2022', { fetch: s.fetch, appBaseUrl: APP_BASE });
    expect(loaded.ok && loaded.value.comps?.groups.length).toBe(34);
    expect(loaded.ok && loaded.value.notes).toEqual([]);
    // nothing outside the app's own base URL was requested
    expect(s.requested.every((u) => u.startsWith(APP_BASE))).toBe(true);
  });

  it('an unknown bundle id names the ones that exist', async () => {
    const loaded = await loadBundledRepo('nope', { fetch: server().fetch, appBaseUrl: APP_BASE });
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.error.hint).toContain('centos-stream-9-baseos-2022');
  });
});
