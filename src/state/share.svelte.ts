/** ShareState: share links — opening one (beside the user's own edits, never over them), making one, and the .zip offered when a link is too long. */
import { isUserProjectId, newUserProjectId } from '../lib/project/edit-store.ts';
import { loadExampleProject } from '../lib/project/examples.ts';
import type { FetchLike } from '../lib/repo/index.ts';
import { applyFilesDiff, filesDiff, metadataDifferences, type MetadataDifference } from '../lib/share/files-diff.ts';
import { decodeShareHash, describeShareLinkError, encodeShareHash, MAX_SHARE_URL_CHARS, type SharedProject } from '../lib/share/link.ts';
import { requestQuery } from '../lib/share/request-link.ts';
import type { AppStatus } from './app-status.svelte.ts';
import type { ProjectState } from './project.svelte.ts';
import { listEntries, type QuickRequestState } from './quick-request.svelte.ts';
import type { RepositoriesState } from './repositories.svelte.ts';

/** A link the page made, and whether it is too long to paste into a chat. */
export interface ShareOffer {
  url: string;
  /** Above `MAX_SHARE_URL_CHARS`: the page offers the project as a .zip instead. */
  tooLong: boolean;
  /** Repositories a quick-request link cannot carry (dropped files). */
  leftOut: string[];
  /** Why no link can describe the project (a checkout opened in place): the page offers the .zip alone. */
  unlinkable?: string;
}

/** The link the page was opened from. */
export interface OpenedLink {
  link: SharedProject;
  /** When the user already has saved edits of the link's base example (epoch ms), so keeping the link there must ask first. */
  baseEditsSavedAt: number | undefined;
}

/** Where the page lives and how to change its address without reloading. */
export interface ShareEnvironment {
  fetch: FetchLike;
  /** Absolute URL of the app root; links are made against it. */
  appBaseUrl: string;
  /** Replaces the page's address (history.replaceState); absent in tests. */
  replaceUrl?: (url: string) => void;
}

/** Share links of the playground page. */
export class ShareState {
  /** The share link the page opened, while its project is not kept anywhere yet. */
  opened = $state.raw<OpenedLink | undefined>(undefined);
  /** The last link made with `make`. */
  offer = $state.raw<ShareOffer | undefined>(undefined);

  constructor(
    private readonly project: ProjectState,
    private readonly request: QuickRequestState,
    private readonly repositories: RepositoriesState,
    private readonly status: AppStatus,
    private readonly env: ShareEnvironment,
  ) {}

  /** Repositories whose metadata on this page is not what the opened link was made with (shown next to the result). */
  readonly metadataDifferences = $derived.by((): MetadataDifference[] => {
    const build = this.project.build;
    if (!this.opened || !build?.result.ok) return [];
    return metadataDifferences(this.opened.link.metadata, Object.fromEntries(build.repos.map((r) => [r.id, r.repomdSha256])));
  });

  /**
   * Opens the project share link HASH describes, saving nothing until the user says where; false
   * (with the reason in the banner) when the link cannot be opened, and the caller opens the demo.
   */
  async openHash(hash: string): Promise<boolean> {
    const decoded = await decodeShareHash(hash);
    if (!decoded.ok) {
      this.status.fail({ source: 'share link', ...describeShareLinkError(decoded.error) });
      return false;
    }
    return this.openLink(decoded.value);
  }

  /** Opens the project LINK describes, saving nothing (a share link's, an embed's); false with the reason in the banner when its example cannot be read. */
  async openLink(link: SharedProject, options: { build?: boolean } = {}): Promise<boolean> {
    const example = await loadExampleProject(this.env.fetch, this.env.appBaseUrl, link.base);
    if (!example.ok) {
      const e = example.error;
      this.status.fail({
        source: 'share link',
        message: e.kind === 'not-found' ? `This share link starts from an example project called "${link.base}", which this site does not have.` : `The ${link.base} example this share link starts from could not be read.`,
        hint: e.kind === 'not-found' ? 'Open the link on the site that made it. The demo project is open instead.' : `${e.url}: ${e.message}.`,
      });
      return false;
    }
    const saved = this.project.saved;
    const baseEdits = await (await saved.open())?.load(link.base);
    saved.detach();
    this.project.arch = link.settings.arch;
    this.project.overrides = { ...(link.settings.weakDeps !== undefined ? { weakDeps: link.settings.weakDeps } : {}), ...(link.settings.best !== undefined ? { best: link.settings.best } : {}) };
    await this.project.open(example.value, { files: applyFilesDiff(example.value.files, link.files), name: `${example.value.name} — shared link` });
    this.project.selectImage(link.image);
    if (link.profile !== null) this.project.profile = link.profile;
    this.opened = { link, baseEditsSavedAt: baseEdits?.savedAt };
    if (options.build !== false) await this.project.buildNow();
    return true;
  }

  /** Makes a link to what is on screen: the project as a `#v1/` hash, or the quick request in its query form. */
  async make(mode: 'project' | 'request'): Promise<ShareOffer> {
    let url: string;
    let leftOut: string[] = [];
    if (mode === 'request') {
      const made = requestQuery({
        repos: this.repositories.repos,
        specs: listEntries(this.request.specsText),
        groups: listEntries(this.request.groupsText),
        excludes: listEntries(this.request.excludesText),
        weakDeps: this.request.weakDeps,
        best: this.request.best,
        arch: this.repositories.info?.arch ?? 'x86_64',
      });
      url = `${this.env.appBaseUrl}${made.query}`;
      leftOut = made.leftOut;
    } else if (this.project.openedInPlace) {
      // a link is a difference from an example every browser has; a checkout on this disk is none
      this.offer = { url: '', tooLong: false, leftOut: [], unlinkable: `${this.project.name} is a checkout opened from this computer, which no other browser has: a link cannot carry it. Send it as a .zip instead.` };
      return this.offer;
    } else {
      url = `${this.env.appBaseUrl}#${await encodeShareHash(this.sharedProject())}`;
    }
    this.offer = { url, tooLong: url.length > MAX_SHARE_URL_CHARS, leftOut };
    return this.offer;
  }

  /** The open project as a share link describes it: the difference from its example, the image, the settings and the metadata of the last build. */
  sharedProject(): SharedProject {
    const p = this.project;
    return {
      base: p.id,
      files: filesDiff(p.shippedFiles, p.files),
      image: p.image,
      profile: p.profile || null,
      settings: { arch: p.arch, ...(p.overrides.weakDeps !== undefined ? { weakDeps: p.overrides.weakDeps } : {}), ...(p.overrides.best !== undefined ? { best: p.overrides.best } : {}) },
      metadata: Object.fromEntries((p.build?.repos ?? []).map((r) => [r.id, r.repomdSha256])),
    };
  }

  /** The open project as a .zip (every file, in a folder named after it), for links too long to send; the zip code loads on first use. */
  async projectZip(): Promise<{ name: string; bytes: Uint8Array }> {
    const folder = this.project.name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || this.project.id;
    const files = this.project.files;
    const { zipProject } = await import('../lib/project/zip.ts');
    return { name: `${folder}.zip`, bytes: await zipProject(files, folder) };
  }

  /** Keeps the opened link's project as a new project of the user's called NAME; its own saved edits stay as they are. */
  async keepAsNewProject(name: string): Promise<boolean> {
    const id = newUserProjectId();
    const kept = await this.project.saved.saveAsUserProject({ kind: 'user', id, name, base: this.project.id }, this.project.files);
    if (!kept) return false;
    this.project.name = name;
    this.opened = undefined;
    this.env.replaceUrl?.(`${this.env.appBaseUrl}?project=${encodeURIComponent(id)}`);
    return true;
  }

  /** Keeps the opened link's project as the user's edits of its example, replacing edits kept there (the page asks first). */
  async keepAsExampleEdits(): Promise<void> {
    const base = this.project.id;
    if (isUserProjectId(base)) return;
    const files = this.project.files;
    await this.project.saved.filesFor(base, this.project.shippedFiles);
    this.project.saved.restored = undefined;
    this.project.saved.changed(files);
    this.project.name = this.project.name.replace(/ — shared link$/, '');
    this.opened = undefined;
    this.env.replaceUrl?.(`${this.env.appBaseUrl}?project=${encodeURIComponent(base)}`);
  }
}
