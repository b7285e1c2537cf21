import 'fake-indexeddb/auto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckoutReader, loadFromReader, loadProject, resolveComponent, resolveProject } from '../../../src/lib/config/index.ts';
import { directoryHandleSource, fileListSource, type BlobLike, type DirectoryHandleLike, type FileHandleLike } from '../../../src/lib/project/browser-source.ts';
import { listedFilesSource } from '../../../src/lib/project/archive-source.ts';
import { planOpen } from '../../../src/lib/project/open-tree.ts';
import { listZip, type ListedFile } from '../../../src/lib/project/zip.ts';
import { TextReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import { readCommittedRender, readComponentFiles } from '../../../src/lib/project/checkout.ts';
import { fetchUpstreamSpec, openUpstreamSpecCache, upstreamSpecLocation } from '../../../src/lib/project/upstream-spec.ts';
import { aprilTree } from '../config/fixture-files.ts';

/** A File that counts how often it is read, to show what a lazy load leaves alone. */
class CountingFile implements BlobLike {
  reads = 0;
  private readonly file: File;
  constructor(text: string, name: string) {
    this.file = new File([text], name);
  }
  get size(): number {
    return this.file.size;
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    this.reads += 1;
    return this.file.arrayBuffer();
  }
}

/** The April tree as an uploaded folder `azurelinux/…`, plus rendered specs under specs/. */
function uploaded(): { entries: { path: string; file: CountingFile }[]; byPath: Map<string, CountingFile> } {
  const files = aprilTree();
  files.set('specs/b/bash/bash.spec', '# This spec file has been modified by azldev to include build configuration overlays.\nName: bash\n');
  for (let i = 0; i < 300; i += 1) files.set(`specs/p/pkg${i}/pkg${i}.spec`, `Name: pkg${i}\n`);
  files.set('base/comps/opencv/opencv.spec', 'Name: opencv\nRelease: 1%{?dist}\n');
  files.set('base/comps/opencv/opencv-fix.patch', '--- a\n+++ b\n');
  files.set('.git/objects/aa/bbbb', 'not a project file');
  const byPath = new Map<string, CountingFile>();
  const entries = [...files].map(([path, text]) => {
    const file = new CountingFile(text, path.slice(path.lastIndexOf('/') + 1));
    byPath.set(path, file);
    return { path: `azurelinux/${path}`, file };
  });
  return { entries, byPath };
}

describe('an uploaded checkout folder', () => {
  it('loads as the eager load does, reading only config files', async () => {
    const { entries, byPath } = uploaded();
    const reader = new CheckoutReader(fileListSource(entries));
    const lazy = await loadFromReader(reader);
    const eager = loadProject(aprilTree());
    expect(lazy.diagnostics).toEqual(eager.diagnostics);
    expect(JSON.stringify(resolveProject(lazy.project).components)).toBe(JSON.stringify(resolveProject(eager.project).components));
    const read = [...byPath].filter(([, f]) => f.reads > 0).map(([p]) => p);
    expect(read.every((p) => p.endsWith('.toml'))).toBe(true);
    expect(read.some((p) => p.startsWith('specs/'))).toBe(false);
    expect(reader.existing.has('.git/objects/aa/bbbb')).toBe(false);
  });

  it('reads a component\'s spec and the files beside it only when asked, and the committed render beside ours', async () => {
    const { entries, byPath } = uploaded();
    const reader = new CheckoutReader(fileListSource(entries));
    const loaded = await loadFromReader(reader);
    expect(byPath.get('base/comps/opencv/opencv.spec')?.reads).toBe(0);
    const opencv = resolveComponent(loaded.project, 'opencv');
    if (!opencv) throw new Error('no opencv');
    await readComponentFiles(reader, opencv);
    expect(byPath.get('base/comps/opencv/opencv.spec')?.reads).toBe(1);
    expect(reader.files.get('base/comps/opencv/opencv-fix.patch')).toBe('--- a\n+++ b\n');
    expect(byPath.get('base/comps/bash/bash.comp.toml')?.reads).toBe(1);
    const bash = resolveComponent(loaded.project, 'bash');
    if (!bash) throw new Error('no bash');
    // rendered-specs-dir is ../specs from base/, so specs/ at the root.
    const committed = await readCommittedRender(reader, bash);
    expect(committed).toEqual({ path: 'specs/b/bash/bash.spec', text: expect.stringContaining('Name: bash') });
    expect(byPath.get('specs/p/pkg1/pkg1.spec')?.reads).toBe(0);
  });
});

describe('a checkout packed as a .zip', () => {
  it('loads from the central directory and decompresses only the entries the load reads', async () => {
    const files = aprilTree();
    // Stored (level 0), so the text of an entry can be found in the archive and damaged.
    const writer = new ZipWriter(new Uint8ArrayWriter(), { level: 0, useWebWorkers: false });
    for (const [path, text] of files) await writer.add(`azurelinux/${path}`, new TextReader(text));
    // Rendered specs the config never names, damaged below: reading one fails its CRC.
    for (let i = 0; i < 200; i += 1) await writer.add(`azurelinux/specs/p/pkg${i}/pkg${i}.spec`, new TextReader(`UNNAMED-${String(i).padStart(4, '0')}\n`));
    const zip = await writer.close();
    const marker = new TextEncoder().encode('UNNAMED-');
    for (let at = 0; at < zip.length - marker.length; at += 1) {
      if (marker.every((b, k) => zip[at + k] === b)) zip[at] = 0x58;
    }
    const listed = await listZip(new Blob([zip]));
    if (!listed.ok) throw new Error(listed.error);
    const source = listedFilesSource(listed.value);
    const lazy = await loadFromReader(new CheckoutReader(source));
    const eager = loadProject(aprilTree());
    expect(lazy.diagnostics).toEqual(eager.diagnostics);
    expect(lazy.project.components.size).toBe(eager.project.components.size);
    // The damage is real: reading a damaged entry fails.
    await expect(source.read('specs/p/pkg1/pkg1.spec')).rejects.toThrow();
  });
});

describe('opening a folder or a .zip from the Projects menu', () => {
  const listed = (paths: string[], size = 10): ListedFile[] => paths.map((path) => ({ path, size, bytes: () => Promise.reject(new Error(`${path} was read`)) }));
  const many = (n: number) => Array.from({ length: n }, (_, i) => `tree/specs/p/pkg${i}.spec`);

  it('keeps a small tree as a project, whatever it holds, leaving version-control data out', () => {
    const plan = planOpen(listed(['tree/azldev.toml', 'tree/.git/HEAD', 'tree/base/x.toml']));
    expect(plan.kind === 'project' && plan.files.map((f) => f.path)).toEqual(['tree/azldev.toml', 'tree/base/x.toml']);
  });

  it('opens an azldev checkout too big to keep in place, judged from the listing without reading a file', () => {
    expect(planOpen(listed(['tree/azldev.toml', ...many(5000)]))).toEqual({ kind: 'checkout' });
    expect(planOpen(listed(['tree/azldev.toml', 'tree/big.tar'], 65 * 1024 * 1024))).toEqual({ kind: 'checkout' });
  });

  it('refuses a big tree that is no azldev checkout, saying why', () => {
    const plan = planOpen(listed(['tree/sub/azldev.toml', ...many(5000)]));
    expect(plan).toEqual({ kind: 'refused', reason: 'it holds more than 5000 files, more than a project kept in this browser may hold, and it has no azldev.toml at its top to be opened in place as a checkout' });
    expect(planOpen(listed(['tree/.git/HEAD']))).toEqual({ kind: 'refused', reason: 'it holds no file' });
  });
});

/** A directory handle over a map, shaped like the File System Access API. */
function handleOver(files: Map<string, string>, dir = '', name = 'checkout'): DirectoryHandleLike & { listings: string[] } {
  const listings: string[] = [];
  const make = (at: string, label: string): DirectoryHandleLike => ({
    kind: 'directory',
    name: label,
    async *entries() {
      listings.push(at);
      const seen = new Set<string>();
      const prefix = at === '' ? '' : `${at}/`;
      for (const path of files.keys()) {
        if (!path.startsWith(prefix)) continue;
        const [first, ...rest] = path.slice(prefix.length).split('/');
        if (seen.has(first as string)) continue;
        seen.add(first as string);
        if (rest.length === 0) yield [first as string, { kind: 'file', getFile: async () => new File([files.get(path) as string], first as string) } satisfies FileHandleLike];
        else yield [first as string, make(`${prefix}${first}`, first as string)];
      }
    },
    async getDirectoryHandle(child) {
      const path = `${prefix(at)}${child}`;
      if (![...files.keys()].some((p) => p.startsWith(`${path}/`))) throw new Error('NotFoundError');
      return make(path, child);
    },
    async getFileHandle(child) {
      const path = `${prefix(at)}${child}`;
      const text = files.get(path);
      if (text === undefined) throw new Error('NotFoundError');
      return { kind: 'file', getFile: async () => new File([text], child) };
    },
  });
  const prefix = (at: string) => (at === '' ? '' : `${at}/`);
  return Object.assign(make(dir, name), { listings });
}

describe('a folder from the directory picker', () => {
  it('lists only the directories the config patterns cover and never specs/', async () => {
    const files = aprilTree();
    for (let i = 0; i < 50; i += 1) files.set(`specs/p/pkg${i}/pkg${i}.spec`, `Name: pkg${i}\n`);
    const handle = handleOver(files);
    const reader = new CheckoutReader(directoryHandleSource(handle));
    const loaded = await loadFromReader(reader);
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(loaded.project.components.size).toBe(loadProject(aprilTree()).project.components.size);
    expect(handle.listings.some((d) => d.startsWith('specs'))).toBe(false);
  });
});

describe('the upstream spec an overlay applies to', () => {
  let server: Server;
  let base = '';
  let hits = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      hits += 1;
      if (req.url?.includes('/missing/')) {
        res.writeHead(404).end();
        return;
      }
      if (req.url?.includes('/html/')) {
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`Name: from-${req.url}\n`);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server.close());

  it('fills the URL template with the dist-git name and the resolved commit, else the branch', () => {
    const project = loadProject(aprilTree()).project;
    const pinned = resolveComponent(project, 'ImageMagick');
    const plain = resolveComponent(project, 'bash');
    if (!pinned || !plain) throw new Error('fixture');
    const template = 'https://src.fedoraproject.org/rpms/{name}/raw/{ref}/f/{name}.spec';
    expect(upstreamSpecLocation(template, pinned)).toMatchObject({ ok: true, url: `https://src.fedoraproject.org/rpms/ImageMagick/raw/${pinned.upstream?.commit}/f/ImageMagick.spec`, pinned: true });
    expect(upstreamSpecLocation(template, plain)).toMatchObject({ ok: true, url: 'https://src.fedoraproject.org/rpms/bash/raw/rawhide/f/bash.spec', pinned: false });
    expect(upstreamSpecLocation('x/{commit}', plain)).toMatchObject({ ok: false });
    const local = resolveComponent(project, 'azurelinux-release');
    if (!local) throw new Error('fixture');
    expect(upstreamSpecLocation(template, local)).toEqual({ ok: false, message: 'azurelinux-release has no upstream spec: its spec is local' });
  });

  it('keeps a spec fetched at a full commit in IndexedDB and reads it from there next time', async () => {
    const cache = await openUpstreamSpecCache({ dbName: 'upstream-spec-test' });
    const commit = '0123456789abcdef0123456789abcdef01234567';
    const location = { ok: true as const, url: `${base}/rpms/x/raw/${commit}/f/x.spec`, ref: commit, pinned: true };
    const first = await fetchUpstreamSpec(location, { cache });
    expect(first).toMatchObject({ ok: true, cached: false, text: `Name: from-/rpms/x/raw/${commit}/f/x.spec\n` });
    const before = hits;
    expect(await fetchUpstreamSpec(location, { cache })).toMatchObject({ ok: true, cached: true });
    expect(hits).toBe(before);
    // A branch moves, so a spec fetched at one is never kept.
    const branch = { ok: true as const, url: `${base}/rpms/x/raw/f43/f/x.spec`, ref: 'f43', pinned: false };
    await fetchUpstreamSpec(branch, { cache });
    expect(await cache?.get(branch.url)).toBeUndefined();
    cache?.close();
  });

  it('names an HTTP error, an answer that is no spec, and a server a page cannot read', async () => {
    expect(await fetchUpstreamSpec({ ok: true, url: `${base}/missing/x.spec`, ref: 'f43', pinned: false })).toMatchObject({ ok: false, kind: 'http', message: `${base}/missing/x.spec: HTTP 404 Not Found` });
    expect(await fetchUpstreamSpec({ ok: true, url: `${base}/html/x.spec`, ref: 'f43', pinned: false })).toMatchObject({ ok: false, kind: 'not-a-spec' });
    const refused = await fetchUpstreamSpec({ ok: true, url: 'http://127.0.0.1:9/x.spec', ref: 'f43', pinned: false });
    expect(refused).toMatchObject({ ok: false, kind: 'cors' });
    expect(refused.ok === false && refused.message).toContain('no CORS header (Access-Control-Allow-Origin)');
  });
});
