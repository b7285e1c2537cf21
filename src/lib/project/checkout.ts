/**
 * A checkout read for everything the playground does with it, and no more: the config (what
 * `loadProjectFrom` reads), then the files the config names for images and renders.
 */
import { CheckoutReader, loadFromReader, resolveProject, type LoadResult, type ProjectSource, type ReadOptions, type ResolvedProject } from '../config/index.ts';
import { componentSpecPath } from './build/overlays.ts';
import { parseKickstart } from '../image/kickstart/index.ts';
import { parseKiwi } from '../image/kiwi/index.ts';
import type { TextFiles } from '../files/text.ts';

/** A map of the files read so far that notes each file a parser asked for which exists but is not read yet. */
class RecordingFiles implements ReadonlyMap<string, string> {
  readonly misses = new Set<string>();

  constructor(
    private readonly inner: ReadonlyMap<string, string>,
    private readonly existing: ReadonlySet<string>,
  ) {}

  get(path: string): string | undefined {
    const text = this.inner.get(path);
    if (text === undefined && this.existing.has(path)) this.misses.add(path);
    return text;
  }

  has(path: string): boolean {
    return this.get(path) !== undefined;
  }

  get size(): number {
    return this.inner.size;
  }

  forEach(callback: (value: string, key: string, map: ReadonlyMap<string, string>) => void): void {
    this.inner.forEach((value, key) => callback(value, key, this));
  }

  entries(): MapIterator<[string, string]> {
    return this.inner.entries();
  }

  keys(): MapIterator<string> {
    return this.inner.keys();
  }

  values(): MapIterator<string> {
    return this.inner.values();
  }

  [Symbol.iterator](): MapIterator<[string, string]> {
    return this.inner.entries();
  }
}

// Include chains are short; the bound only keeps a malformed description from looping.
const MAX_INCLUDE_ROUNDS = 32;

/** Reads ENTRIES and, round by round, every file their KIWI or kickstart includes reach. */
async function readWithIncludes(reader: CheckoutReader, entries: readonly string[], parse: (files: TextFiles, entry: string) => unknown): Promise<void> {
  await reader.readAll(entries);
  for (let round = 0; round < MAX_INCLUDE_ROUNDS; round += 1) {
    const recording = new RecordingFiles(reader.files, reader.existing);
    for (const entry of entries) if (reader.files.has(entry)) parse(recording, entry);
    if (recording.misses.size === 0) return;
    await reader.readAll(recording.misses);
  }
}

function directoryOf(path: string): string {
  return path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
}

/**
 * The files the config names besides config files: each component's spec and the files beside it
 * (what overlays touch) for components with overlays or a local spec, overlay sources, and
 * distro kiwi-config-override files. A component whose spec would sit at the project root gets only
 * its spec, never the whole checkout.
 */
export function namedFiles(project: ResolvedProject, sortedPaths: readonly string[]): string[] {
  const named = new Set<string>();
  for (const component of Object.values(project.components)) {
    const local = component.config.spec?.type === 'local';
    if (component.overlays.length === 0 && !local) continue;
    const spec = componentSpecPath(component);
    named.add(spec);
    const dir = directoryOf(spec);
    if (dir !== '') for (const path of sortedPaths) if (path.startsWith(dir) && !path.endsWith('.toml')) named.add(path);
    for (const { overlay } of component.overlays) if (overlay.source) named.add(overlay.source);
  }
  for (const distro of Object.values(project.distros)) {
    for (const version of Object.values(distro.value.versions ?? {})) {
      if (version['kiwi-config-override']) named.add(version['kiwi-config-override']);
    }
  }
  return [...named];
}

/** Reads what image builds and renders of READER's project need, after its config is loaded. */
export async function readNamedFiles(reader: CheckoutReader, project: ResolvedProject): Promise<void> {
  reader.setPhase('files');
  await reader.readAll(namedFiles(project, reader.sortedPaths));
  const kiwi = Object.values(project.images)
    .map((image) => image.value.definition?.path)
    .filter((path): path is string => path !== undefined && !path.endsWith('.ks'));
  await readWithIncludes(reader, kiwi, parseKiwi);
  // Every top-level kickstart is an image (a playground convention), so every kickstart is named.
  const kickstarts = [...new Set([...reader.sortedPaths.filter((path) => path.endsWith('.ks')), ...Object.values(project.images).map((i) => i.value.definition?.path ?? '').filter((p) => p.endsWith('.ks'))])];
  await readWithIncludes(reader, kickstarts, parseKickstart);
}

/** A checkout loaded and read for image builds and renders. */
export interface CheckoutRead {
  result: LoadResult;
  reader: CheckoutReader;
}

/** Lists SOURCE, loads its project and reads the files its config names; nothing else is read. */
export async function readCheckout(source: ProjectSource, options: ReadOptions = {}): Promise<CheckoutRead> {
  const reader = new CheckoutReader(source, options);
  const result = await loadFromReader(reader, options.permissive ?? false);
  if (!result.diagnostics.some((d) => d.severity === 'error')) {
    // Kickstart images are found by name anywhere in the tree, so this needs the whole listing.
    reader.setPhase('listing');
    await reader.listDeep('');
    await readNamedFiles(reader, resolveProject(result.project));
  }
  return { result, reader };
}
