/** ProjectState: an azldev project in the browser — its files, its images, the selected image's build and exports. */
import type { Diagnostic } from '../lib/diagnostics.ts';
import type { ImageExportFormat } from '../lib/image/build/exports.ts';
import type { ProjectImage } from '../lib/project/describe.ts';
import type { ImageBuildOutcome } from '../workers/resolver.api.ts';
import type { ResolverClient } from '../workers/resolver.client.ts';
import type { WorkerCrashedError } from '../workers/restarting-worker.ts';
import { OverlaysState } from './overlays.svelte.ts';
import { SavedEditsState } from './saved-edits.svelte.ts';

/** One example project as `public/examples/index.json` lists it. */
export interface ExampleProject {
  id: string;
  name: string;
  path: string;
  files: string[];
}

const BUILD_DEBOUNCE_MS = 300;

/** File name of a download, e.g. `vm-base.spdx.json`. */
export function exportFileName(image: string, format: ImageExportFormat): string {
  const ext: Record<ImageExportFormat, string> = {
    manifest: 'manifest.json',
    spdx: 'spdx.json',
    kickstart: 'ks',
    kiwi: 'packages.kiwi.xml',
    nevra: 'nevra.txt',
    transaction: 'transaction.json',
  };
  return `${image}.${ext[format]}`;
}

/** The project side of the playground; results flow back through the callbacks the page gives it. */
export class ProjectState {
  name = $state('');
  files = $state.raw<Map<string, string>>(new Map());
  selectedFile = $state('');
  images = $state.raw<ProjectImage[]>([]);
  diagnostics = $state.raw<Diagnostic[]>([]);
  image = $state('');
  profile = $state('');
  build = $state.raw<ImageBuildOutcome | undefined>(undefined);
  building = $state(false);

  /** The Overlays view: overlaid components rendered in their own worker. */
  readonly overlays: OverlaysState;
  /** The user's edits, kept in the browser across reloads. */
  readonly saved: SavedEditsState;

  private shipped: ReadonlyMap<string, string> = new Map();

  private timer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;

  constructor(
    private readonly client: () => ResolverClient | undefined,
    private readonly onBuilding: () => void,
    private readonly onBuilt: (outcome: ImageBuildOutcome) => void,
    private readonly onError: (err: unknown) => void,
    onOverlayCrash: (err: WorkerCrashedError) => void,
  ) {
    this.overlays = new OverlaysState(onError, onOverlayCrash);
    this.saved = new SavedEditsState();
  }

  /** The images' profiles for the selected image. */
  profiles = $derived.by(() => this.images.find((i) => i.name === this.image)?.profiles ?? []);

  /** Every diagnostic, the project's and the last build's, for the file list and the editor. */
  allDiagnostics = $derived.by(() => [...this.diagnostics, ...(this.build?.diagnostics ?? [])]);

  /** Loads an example project shipped with the app. */
  async loadExample(appBaseUrl: string, id: string): Promise<boolean> {
    const index = await fetch(new URL('examples/index.json', appBaseUrl));
    if (!index.ok) return false;
    const listed = ((await index.json()) as { projects: ExampleProject[] }).projects.find((p) => p.id === id);
    if (!listed) return false;
    const root = new URL(`examples/${listed.path}`, appBaseUrl);
    const entries = await Promise.all(
      listed.files.map(async (f) => {
        const res = await fetch(new URL(f, root));
        if (!res.ok) throw new Error(`examples/${listed.path}${f}: HTTP ${res.status}`);
        return [f, await res.text()] as const;
      }),
    );
    this.name = listed.name;
    this.shipped = new Map(entries);
    this.files = await this.saved.filesFor(id, this.shipped);
    const paths = [...this.files.keys()];
    this.selectedFile = paths.find((f) => f.endsWith('.kiwi')) ?? paths[0] ?? '';
    await this.describe();
    return true;
  }

  /** Opens files read from a checkout on disk; edits to it stay in the tab (the checkout is the user's). */
  async openCheckout(name: string, files: ReadonlyMap<string, string>): Promise<void> {
    this.saved.detach();
    this.name = name;
    this.shipped = new Map(files);
    this.files = new Map(files);
    this.build = undefined;
    const paths = [...this.files.keys()];
    this.selectedFile = paths.find((f) => f.endsWith('azldev.toml')) ?? paths[0] ?? '';
    await this.describe();
  }

  /** Adds files read later from the open checkout (a pane needed them); REPLACE also overrides what the project has. */
  addCheckoutFiles(files: ReadonlyMap<string, string>, replace = false): void {
    const shipped = new Map(this.shipped);
    const next = new Map(this.files);
    let added = false;
    for (const [path, text] of files) {
      if (!replace && next.has(path)) continue;
      shipped.set(path, text);
      next.set(path, text);
      added = true;
    }
    if (!added) return;
    this.shipped = shipped;
    this.files = next;
    void this.overlays.refresh(next);
  }

  /** Re-reads the project: images and diagnostics. */
  async describe(): Promise<void> {
    const client = this.client();
    if (!client) return;
    void this.overlays.refresh(this.files);
    const described = await client.remote.describeProject([...this.files]);
    this.images = described.images;
    this.diagnostics = described.diagnostics;
    if (!this.images.some((i) => i.name === this.image)) this.selectImage(this.images.find((i) => i.name === 'vm-base')?.name ?? this.images[0]?.name ?? '');
  }

  /** Picks an image (and its default profile). */
  selectImage(name: string): void {
    this.image = name;
    const image = this.images.find((i) => i.name === name);
    this.profile = image?.defaultProfile ?? '';
    if (image?.path && this.files.has(image.path)) this.selectedFile = image.path;
  }

  /** Replaces one file's text (an edit in the editor) and rebuilds shortly after. */
  edit(path: string, text: string): void {
    const next = new Map(this.files);
    next.set(path, text);
    this.replaceFiles(next);
  }

  /** Adds (or replaces) files, from an upload or the new-file box, selects the first and rebuilds. */
  addFiles(entries: readonly (readonly [string, string])[]): void {
    if (entries.length === 0) return;
    const next = new Map(this.files);
    for (const [path, text] of entries) next.set(path, text);
    this.selectedFile = entries[0]?.[0] ?? this.selectedFile;
    this.replaceFiles(next);
  }

  /** Removes a file from the project and rebuilds. */
  removeFile(path: string): void {
    const next = new Map(this.files);
    if (!next.delete(path)) return;
    if (this.selectedFile === path) this.selectedFile = [...next.keys()].sort()[0] ?? '';
    this.replaceFiles(next);
  }

  /** Goes back to the project as shipped, forgetting the saved edits. */
  async discardEdits(): Promise<void> {
    await this.saved.discard();
    this.files = new Map(this.shipped);
    if (!this.files.has(this.selectedFile)) this.selectedFile = [...this.files.keys()].find((f) => f.endsWith('.kiwi')) ?? '';
    await this.describe();
    await this.buildNow();
  }

  private replaceFiles(next: Map<string, string>): void {
    this.files = next;
    this.saved.changed(next);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.describe().then(() => this.buildNow()), BUILD_DEBOUNCE_MS);
  }

  /** Builds the selected image in the worker: repositories, overlays, solve, manifest. */
  async buildNow(): Promise<void> {
    clearTimeout(this.timer);
    const client = this.client();
    if (!client || !this.image) return;
    const generation = ++this.generation;
    this.building = true;
    this.onBuilding();
    try {
      const outcome = await client.remote.buildImage({ files: [...this.files], image: this.image, ...(this.profile ? { profile: this.profile } : {}) });
      if (generation !== this.generation) return;
      this.build = outcome;
      this.onBuilt(outcome);
    } catch (err) {
      if (generation === this.generation) this.onError(err);
    } finally {
      if (generation === this.generation) this.building = false;
    }
  }

  /** The selected image's build, exported in FORMAT, offered as a download. */
  async download(format: ImageExportFormat): Promise<void> {
    const client = this.client();
    if (!client) return;
    const exported = await client.remote.exportImage(format);
    if (!exported.ok) {
      this.onError(new Error(exported.message));
      return;
    }
    const type = format === 'nevra' || format === 'kickstart' ? 'text/plain' : format === 'kiwi' ? 'application/xml' : 'application/json';
    const url = URL.createObjectURL(new Blob([exported.text], { type }));
    const a = document.createElement('a');
    a.href = url;
    a.download = exportFileName(this.image, format);
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
