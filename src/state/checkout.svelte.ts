/**
 * CheckoutState: folders and .zip files the user opens from the Projects menu. A small tree becomes
 * a project of the user's (read whole, kept in the browser); an azldev checkout too big for that (the
 * azurelinux repository) is opened in place, read lazily into the project, and offers what only a
 * real checkout can: azldev's committed render beside ours, and the upstream spec from dist-git.
 */
import { CheckoutReader, loadFromReader, resolveComponent, resolveProject, type LoadResult, type ProjectSource, type ReadProgress } from '../lib/config/index.ts';
import { componentSpecPath } from '../lib/project/build/overlays.ts';
import { unifiedDiff } from '../lib/overlay/index.ts';
import { directoryHandleSource, readBlobText, type DirectoryHandleLike } from '../lib/project/browser-source.ts';
import { isRendered, readCommittedRender, readComponentFiles, readImageDescriptions } from '../lib/project/checkout.ts';
import { planOpen } from '../lib/project/open-tree.ts';
import { DEFAULT_DIST_GIT_TEMPLATE, fetchUpstreamSpec, openUpstreamSpecCache, upstreamSpecLocation, type UpstreamSpecCache } from '../lib/project/upstream-spec.ts';
import type { ListedFile } from '../lib/project/zip.ts';
import type { ProjectState } from './project.svelte.ts';
import type { UserProjectsState } from './user-projects.svelte.ts';

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

/** What opening a folder or a .zip came to, in words for the Projects menu. */
export type OpenedTree = { ok: true; as: 'project' | 'checkout'; note: string } | { ok: false; message: string };

/** What the state needs from the page around it: a project of the user's opened in place. */
export interface CheckoutEnvironment {
  openUserProject(id: string): Promise<void>;
}

// The directory picker is Chromium's; elsewhere the Projects menu offers folder upload.
type PickerWindow = { showDirectoryPicker?: (options?: { mode?: 'read' }) => Promise<DirectoryHandleLike> };

/** A `File` of a folder upload as a listed file (`webkitRelativePath` keeps the folder's own name first). */
function listedFile(file: File): ListedFile {
  return { path: file.webkitRelativePath || file.name, size: file.size, bytes: async () => new Uint8Array(await file.arrayBuffer()) };
}

/** The open checkout, if any, and what has been read of it. */
export class CheckoutState {
  /** The open checkout's name; '' when the open project is no checkout. */
  name = $state('');
  opening = $state(false);
  progress = $state.raw<ReadProgress | undefined>(undefined);
  comparison = $state.raw<RenderComparison | undefined>(undefined);
  upstream = $state.raw<UpstreamSpecStatus | undefined>(undefined);
  /** Dist-git URL template for upstream specs: `{name}`, `{ref}`, `{commit}`. */
  template = $state(DEFAULT_DIST_GIT_TEMPLATE);

  private reader: CheckoutReader | undefined;
  private loaded: LoadResult | undefined;
  private cache: Promise<UpstreamSpecCache | undefined> | undefined;

  constructor(
    private readonly project: ProjectState,
    private readonly userProjects: UserProjectsState,
    private readonly env: CheckoutEnvironment,
  ) {}

  /** Whether the browser has a directory picker. */
  get canPickDirectory(): boolean {
    return typeof window !== 'undefined' && typeof (window as unknown as PickerWindow).showDirectoryPicker === 'function';
  }

  /** Asks for a folder with the directory picker and opens it in place (a handle is listed one directory at a time, so it is never copied). */
  async pickDirectory(): Promise<OpenedTree | undefined> {
    const picker = (window as unknown as PickerWindow).showDirectoryPicker;
    if (!picker) return undefined;
    let handle: DirectoryHandleLike;
    try {
      handle = await picker({ mode: 'read' });
    } catch {
      return undefined; // the user closed the picker
    }
    return this.openInPlace(handle.name, directoryHandleSource(handle));
  }

  /** Opens an uploaded folder (`<input webkitdirectory>`): the browser has listed it; nothing is read yet. */
  openFolder(files: ArrayLike<File>): Promise<OpenedTree> {
    const list = Array.from(files, listedFile);
    return this.openListed(list[0]?.path.split('/')[0] || 'folder', list);
  }

  /** Opens a .zip: listed from its central directory; entries are decompressed only when read. */
  async openZip(file: File): Promise<OpenedTree> {
    if (!/\.zip$/i.test(file.name)) return { ok: false, message: `${file.name}: only .zip archives can be read without unpacking them whole; open the folder instead, or pack it as a .zip` };
    // zip.js is loaded only when an archive is opened.
    const { listZip } = await import('../lib/project/zip.ts');
    const listed = await listZip(file);
    if (!listed.ok) return { ok: false, message: `${file.name}: ${listed.error}` };
    return this.openListed(file.name.replace(/\.zip$/i, ''), listed.value);
  }

  private async openListed(name: string, files: ListedFile[]): Promise<OpenedTree> {
    const plan = planOpen(files);
    if (plan.kind === 'refused') return { ok: false, message: `${name}: ${plan.reason}` };
    if (plan.kind === 'checkout') {
      const { listedFilesSource } = await import('../lib/project/archive-source.ts');
      return this.openInPlace(name, listedFilesSource(files));
    }
    const imported = await this.userProjects.importListed(name, plan.files);
    if (!imported.ok) return { ok: false, message: imported.error };
    this.close();
    await this.env.openUserProject(imported.value.id);
    const left = imported.value.skipped;
    return { ok: true, as: 'project', note: `${name} is now a project of yours, kept in this browser.${left.length ? ` Left out: ${left.map((s) => `${s.path} (${s.reason})`).join(', ')}.` : ''}` };
  }

  /** Opens SOURCE as a checkout: its TOML and image descriptions now, a component's files when the Overlays view shows it. */
  private async openInPlace(name: string, source: ProjectSource): Promise<OpenedTree> {
    this.opening = true;
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
      const read = this.progress ? `${this.progress.done} of ${this.progress.listed} listed files read` : '';
      return { ok: true, as: 'checkout', note: `${name} is open in place as a checkout (${read}; the rest is read when a pane needs it). Edits stay in this tab.` };
    } catch (error) {
      return { ok: false, message: `${name} could not be read: ${error instanceof Error ? error.message : String(error)}` };
    } finally {
      this.opening = false;
    }
  }

  /** Forgets the open checkout (another project was opened). */
  close(): void {
    this.name = '';
    this.reader = undefined;
    this.loaded = undefined;
    this.progress = undefined;
    this.comparison = undefined;
    this.upstream = undefined;
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
