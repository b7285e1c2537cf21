/**
 * A checkout read for everything the playground does with it, and no more: the config (what
 * `loadProjectFrom` reads), then the files the config names for images and renders.
 */
import { CheckoutReader, loadFromReader, resolveProject, type LoadResult, type ProjectSource, type ReadOptions, type ResolvedComponent, type ResolvedProject } from '../config/index.ts';
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

/** Whether the playground renders COMPONENT: it has overlays or a local spec. */
export function isRendered(component: ResolvedComponent): boolean {
  return component.overlays.length > 0 || component.config.spec?.type === 'local';
}

/**
 * What rendering COMPONENT reads: its spec and the files beside it (what overlays touch; TOML
 * aside), and its overlay sources. A spec at the project root brings only itself, never the whole
 * checkout.
 */
export function componentFilePaths(component: ResolvedComponent, sortedPaths: readonly string[]): string[] {
  const spec = componentSpecPath(component);
  const named = new Set<string>([spec]);
  const dir = directoryOf(spec);
  if (dir !== '') for (const path of sortedPaths) if (path.startsWith(dir) && !path.endsWith('.toml')) named.add(path);
  for (const { overlay } of component.overlays) if (overlay.source) named.add(overlay.source);
  return [...named];
}

/** Lists and reads what rendering COMPONENT needs, when it is shown. */
export async function readComponentFiles(reader: CheckoutReader, component: ResolvedComponent): Promise<void> {
  reader.setPhase('files');
  const dir = directoryOf(componentSpecPath(component));
  await (dir === '' ? reader.listFor(componentSpecPath(component)) : reader.listDeep(dir.slice(0, -1)));
  await Promise.all(component.overlays.map(({ overlay }) => (overlay.source ? reader.listFor(overlay.source) : undefined)));
  await reader.readAll(componentFilePaths(component, reader.sortedPaths));
}

/** The spec azldev rendered for COMPONENT and the checkout commits (`<rendered-specs-dir>/<x>/<name>/<spec>`), if it has one. */
export async function readCommittedRender(reader: CheckoutReader, component: ResolvedComponent): Promise<{ path: string; text: string | undefined }> {
  const spec = componentSpecPath(component);
  const path = `${component.renderedSpecDir}/${spec.slice(spec.lastIndexOf('/') + 1)}`;
  await reader.listFor(path);
  await reader.readAll([path]);
  return { path, text: reader.files.get(path) };
}

/** Reads every image description of PROJECT: KIWI files with their fragments, kickstarts with their includes. */
export async function readImageDescriptions(reader: CheckoutReader, project: ResolvedProject): Promise<void> {
  reader.setPhase('files');
  const definitions = Object.values(project.images).map((image) => image.value.definition?.path).filter((path): path is string => path !== undefined);
  await Promise.all(definitions.map((path) => reader.listFor(path)));
  await readWithIncludes(reader, definitions.filter((p) => !p.endsWith('.ks')), parseKiwi);
  // Every top-level kickstart is an image (a playground convention): every listed one is named.
  const kickstarts = [...new Set([...reader.sortedPaths.filter((path) => path.endsWith('.ks')), ...definitions.filter((p) => p.endsWith('.ks'))])];
  await readWithIncludes(reader, kickstarts, parseKickstart);
}

/**
 * The files the config names besides config files: each rendered component's spec and the files
 * beside it, overlay sources, and distro kiwi-config-override files.
 */
export function namedFiles(project: ResolvedProject, sortedPaths: readonly string[]): string[] {
  const named = new Set<string>();
  for (const component of Object.values(project.components)) {
    if (isRendered(component)) for (const path of componentFilePaths(component, sortedPaths)) named.add(path);
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
  await readImageDescriptions(reader, project);
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
