/**
 * The embed's contract with the page around it (README "Embedding"): `embed.html`'s query
 * parameters, and postMessage API version 1 — requests `{azl: 1, id, method, params}`, replies
 * `{azl: 1, id, ok, result | error}`, events `{azl: 1, event, data}`.
 */
import { IMAGE_EXPORT_FORMATS, type ImageExportFormat } from '../project/build/exports.ts';
import type { ImageBuildOutcome } from '../project/image-session.ts';
import { err, ok, type Result } from '../result.ts';

/** The postMessage API version this code speaks. */
export const EMBED_API_VERSION = 1;

/** What the embed shows of the image. */
export const EMBED_VIEWS = ['packages', 'manifest', 'overlays', 'why'] as const;
export type EmbedView = (typeof EMBED_VIEWS)[number];
/** Colour schemes the host can pin. */
export const EMBED_THEMES = ['light', 'dark', 'auto'] as const;
export type EmbedTheme = (typeof EMBED_THEMES)[number];

/** `embed.html`'s query parameters, checked. */
export interface EmbedOptions {
  project: string;
  image: string | null;
  view: EmbedView;
  editable: boolean;
  theme: EmbedTheme;
  /** The origin allowed to talk to the embed; the postMessage API is off without it. */
  host: string | null;
  /** CSS colour for the accent (`accent=`), and the font family (`font=`). */
  accent: string | null;
  font: string | null;
}

/** Values that can go into a CSS custom property without escaping it: colours and font lists, no `;`, braces or quotes that end a declaration. */
function cssSafe(value: string | null): string | null {
  return value !== null && /^[#A-Za-z0-9 ,.%()_-]{1,80}$/.test(value) ? value : null;
}

/** The origin in VALUE (`https://docs.example`), or null when it is not an http(s) origin. */
export function originOf(value: string | null): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

/** Reads `embed.html`'s query; unknown or malformed values fall back to the defaults. */
export function readEmbedOptions(params: URLSearchParams): EmbedOptions {
  const view = params.get('view');
  const theme = params.get('theme');
  const project = params.get('project');
  return {
    project: project && /^[A-Za-z0-9._-]{1,100}$/.test(project) ? project : 'demo',
    image: params.get('image'),
    view: (EMBED_VIEWS as readonly string[]).includes(view ?? '') ? (view as EmbedView) : 'packages',
    editable: params.get('editable') === '1',
    theme: (EMBED_THEMES as readonly string[]).includes(theme ?? '') ? (theme as EmbedTheme) : 'auto',
    host: originOf(params.get('host')),
    accent: cssSafe(params.get('accent')),
    font: cssSafe(params.get('font')),
  };
}

/** The methods a host can call. */
export type EmbedMethod = 'getResult' | 'getExport' | 'setFiles' | 'setImage';
const METHODS: readonly EmbedMethod[] = ['getResult', 'getExport', 'setFiles', 'setImage'];

/** A request from the host, checked. */
export type HostRequest =
  | { id: string; method: 'getResult' }
  | { id: string; method: 'getExport'; format: ImageExportFormat }
  | { id: string; method: 'setFiles'; files: Record<string, string | null> }
  | { id: string; method: 'setImage'; image: string; profile: string | null };

/** A reply to the host. */
export type EmbedReply = { azl: 1; id: string; ok: true; result: unknown } | { azl: 1; id: string; ok: false; error: { message: string } };

/** An event for the host. */
export interface EmbedEvent {
  azl: 1;
  event: 'ready' | 'resolved' | 'error' | 'resize';
  data: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads a message from the host: undefined for anything that is not an `azl` request (other
 * scripts post messages too; those are ignored), an error reply's id and message for a malformed
 * request, or the request.
 */
export function readHostRequest(data: unknown): Result<HostRequest, { id: string; message: string }> | undefined {
  if (!isRecord(data) || !('azl' in data) || 'event' in data || 'ok' in data) return undefined;
  const id = typeof data['id'] === 'string' ? data['id'] : '';
  const fail = (message: string) => err({ id, message });
  if (data['azl'] !== EMBED_API_VERSION) return fail(`this embed speaks API version ${EMBED_API_VERSION}, not ${JSON.stringify(data['azl'])}`);
  if (!id) return fail('the request has no "id" string');
  const method = data['method'];
  if (typeof method !== 'string' || !(METHODS as readonly string[]).includes(method)) return fail(`unknown method ${JSON.stringify(method)}: use one of ${METHODS.join(', ')}`);
  const params = data['params'] === undefined ? {} : data['params'];
  if (!isRecord(params)) return fail('"params" is not an object');
  switch (method as EmbedMethod) {
    case 'getResult':
      return ok({ id, method: 'getResult' });
    case 'getExport': {
      const format = params['format'];
      if (typeof format !== 'string' || !(IMAGE_EXPORT_FORMATS as readonly string[]).includes(format)) return fail(`"format" must be one of ${IMAGE_EXPORT_FORMATS.join(', ')}`);
      return ok({ id, method: 'getExport', format: format as ImageExportFormat });
    }
    case 'setFiles': {
      const files = params['files'];
      if (!isRecord(files)) return fail('"files" must be an object of path → text or null');
      for (const [path, text] of Object.entries(files)) {
        if (!path || path.startsWith('/') || path.split('/').some((p) => p === '' || p === '.' || p === '..')) return fail(`${JSON.stringify(path)} is not a path inside the project`);
        if (text !== null && typeof text !== 'string') return fail(`"files"."${path}" is neither text nor null`);
      }
      return ok({ id, method: 'setFiles', files: files as Record<string, string | null> });
    }
    case 'setImage': {
      const { image, profile } = params;
      if (typeof image !== 'string' || !image) return fail('"image" must name an image of the project');
      if (profile !== undefined && profile !== null && typeof profile !== 'string') return fail('"profile" must be text or null');
      return ok({ id, method: 'setImage', image, profile: profile ?? null });
    }
  }
}

/** `getResult`'s answer, and the `resolved` event's data. */
export interface EmbedResult {
  image: string;
  /** Sorted NEVRAs, the CLI's `nevra` lines. */
  packages: string[];
  /** null when solved; otherwise what stopped it, one text per problem. */
  problems: string[] | null;
  totals: { count: number; downloadBytes: number; installBytes: number };
}

/** The host's view of an image build. */
export function embedResultOf(outcome: ImageBuildOutcome): EmbedResult {
  const result = outcome.result;
  if (result.ok) {
    const packages = result.packages.map((p) => p.nevra).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return { image: outcome.image, packages, problems: null, totals: { count: packages.length, downloadBytes: result.stats.downloadSize, installBytes: result.stats.installSize } };
  }
  const problems = result.kind === 'problems' ? result.problems.map((p) => p.text) : result.kind === 'no-match' ? result.unmatched.map((u) => `No match for argument: ${u.spec}`) : [result.message];
  return { image: outcome.image, packages: [], problems, totals: { count: 0, downloadBytes: 0, installBytes: 0 } };
}
