/** ProjectState: an azldev project in the browser — its files, its images, the selected image's build and exports. */
import { uniqueDiagnostics, type Diagnostic } from '../lib/diagnostics.ts';
import type { ImageExportFormat } from '../lib/project/build/exports.ts';
import type { ProjectImage } from '../lib/project/describe.ts';
import { distTagOfRelease } from '../lib/project/dist-tag.ts';
import type { LoadedExample } from '../lib/project/examples.ts';
import type { BuildOverrides, ImageBuildOutcome } from '../lib/project/image-session.ts';
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
    cyclonedx: 'cdx.json',
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
  /** The architecture images are built for. */
  arch = $state('x86_64');
  build = $state.raw<ImageBuildOutcome | undefined>(undefined);
  /** The newest successful build of the selected image and profile: shown, dimmed, while a newer edit is invalid or being built. */
  lastGood = $state.raw<ImageBuildOutcome | undefined>(undefined);
  building = $state(false);
  /** Solver switches set in the top bar over what the image's description says (undefined: the description's). */
  overrides = $state.raw<BuildOverrides>({});
  /** A checkout opened in place: no example under it, so no share link can describe it. */
  openedInPlace = $state(false);

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

  /** Every diagnostic, the project's and the last build's, once each (a build repeats the project's), for the file list and the editor. */
  readonly allDiagnostics = $derived.by(() => uniqueDiagnostics([...this.diagnostics, ...(this.build?.diagnostics ?? [])]));

  /** The selected image is no longer defined by the project (an edit removed it, or broke the file that defines it). */
  readonly imageMissing = $derived.by(() => this.image !== '' && !this.images.some((i) => i.name === this.image));

  /** The first error of the project, where to fix it: what the answer pane points at while the answer is out of date. */
  readonly firstError = $derived.by(() => this.allDiagnostics.find((d) => d.severity === 'error'));

  /** The example project the open project starts from, as shipped (share links are differences from it). */
  get shippedFiles(): ReadonlyMap<string, string> {
    return this.shipped;
  }

  /**
   * Opens an example project as shipped, or with the edits kept for it; or, with OPENED, other files
   * on top of that example (a share link, a project of the user's), saved as `saved` was told.
   */
  async open(example: LoadedExample, opened?: { files: ReadonlyMap<string, string>; name?: string }): Promise<void> {
    this.openedInPlace = false;
    this.id = example.id;
    this.name = opened?.name ?? example.name;
    this.shipped = example.files;
    this.files = opened ? new Map(opened.files) : await this.saved.filesFor(example.id, example.files);
    this.image = '';
    this.lastGood = undefined;
    await this.describe();
    const paths = [...this.files.keys()];
    this.selectedFile = this.imageFile ?? paths.find((f) => f.endsWith('.kiwi')) ?? paths[0] ?? '';
  }

  /** Opens files read from a checkout opened in place (NAME); edits to it stay in the tab: the checkout is the user's, on disk. */
  async openCheckout(name: string, files: ReadonlyMap<string, string>): Promise<void> {
    this.saved.detach();
    this.openedInPlace = true;
    this.id = name;
    this.name = name;
    this.shipped = new Map(files);
    this.files = new Map(files);
    this.image = '';
    this.build = undefined;
    this.lastGood = undefined;
    await this.describe();
    const paths = [...this.files.keys()];
    this.selectedFile = this.imageFile ?? paths.find((f) => f.endsWith('azldev.toml')) ?? paths[0] ?? '';
    await this.buildNow();
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

  /** Re-reads the project: images and diagnostics (and the Overlays view follows). */
  async describe(): Promise<void> {
    if (this.overlaysStarted) void this.overlays.refresh(this.files);
    const described = await this.link.remote.describeProject([...this.files]);
    this.images = described.images;
    this.diagnostics = described.diagnostics;
    // Only the first describe picks an image. Later ones keep it even when an edit removes it (or breaks
    // the file that defines it): switching image, and with it the file in the editor, under the user's
    // cursor sent the next keystroke into another file. The answer pane says the image is missing instead.
    if (this.image === '') this.selectImage(this.images.find((i) => i.name === 'vm-base')?.name ?? this.images[0]?.name ?? '');
    if (!this.image) this.startOverlays();
  }

  /** Picks an image (and its default profile); the file in the editor stays (see `openImageFile`). */
  selectImage(name: string): void {
    if (name !== this.image) this.lastGood = undefined;
    this.image = name;
    const image = this.images.find((i) => i.name === name);
    this.profile = image?.defaultProfile ?? '';
  }

  /** Picks a profile of the selected image ('' for the description's default). */
  selectProfile(profile: string): void {
    if (profile !== this.profile) this.lastGood = undefined;
    this.profile = profile;
  }

  /** Builds for architecture ARCH from now on. */
  setArch(arch: string): void {
    if (arch !== this.arch) this.lastGood = undefined;
    this.arch = arch;
    void this.buildNow();
  }

  /** Sets the solver switches the top bar overrides and rebuilds. */
  setOverrides(overrides: BuildOverrides): void {
    this.overrides = overrides;
    void this.buildNow();
  }

  /** The path of the selected image's description (KIWI or kickstart file), when it has one in the project. */
  get imageFile(): string | undefined {
    const path = this.images.find((i) => i.name === this.image)?.path;
    return path && this.files.has(path) ? path : undefined;
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

  /** Removes a file from the project and rebuilds; returns what puts it back (the toast's Undo). */
  removeFile(path: string): (() => void) | undefined {
    const text = this.files.get(path);
    const next = new Map(this.files);
    if (text === undefined || !next.delete(path)) return undefined;
    const wasSelected = this.selectedFile === path;
    if (wasSelected) this.selectedFile = this.imageFile && this.imageFile !== path ? this.imageFile : ([...next.keys()].sort()[0] ?? '');
    this.replaceFiles(next);
    return () => {
      const selected = this.selectedFile;
      this.addFiles([[path, text]]);
      if (!wasSelected) this.selectedFile = selected;
    };
  }

  /** Goes back to the project as shipped, forgetting the saved edits; returns what brings the edits back (the toast's Undo). */
  async discardEdits(): Promise<() => void> {
    const edited = this.files;
    // a project of the user's is all edits: there is no shipped version to go back to
    if (this.saved.target.kind === 'user') return () => undefined;
    await this.saved.discard();
    this.files = new Map(this.shipped);
    if (!this.files.has(this.selectedFile)) this.selectedFile = this.imageFile ?? [...this.files.keys()].find((f) => f.endsWith('.kiwi')) ?? '';
    await this.describe();
    await this.buildNow();
    return () => this.replaceFiles(new Map(edited));
  }

  /** Replaces line LINE (1-based) of FILE with REPLACEMENT lines (none: the line is dropped), as a Problems fix does. */
  editLine(file: string, line: number, replacement: readonly string[]): void {
    const text = this.files.get(file);
    if (text === undefined) return;
    const lines = text.split('\n');
    if (line < 1 || line > lines.length) return;
    lines.splice(line - 1, 1, ...replacement);
    this.edit(file, lines.join('\n'));
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
    // a build that must download a repository first can be stopped from the status bar
    const controller = new AbortController();
    const cancel = () => controller.abort();
    this.status.cancel = cancel;
    try {
      const overrides = { ...this.overrides };
      const call = { files: [...this.files], image: this.image, arch: this.arch, ...(this.profile ? { profile: this.profile } : {}), ...(Object.keys(overrides).length ? { overrides } : {}) };
      const outcome = await this.link.buildImage(call, (p) => {
        if (generation === this.generation) this.status.progress = p;
      }, controller.signal);
      if (generation !== this.generation) return;
      this.build = outcome;
      if (outcome.result.ok) this.lastGood = outcome;
      const changed = outcome.overlayChanges[0];
      const dist = changed ? distTagOfRelease(/-([^-]+)\.[^.-]+$/.exec(changed.before)?.[1] ?? '') : undefined;
      if (dist) this.overlays.useDist(dist, `the dist tag of ${changed?.before} in the loaded repository, as the image build uses it`);
      if (outcome.result.notice) this.status.recovered(outcome.result.notice);
      this.status.ready(describeBuild(outcome));
      void this.repositories.refresh();
    } catch (error) {
      if (generation === this.generation) this.status.thrown('resolver', error);
    } finally {
      if (this.status.cancel === cancel) this.status.cancel = undefined;
      if (generation === this.generation) {
        this.building = false;
        this.status.progress = undefined;
      }
      this.startOverlays();
    }
  }

  // The overlay worker starts once the first build has answered (or there is nothing to build), so
  // the first result shares the CPU and the network with nothing; it renders the same files then.
  private overlaysStarted = false;

  private startOverlays(): void {
    if (this.overlaysStarted) return;
    this.overlaysStarted = true;
    void this.overlays.refresh(this.files);
  }

  /** The selected image's build in FORMAT (the bytes `azl-playground image` writes), for a download. */
  async exportText(format: ImageExportFormat): Promise<Result<string, MessageError>> {
    const exported = await this.link.remote.exportImage(format);
    if (!exported.ok) this.status.fail({ source: 'export', message: `The ${format} export failed.`, hint: exported.error.message });
    return exported;
  }
}
