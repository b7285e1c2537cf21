/** EmbedState: `embed.html` — one project image for a documentation page, and the postMessage API its host page talks to. */
import type { ImageBuildOutcome } from '../lib/project/image-session.ts';
import { embedResultOf, readHostRequest, type EmbedEvent, type EmbedOptions, type EmbedReply, type HostRequest } from '../lib/share/embed-protocol.ts';
import { decodeShareHash, describeShareLinkError, DEFAULT_SHARE_SETTINGS, encodeShareHash, isShareHash, type SharedProject } from '../lib/share/link.ts';
import type { Playground } from './playground.svelte.ts';

/** Where the embed's replies and events go: the host page (`postMessage` to its origin), or nowhere without `host=`. */
export type HostPost = (message: EmbedReply | EmbedEvent) => void;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The embed page's state over a Playground whose edits are never saved. */
export class EmbedState {
  /** "Open in playground": the full playground on the same project, image and edits. */
  playgroundHref = $state('');
  /** The manifest of the current build (the manifest view). */
  manifest = $state('');
  private announced: ImageBuildOutcome | undefined;

  constructor(
    readonly playground: Playground,
    readonly options: EmbedOptions,
    private readonly post: HostPost | undefined,
    private readonly appBaseUrl: string,
  ) {}

  /** Starts the worker and opens the project: the share hash when there is one (a damaged one is reported, and the query's project opens), else `project=`/`image=`. */
  async start(params: URLSearchParams, hash: string): Promise<void> {
    const { playground, options } = this;
    playground.mode = 'project';
    if (!(await playground.boot(params))) {
      this.emit('error', { message: playground.status.banner?.message ?? 'the resolver could not start' });
      return;
    }
    let link: SharedProject = { base: options.project, files: {}, image: options.image ?? '', profile: null, settings: { ...DEFAULT_SHARE_SETTINGS }, metadata: {} };
    if (isShareHash(hash)) {
      const decoded = await decodeShareHash(hash);
      if (decoded.ok) link = decoded.value;
      else playground.status.fail({ source: 'share link', ...describeShareLinkError(decoded.error) });
    }
    if (!(await playground.share.openLink(link, { build: false }))) {
      this.emit('error', { message: playground.status.banner?.message ?? `the ${link.base} project could not be opened` });
      return;
    }
    // an embed shows what the page author wrote: it never offers to keep it
    playground.share.opened = playground.share.opened ? { ...playground.share.opened, baseEditsSavedAt: undefined } : undefined;
    if (!link.image) playground.project.selectImage(playground.project.image);
    await playground.project.buildNow();
    this.emit('ready', { api: 1, image: playground.project.image });
  }

  /** Called after each build the page shows: tells the host and refreshes the playground link and the manifest. */
  async built(outcome: ImageBuildOutcome): Promise<void> {
    if (outcome === this.announced) return;
    this.announced = outcome;
    const result = outcome.result;
    if (!result.ok && result.kind === 'invalid') this.emit('error', { message: result.message, image: outcome.image });
    else this.emit('resolved', embedResultOf(outcome));
    const project = this.playground.share.sharedProject();
    const query = new URLSearchParams({ project: project.base, image: project.image });
    this.playgroundHref = `${this.appBaseUrl}?${query}#${await encodeShareHash(project)}`;
    if (this.options.view === 'manifest') {
      const manifest = result.ok ? await this.playground.project.exportText('manifest') : undefined;
      this.manifest = manifest?.ok ? manifest.value : '';
    }
  }

  /** Resolves once the current edit has been built (no edit waiting for its debounce, no build running). */
  async settled(): Promise<void> {
    const project = this.playground.project;
    while (project.editPending || project.building || !project.build) await sleep(25);
  }

  /** Handles a message that arrived from the host's origin (the caller checked it). */
  async receive(data: unknown): Promise<void> {
    const read = readHostRequest(data);
    if (!read) return;
    if (!read.ok) {
      this.reply({ azl: 1, id: read.error.id, ok: false, error: { message: read.error.message } });
      return;
    }
    try {
      this.reply({ azl: 1, id: read.value.id, ok: true, result: await this.answer(read.value) });
    } catch (error) {
      this.reply({ azl: 1, id: read.value.id, ok: false, error: { message: error instanceof Error ? error.message : String(error) } });
    }
  }

  private async answer(request: HostRequest): Promise<unknown> {
    const project = this.playground.project;
    switch (request.method) {
      case 'getResult':
        await this.settled();
        return embedResultOf(project.build as ImageBuildOutcome);
      case 'getExport': {
        await this.settled();
        if (!project.build?.result.ok) throw new Error(`the image ${project.image} did not resolve, so there is nothing to export`);
        const text = await project.exportText(request.format);
        if (!text.ok) throw new Error(text.error.message);
        return { text: text.value };
      }
      case 'setFiles': {
        const added = Object.entries(request.files).filter((e): e is [string, string] => e[1] !== null);
        project.addFiles(added);
        for (const [path, text] of Object.entries(request.files)) if (text === null) project.removeFile(path);
        await project.flush();
        return null;
      }
      case 'setImage': {
        if (!project.images.some((i) => i.name === request.image)) throw new Error(`the project has no image ${request.image}; its images: ${project.images.map((i) => i.name).join(', ')}`);
        project.selectImage(request.image);
        if (request.profile !== null) project.profile = request.profile;
        await project.buildNow();
        return null;
      }
    }
  }

  private reply(message: EmbedReply): void {
    this.post?.(message);
  }

  /** Posts event NAME to the host. */
  emit(event: EmbedEvent['event'], data: unknown): void {
    this.post?.({ azl: 1, event, data });
  }
}
