import { describe, expect, it } from 'vitest';
import { loadProject, loadProjectFrom, resolveProject, type DirEntries, type ProjectSource, type ReadProgress, type SourceText } from '../../../src/lib/config/index.ts';
import { readCheckout } from '../../../src/lib/project/checkout.ts';
import { aprilTree, laterFile } from './fixture-files.ts';

/** A checkout held in memory that records every listing and read, and how many reads overlap. */
class MemorySource implements ProjectSource {
  readonly listed: string[] = [];
  readonly reads: string[] = [];
  inFlight = 0;
  maxInFlight = 0;

  constructor(private readonly files: ReadonlyMap<string, string | { skipped: string }>) {}

  async listDir(dir: string): Promise<DirEntries> {
    this.listed.push(dir);
    const prefix = dir === '' ? '' : `${dir}/`;
    const out: DirEntries = { files: [], dirs: [] };
    for (const path of this.files.keys()) {
      if (!path.startsWith(prefix)) continue;
      const [first, ...rest] = path.slice(prefix.length).split('/');
      if (rest.length === 0) out.files.push(first as string);
      else if (!out.dirs.includes(first as string)) out.dirs.push(first as string);
    }
    return out;
  }

  async read(path: string): Promise<SourceText> {
    this.reads.push(path);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((r) => setTimeout(r, 0));
    this.inFlight -= 1;
    const got = this.files.get(path);
    if (got === undefined) throw new Error(`no such file ${path}`);
    return typeof got === 'string' ? { text: got } : got;
  }
}

/** The April tree plus rendered specs and other files its config never names. */
function checkout(): Map<string, string> {
  const files = aprilTree();
  for (let i = 0; i < 500; i += 1) files.set(`specs/p/pkg${i}/pkg${i}.spec`, `Name: pkg${i}\n`);
  files.set('base/images/notes.txt', 'not named');
  files.set('README.md', 'not named');
  return files;
}

describe('loading a checkout lazily', () => {
  it('gives exactly what loading every file gives, for the April tree', async () => {
    const files = checkout();
    const { result } = await loadProjectFrom(new MemorySource(files));
    const eager = loadProject(files);
    expect(result.diagnostics).toEqual(eager.diagnostics);
    expect(JSON.stringify(resolveProject(result.project))).toBe(JSON.stringify(resolveProject(eager.project)));
  });

  it('reads only config files, and lists only the directories include patterns cover', async () => {
    const source = new MemorySource(checkout());
    const { result, reader } = await loadProjectFrom(source);
    expect(source.reads.every((p) => p.endsWith('.toml'))).toBe(true);
    expect(new Set(source.reads)).toEqual(new Set(result.project.loadedFiles.slice(1)));
    expect(source.reads).toHaveLength(new Set(source.reads).size);
    expect(source.listed.some((d) => d.startsWith('specs'))).toBe(false);
    expect(reader.existing.has('README.md')).toBe(true);
  });

  it('keeps at most `concurrency` reads in flight', async () => {
    const source = new MemorySource(checkout());
    await loadProjectFrom(source, { concurrency: 4 });
    expect(source.maxInFlight).toBeGreaterThan(1);
    expect(source.maxInFlight).toBeLessThanOrEqual(4);
  });

  it('reads the overlay files and lock files the merged config names', async () => {
    const files = checkout();
    const dir = 'base/comps/azurelinux-rpm-config';
    files.set(`${dir}/overlays/0001-azl-rpm-config-customizations.overlay.toml`, laterFile(`${dir}/overlays/0001-azl-rpm-config-customizations.overlay.toml`));
    files.set(`${dir}/overlays/unused.txt`, 'not named');
    files.set(`${dir}/azurelinux-rpm-config.comp.toml`, '[components.azurelinux-rpm-config]\nspec = { type = "upstream", upstream-name = "redhat-rpm-config" }\noverlay-files = ["overlays/*.overlay.toml"]\n');
    files.set('locks/389-ds-base.lock', laterFile('locks/389-ds-base.lock'));
    files.set('locks/not-a-component.lock', 'version = 1\n');
    const source = new MemorySource(files);
    const { result } = await loadProjectFrom(source);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(source.reads).toContain(`${dir}/overlays/0001-azl-rpm-config-customizations.overlay.toml`);
    expect(source.reads).toContain('locks/389-ds-base.lock');
    expect(source.reads).not.toContain(`${dir}/overlays/unused.txt`);
    expect(source.reads).not.toContain('locks/not-a-component.lock');
    expect(result.project.locks.has('389-ds-base')).toBe(true);
  });

  it('reports a config file the source would not read, with the reason', async () => {
    const files = new Map<string, string | { skipped: string }>([
      ['azldev.toml', 'includes = ["big.toml"]\n'],
      ['big.toml', { skipped: 'it is 9.0 MiB, more than the 8 MiB a project text file may have' }],
    ]);
    const { result } = await loadProjectFrom(new MemorySource(files));
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'config/unreadable', file: 'azldev.toml', line: 1, message: 'config file "big.toml" was not read: it is 9.0 MiB, more than the 8 MiB a project text file may have' }),
    ]);
  });

  it('never lists or reads outside the checkout', async () => {
    const files = new Map([['azldev.toml', 'includes = ["../outside/*.toml", "../../etc/**/*.toml"]\n']]);
    const source = new MemorySource(files);
    const { result } = await loadProjectFrom(source);
    // both includes are refused as outside the project (issue 16), and neither is listed
    expect(result.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['config/path-outside-project', 'include "../outside/*.toml" is outside the project root; it was refused'],
      ['config/path-outside-project', 'include "../../etc/**/*.toml" is outside the project root; it was refused'],
    ]);
    // The root, and the lock directory the load looks for lock files in; nothing above the root.
    expect(source.listed).toEqual(['', 'locks']);
  });

  it('reports progress until every file asked for is read', async () => {
    const seen: ReadProgress[] = [];
    await loadProjectFrom(new MemorySource(checkout()), { onProgress: (p) => seen.push(p) });
    const last = seen.at(-1);
    expect(last?.done).toBe(last?.total);
    expect(seen.map((p) => p.done)).toEqual([...seen.map((p) => p.done)].sort((a, b) => a - b));
    expect(seen.some((p) => p.phase === 'config')).toBe(true);
  });

  it('reads the files the config names for images and renders, and not the rest', async () => {
    const files = checkout();
    files.set('base/images/vm-base/vm-base.kiwi', '<?xml version="1.0"?>\n<image schemaversion="7.4" name="vm-base">\n<include from="this://./fragments/pkgs.xml"/>\n</image>\n');
    files.set('base/images/vm-base/fragments/pkgs.xml', '<image><packages type="image"><package name="bash"/></packages></image>\n');
    files.set('base/comps/opencv/opencv.spec', 'Name: opencv\n');
    files.set('ks/top.ks', '%include parts/common.ks\n');
    files.set('ks/parts/common.ks', 'lang en_US.UTF-8\n');
    const source = new MemorySource(files);
    const { result, reader } = await readCheckout(source);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    for (const named of ['base/images/vm-base/vm-base.kiwi', 'base/images/vm-base/fragments/pkgs.xml', 'base/comps/opencv/opencv.spec', 'ks/top.ks', 'ks/parts/common.ks']) {
      expect(reader.files.has(named), named).toBe(true);
    }
    expect(source.reads.filter((p) => p.startsWith('specs/') || p === 'README.md' || p === 'base/images/notes.txt')).toEqual([]);
  });
});
