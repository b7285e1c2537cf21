/** ProjectState: an azldev project in the browser — its files, its images, the selected image's build and exports. */
import type { Diagnostic } from '../lib/diagnostics.ts';
import type { ImageExportFormat } from '../lib/project/build/exports.ts';
import type { ProjectImage } from '../lib/project/describe.ts';
import type { LoadedExample } from '../lib/project/examples.ts';
import type { ImageBuildOutcome } from '../lib/project/image-session.ts';
import type { MessageError, Result } from '../lib/result.ts';
import type { AppStatus } from './app-status.svelte.ts';
import type { OverlaysState } from './overlays.svelte.ts';
import { describeResult } from './quick-request.svelte.ts';
import type { RepositoriesState } from './repositories.svelte.ts';
import type { ResolverLink } from './resolver-link.ts';
import type { SavedEditsState } from './saved-edits.svelte.ts';

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

/** The MIME type of a download in FORMAT. */
export function exportMimeType(format: ImageExportFormat): string {
  return format === 'nevra' || format === 'kickstart' ? 'text/plain' : format === 'kiwi' ? 'application/xml' : 'application/json';
}

/** The one-line summary of an image build for the status line. */
export function describeBuild(outcome: ImageBuildOutcome): string {
  const errors = outcome.diagnostics.filter((d) => d.severity === 'error').length;
  return `${outcome.image}${outcome.profile ? ` (${outcome.profile})` : ''}: ${describeResult(outcome.result)}${errors ? ` · ${errors} error${errors === 1 ? '' : 's'} in the project` : ''}`;
}

/** The project side of the playground. */
export class ProjectState {
  id = $state('');
  name = $state('');
  files = $state.raw<Map<string, string>>(new Map());
  selectedFile = $state('');
  images = $state.raw<ProjectImage[]>([]);
  diagnostics = $state.raw<Diagnostic[]>([]);
  image = $state('');
  profile = $state('');
  build = $state.raw<ImageBuildOutcome | undefined>(undefined);
  building = $state(false);
  /** Solver settings that override the image's (a share link's): the architecture, and weak deps or `best` turned off. */
  settings = $state.raw<{ arch?: string; weakDeps?: boolean; best?: boolean }>({});

  private shipped: ReadonlyMap<string, string> = new Map();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;

  constructor(
    private readonly link: ResolverLink,
    private readonly status: AppStatus,
    private readonly repositories: RepositoriesState,
    /** The Overlays view: overlaid components rendered in their own worker. */
    readonly overlays: OverlaysState,
    /** The user's edits, kept in the browser across reloads. */
    readonly saved: SavedEditsState,
  ) {}

  /** The images' profiles for the selected image. */
  readonly profiles = $derived.by(() => this.images.find((i) => i.name === this.image)?.profiles ?? []);

  /** Every diagnostic, the project's and the last build's, for the file list and the editor. */
  readonly allDiagnostics = $derived.by(() => [...this.diagnostics, ...(this.build?.diagnostics ?? [])]);

  /** The example project the open project starts from, as shipped (share links are differences from it). */
  get shippedFiles(): ReadonlyMap<string, string> {
    return this.shipped;
  }

  /**
   * Opens an example project as shipped, or with the edits kept for it; or, with OPENED, other files
   * on top of that example (a share link, a project of the user's), saved as `saved` was told.
   */
  async open(example: LoadedExample, opened?: { files: ReadonlyMap<string, string>; name?: string }): Promise<void> {
    this.id = example.id;
    this.name = opened?.name ?? example.name;
    this.shipped = example.files;
    this.files = opened ? new Map(opened.files) : await this.saved.filesFor(example.id, example.files);
    const paths = [...this.files.keys()];
    this.selectedFile = paths.find((f) => f.endsWith('.kiwi')) ?? paths[0] ?? '';
    await this.describe();
  }

  /** Re-reads the project: images and diagnostics (and the Overlays view follows). */
  async describe(): Promise<void> {
    void this.overlays.refresh(this.files);
    const described = await this.link.remote.describeProject([...this.files]);
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

  /** An edit waits for its debounced rebuild. */
  get editPending(): boolean {
    return this.timer !== undefined;
  }

  /** Describes and rebuilds at once what a pending edit would (tests and "Resolve now" skip the debounce with it). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.describe();
    await this.buildNow();
  }

  private replaceFiles(next: Map<string, string>): void {
    this.files = next;
    this.saved.changed(next);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush().catch((error) => this.status.thrown('resolver', error)), BUILD_DEBOUNCE_MS);
  }

  /** Builds the selected image in the worker: repositories, overlays, solve, manifest. */
  async buildNow(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.image) return;
    const generation = ++this.generation;
    this.building = true;
    this.status.working('resolving', `Building ${this.image}…`);
    try {
      const outcome = await this.link.remote.buildImage({ files: [...this.files], image: this.image, ...(this.profile ? { profile: this.profile } : {}), ...this.settings });
      if (generation !== this.generation) return;
      this.build = outcome;
      this.status.ready(describeBuild(outcome));
      void this.repositories.refresh();
    } catch (error) {
      if (generation === this.generation) this.status.thrown('resolver', error);
    } finally {
      if (generation === this.generation) this.building = false;
    }
  }

  /** The selected image's build in FORMAT (the bytes `azl-playground image` writes), for a download. */
  async exportText(format: ImageExportFormat): Promise<Result<string, MessageError>> {
    const exported = await this.link.remote.exportImage(format);
    if (!exported.ok) this.status.fail({ source: 'export', message: `The ${format} export failed.`, hint: exported.error.message });
    return exported;
  }
}
