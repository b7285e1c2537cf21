/**
 * Share links: a project as a URL hash `#v<N>/<payload>`. Format v1 (README "Share links"):
 * payload = base64url without padding of gzip(UTF-8 JSON)
 * `{"base", "files": {path: text | null}, "image", "profile", "settings": {"arch", "weakDeps", "best"}, "metadata": {repo id: repomd sha256}}`.
 * Readers ignore keys they do not know and take a missing settings key as its default; a decoder is
 * kept for every version ever written, so old links keep opening.
 */
import { isSupportedArch } from '../resolve/arch.ts';
import { err, ok, type Result } from '../result.ts';
import { fromBase64Url, gunzipBounded, gzip, toBase64Url, TooLargeError } from './codec.ts';

/** The version this code writes. */
export const SHARE_FORMAT_VERSION = 1;
/** Chat tools cut or attach longer links; above this many characters the page offers a .zip instead. */
export const MAX_SHARE_URL_CHARS = 8000;
/** The most a link's JSON may unpack to: far above any project a URL can carry, far below what would hurt the tab. */
export const MAX_SHARE_JSON_BYTES = 16 * 1024 * 1024;
/** Longer hashes are refused before any work (browsers keep URLs far shorter). */
const MAX_HASH_CHARS = 4 * 1024 * 1024;

/**
 * Solver settings a link carries: the architecture (default x86_64), and the page's weak-dependency
 * and `best` switches when they were set over the image's own (absent: as the image says).
 */
export interface ShareSettings {
  arch: string;
  weakDeps?: boolean;
  best?: boolean;
}

/** The default settings (what a missing `settings` key means). */
export const DEFAULT_SHARE_SETTINGS: Readonly<ShareSettings> = { arch: 'x86_64' };

/** A project as a share link describes it. */
export interface SharedProject {
  /** The example project the files are a difference from, e.g. `demo`. */
  base: string;
  /** Files that differ from the base: full text, or null for a file deleted from it. */
  files: Record<string, string | null>;
  image: string;
  profile: string | null;
  settings: ShareSettings;
  /** The metadata the link was made with: repository id → sha256 of its repomd.xml (empty when unknown). */
  metadata: Record<string, string>;
}

/** Why a hash did not open: damaged data, or a format newer than this page reads. */
export type ShareLinkError = { kind: 'corrupt'; detail: string } | { kind: 'newer'; version: number };

/** The sentence a user reads about ERROR (the page then opens the demo). */
export function describeShareLinkError(error: ShareLinkError): { message: string; hint: string } {
  if (error.kind === 'newer')
    return {
      message: `This share link uses format v${error.version}, made by a newer version of the playground; this one reads links up to v${SHARE_FORMAT_VERSION}.`,
      hint: 'Open the link on the site that made it, or reload to get the newest version of this site. The demo project is open instead.',
    };
  return {
    message: `This share link is damaged and cannot be opened (${error.detail}).`,
    hint: 'It was probably cut off when it was copied: ask for the whole link, or for a .zip of the project. The demo project is open instead.',
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A project path as links carry it: relative, `/`-separated, no empty, `.` or `..` segments. */
function isProjectPath(path: string): boolean {
  return path.length > 0 && path.length <= 4096 && !path.startsWith('/') && path.split('/').every((p) => p !== '' && p !== '.' && p !== '..') && !path.includes('\\') && !path.includes('\0');
}

/** Format v1's reader. Unknown keys are ignored; every known key is checked, since a stranger can hand us any JSON. */
function readV1(json: unknown): Result<SharedProject, string> {
  if (!isRecord(json)) return err('the payload is not a JSON object');
  const { base, files, image, profile, settings, metadata } = json;
  if (typeof base !== 'string' || !/^[A-Za-z0-9._-]{1,100}$/.test(base)) return err('"base" is not an example project id');
  if (files !== undefined && !isRecord(files)) return err('"files" is not an object');
  const fileMap: Record<string, string | null> = {};
  for (const [path, text] of Object.entries(files ?? {})) {
    if (!isProjectPath(path)) return err(`"files" names ${JSON.stringify(path.slice(0, 80))}, which is not a path inside a project`);
    if (text !== null && typeof text !== 'string') return err(`"files"."${path}" is neither text nor null`);
    fileMap[path] = text;
  }
  if (typeof image !== 'string') return err('"image" is missing');
  if (profile !== undefined && profile !== null && typeof profile !== 'string') return err('"profile" is neither text nor null');
  if (settings !== undefined && !isRecord(settings)) return err('"settings" is not an object');
  const s = settings ?? {};
  const arch = s['arch'] ?? DEFAULT_SHARE_SETTINGS.arch;
  if (typeof arch !== 'string' || !isSupportedArch(arch)) return err(`"settings"."arch" ${JSON.stringify(arch)} is not an architecture the resolver knows`);
  const { weakDeps, best } = s;
  if ((weakDeps !== undefined && typeof weakDeps !== 'boolean') || (best !== undefined && typeof best !== 'boolean')) return err('"settings"."weakDeps" and "best" must be true or false');
  const meta: Record<string, string> = {};
  if (isRecord(metadata)) for (const [id, sha] of Object.entries(metadata)) if (typeof sha === 'string' && /^[0-9a-f]{64}$/.test(sha)) meta[id] = sha;
  return ok({ base, files: fileMap, image, profile: profile ?? null, settings: { arch, ...(weakDeps !== undefined ? { weakDeps } : {}), ...(best !== undefined ? { best } : {}) }, metadata: meta });
}

/** One reader per format version ever written; a new version adds a reader and keeps the old ones. */
const READERS: Record<number, (json: unknown) => Result<SharedProject, string>> = { 1: readV1 };

/** The JSON object format v1 writes for PROJECT: keys in a fixed order and files sorted, so equal projects give equal links. */
export function shareJsonV1(project: SharedProject): string {
  const files = Object.fromEntries(Object.keys(project.files).sort().map((p) => [p, project.files[p]]));
  const metadata = Object.fromEntries(Object.keys(project.metadata).sort().map((id) => [id, project.metadata[id]]));
  const { arch, weakDeps, best } = project.settings;
  return JSON.stringify({ base: project.base, files, image: project.image, profile: project.profile, settings: { arch, ...(weakDeps !== undefined ? { weakDeps } : {}), ...(best !== undefined ? { best } : {}) }, metadata });
}

/** The hash fragment (without `#`) of a v1 link to PROJECT: `v1/<payload>`. */
export async function encodeShareHash(project: SharedProject): Promise<string> {
  const packed = await gzip(new TextEncoder().encode(shareJsonV1(project)));
  return `v${SHARE_FORMAT_VERSION}/${toBase64Url(packed)}`;
}

/** True when HASH (with or without `#`) has the shape of a share link of any version. */
export function isShareHash(hash: string): boolean {
  return /^#?v\d+\//.test(hash);
}

/** Reads a share link's hash (with or without `#`) of any version this code knows. */
export async function decodeShareHash(hash: string): Promise<Result<SharedProject, ShareLinkError>> {
  const match = /^#?v(\d+)\/(.*)$/s.exec(hash);
  if (!match) return err({ kind: 'corrupt', detail: 'it does not start with a format version such as v1/' });
  const version = Number(match[1]);
  const reader = READERS[version];
  if (!reader) return version > SHARE_FORMAT_VERSION ? err({ kind: 'newer', version }) : err({ kind: 'corrupt', detail: `there never was a format v${version}` });
  const text = match[2] as string;
  if (text.length > MAX_HASH_CHARS) return err({ kind: 'corrupt', detail: `it is ${text.length} characters long, more than a link can be` });
  const packed = fromBase64Url(text);
  if (!packed || packed.length === 0) return err({ kind: 'corrupt', detail: 'it is not base64url (a character outside the alphabet, or cut off mid-character)' });
  let bytes: Uint8Array;
  try {
    bytes = await gunzipBounded(packed, MAX_SHARE_JSON_BYTES);
  } catch (error) {
    if (error instanceof TooLargeError) return err({ kind: 'corrupt', detail: `it unpacks to more than ${MAX_SHARE_JSON_BYTES / 1024 / 1024} MB` });
    return err({ kind: 'corrupt', detail: 'its compressed data is incomplete or not gzip' });
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return err({ kind: 'corrupt', detail: 'its data is not UTF-8 JSON' });
  }
  const read = reader(json);
  return read.ok ? read : err({ kind: 'corrupt', detail: read.error });
}
