/** CheckoutState: a real Azure Linux checkout opened from disk, read lazily into the project. */
import { CheckoutReader, loadFromReader, resolveComponent, resolveProject, type LoadResult, type ProjectSource, type ReadProgress } from '../lib/config/index.ts';
import { componentSpecPath } from '../lib/image/build/overlays.ts';
import { unifiedDiff } from '../lib/overlay/index.ts';
import { directoryHandleSource, fileListSource, readBlobText, type DirectoryHandleLike } from '../lib/project/browser-source.ts';
import { isRendered, readCommittedRender, readComponentFiles, readImageDescriptions } from '../lib/project/checkout.ts';
import { DEFAULT_DIST_GIT_TEMPLATE, fetchUpstreamSpec, openUpstreamSpecCache, upstreamSpecLocation, type UpstreamSpecCache } from '../lib/project/upstream-spec.ts';
import type { ProjectState } from './project.svelte.ts';

/** Our render of a component next to the one the checkout commits. */
export interface RenderComparison {
  component: string;
  /** Where the checkout keeps azldev's render. */
  path: string;
  ours: string;
  committed: string | undefined;
  identical: boolean;
  /** Unified diff from the committed spec to ours; empty when identical or absent. */
  diff: string;
}

/** The upstream spec of the shown component: where it comes from and how the fetch went. */
export interface UpstreamSpecStatus {
  component: string;
  url?: string;
  state: 'idle' | 'fetching' | 'done' | 'failed';
  message: string;
}

// The directory picker is Chromium's; elsewhere the page offers folder upload.
type PickerWindow = { showDirectoryPicker?: (options?: { mode?: 'read' }) => Promise<DirectoryHandleLike> };

/** The open checkout, if any, and what has been read of it. */
export class CheckoutState {
  name = $state('');
  opening = $state(false);
  progress = $state.raw<ReadProgress | undefined>(undefined);
  error = $state<string | undefined>(undefined);
  comparison = $state.raw<RenderComparison | undefined>(undefined);
  upstream = $state.raw<UpstreamSpecStatus | undefined>(undefined);
  /** Dist-git URL template for upstream specs: `{name}`, `{ref}`, `{commit}`. */
  template = $state(DEFAULT_DIST_GIT_TEMPLATE);

  private reader: CheckoutReader | undefined;
  private loaded: LoadResult | undefined;
  private cache: Promise<UpstreamSpecCache | undefined> | undefined;

  constructor(private readonly project: ProjectState) {}

  /** Whether the browser has a directory picker. */
  get canPickDirectory(): boolean {
    return typeof window !== 'undefined' && typeof (window as unknown as PickerWindow).showDirectoryPicker === 'function';
  }

  /** Asks for a folder with the directory picker and opens it. */
  async pickDirectory(): Promise<void> {
    const picker = (window as unknown as PickerWindow).showDirectoryPicker;
    if (!picker) return;
    let handle: DirectoryHandleLike;
    try {
      handle = await picker({ mode: 'read' });
    } catch {
      return; // the user closed the picker
    }
    await this.open(handle.name, directoryHandleSource(handle));
  }

  /** Opens an uploaded folder (`<input webkitdirectory>`): the browser has listed it; nothing is read yet. */
  async openFileList(files: ArrayLike<File>): Promise<void> {
    const list = Array.from(files, (file) => ({ path: file.webkitRelativePath || file.name, file }));
    const name = list[0]?.path.split('/')[0] ?? 'checkout';
    await this.open(name, fileListSource(list));
  }

  /** Opens a checkout packed as a `.zip`; entries are decompressed only when read. */
  async openArchive(file: File): Promise<void> {
    if (!/\.zip$/i.test(file.name)) {
      this.error = `${file.name}: only .zip archives can be read without unpacking them whole; open the folder instead, or pack it as a .zip`;
      return;
    }
    let source: ProjectSource;
    try {
      // zip.js is loaded only when an archive is opened.
      const { zipArchiveSource } = await import('../lib/project/archive-source.ts');
      source = await zipArchiveSource(file);
    } catch (err) {
      this.error = `${file.name} is not a readable .zip: ${err instanceof Error ? err.message : String(err)}`;
      return;
    }
    await this.open(file.name.replace(/\.zip$/i, ''), source);
  }

  private async open(name: string, source: ProjectSource): Promise<void> {
    this.opening = true;
    this.error = undefined;
    this.comparison = undefined;
    this.upstream = undefined;
    const reader = new CheckoutReader(source, { onProgress: (p) => (this.progress = p) });
    try {
      const loaded = await loadFromReader(reader);
      if (!loaded.diagnostics.some((d) => d.severity === 'error')) await readImageDescriptions(reader, resolveProject(loaded.project));
      this.reader = reader;
      this.loaded = loaded;
      this.name = name;
      await this.project.openCheckout(name, reader.files);
    } catch (err) {
      this.error = `${name} could not be read: ${err instanceof Error ? err.message : String(err)}`;
    } finally {
      this.opening = false;
    }
  }

  /** Reads what rendering component NAME needs (its spec and the files beside it), once, when it is shown. */
  async showComponent(name: string): Promise<void> {
    const component = this.component(name);
    if (!component || !this.reader || !isRendered(component)) return;
    const before = this.reader.files.size;
    await readComponentFiles(this.reader, component);
    if (this.reader.files.size > before) this.project.addCheckoutFiles(this.reader.files);
  }

  /** Puts our render of component NAME (spec text OURS) beside the one the checkout commits. */
  async compare(name: string, ours: string): Promise<void> {
    const component = this.component(name);
    if (!component || !this.reader) return;
    const { path, text } = await readCommittedRender(this.reader, component);
    const identical = text === ours;
    this.comparison = { component: name, path, ours, committed: text, identical, diff: text === undefined || identical ? '' : unifiedDiff(path, text, ours) };
  }

  /** Fetches the Fedora spec component NAME's overlays apply to, and adds it where the playground looks for it. */
  async fetchUpstream(name: string): Promise<void> {
    const component = this.component(name);
    if (!component) return;
    const location = upstreamSpecLocation(this.template, component);
    if (!location.ok) {
      this.upstream = { component: name, state: 'failed', message: location.message };
      return;
    }
    this.upstream = { component: name, url: location.url, state: 'fetching', message: `fetching ${location.url}` };
    this.cache ??= openUpstreamSpecCache();
    const fetched = await fetchUpstreamSpec(location, { cache: await this.cache });
    if (!fetched.ok) {
      this.upstream = { component: name, url: location.url, state: 'failed', message: fetched.message };
      return;
    }
    this.upstream = { component: name, url: location.url, state: 'done', message: fetched.cached ? `taken from this browser's cache (fetched before at ${location.ref})` : `fetched at ${location.ref}` };
    this.project.addCheckoutFiles(new Map([[componentSpecPath(component), fetched.text]]), true);
  }

  /** Takes component NAME's upstream spec from a file the user dropped or chose. */
  async dropUpstream(name: string, file: File): Promise<void> {
    const component = this.component(name);
    if (!component) return;
    const got = await readBlobText(file);
    if (!('text' in got)) {
      this.upstream = { component: name, state: 'failed', message: `${file.name} was not taken: ${got.skipped}` };
      return;
    }
    this.upstream = { component: name, state: 'done', message: `taken from ${file.name}` };
    this.project.addCheckoutFiles(new Map([[componentSpecPath(component), got.text]]), true);
  }

  private component(name: string) {
    return this.loaded ? resolveComponent(this.loaded.project, name) : undefined;
  }
}
