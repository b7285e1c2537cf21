/** Streaming HTTP download with byte progress and cancel, and errors that tell a missing host, a refused connection, a blocked port, CORS and HTTP statuses apart. */
import { ByteCollector } from './decompress.ts';
import { DecompressedTooLarge, UNDECLARED_SIZE_CAP } from './size-limit.ts';
import { fail, ok, OTHER_WAYS_HINT, type RepoResult } from './errors.ts';

/** The subset of `fetch` this layer uses; injected so tests can serve fixtures. */
export type FetchLike = (input: string, init?: { signal?: AbortSignal; mode?: RequestMode }) => Promise<Response>;

/** Bytes downloaded so far for one file; `total` is unknown when neither the server nor repomd.xml gives a size. */
export type ByteProgressCallback = (loaded: number, total: number | undefined) => void;

/** How to download: the fetch to use, cancel, progress, and the page's origin for telling CORS failures apart. */
export interface FetchBytesOptions {
  fetch: FetchLike;
  signal?: AbortSignal;
  onProgress?: ByteProgressCallback;
  /** Size promised by repomd.xml, used for progress when the server sends no Content-Length. */
  expectedSize?: number;
  /** Origin of the page (e.g. `https://example.org`); defaults to `location.origin` where there is one. */
  appOrigin?: string;
  /** The download is stopped and refused past this many bytes (default UNDECLARED_SIZE_CAP). */
  maxBytes?: number;
}

/** A downloaded file and what the server said it was. */
export interface FetchedBytes {
  bytes: Uint8Array;
  contentType: string;
}

function defaultOrigin(): string | undefined {
  const loc = (globalThis as { location?: { origin?: string } }).location;
  return loc?.origin && loc.origin !== 'null' ? loc.origin : undefined;
}

function isAbort(err: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true || (err instanceof Error && err.name === 'AbortError');
}

/** Tells whether `url` is on another origin than the page, so a TypeError from fetch most likely means CORS. */
export function isCrossOrigin(url: string, appOrigin: string | undefined): boolean {
  if (!appOrigin) return false;
  try {
    return new URL(url, appOrigin).origin !== appOrigin;
  } catch {
    return false;
  }
}

/**
 * Ports browsers refuse to connect to (the Fetch standard's "bad ports"); a fetch to one fails
 * before any connection, exactly like an unreachable host, so it is told apart by the URL.
 */
export const BLOCKED_PORTS: ReadonlySet<number> = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389,
  427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566,
  6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

/** What most likely happened when a download failed before any HTTP answer. */
export type NetworkFailureKind = 'blocked-port' | 'mixed-content' | 'offline' | 'host-not-found' | 'refused' | 'cors' | 'unreachable';

/** What is known besides the error: the page's origin, whether the browser is online, whether a no-cors request reached the server. */
export interface NetworkFailureContext {
  appOrigin?: string | undefined;
  online?: boolean | undefined;
  /** A `mode: "no-cors"` request to the same URL got an (opaque) answer: the server is there, only CORS is missing. */
  reachableWithoutCors?: boolean | undefined;
}

function errorCodes(err: unknown): string[] {
  const codes: string[] = [];
  const visit = (e: unknown, depth: number): void => {
    if (!e || typeof e !== 'object' || depth > 3) return;
    const { code, cause, errors } = e as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === 'string') codes.push(code);
    visit(cause, depth + 1);
    if (Array.isArray(errors)) for (const x of errors) visit(x, depth + 1);
  };
  visit(err, 0);
  return codes;
}

/**
 * Tells apart, as far as the runtime lets us, why a request to URL failed with ERR before any
 * HTTP answer. Browsers give every such failure as the same TypeError; the URL (a blocked port, an
 * http URL from an https page), `navigator.onLine` and a no-cors probe tell most cases apart.
 * Node names the cause (ENOTFOUND, ECONNREFUSED).
 */
export function networkFailureKind(url: string, err: unknown, context: NetworkFailureContext = {}): NetworkFailureKind {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url, context.appOrigin);
  } catch {
    parsed = undefined;
  }
  const port = parsed ? Number(parsed.port || (parsed.protocol === 'https:' ? 443 : 80)) : NaN;
  if (BLOCKED_PORTS.has(port)) return 'blocked-port';
  if (context.appOrigin?.startsWith('https:') && parsed?.protocol === 'http:' && !['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname)) return 'mixed-content';
  if (context.online === false) return 'offline';
  const codes = errorCodes(err);
  if (codes.some((c) => c === 'ENOTFOUND' || c === 'EAI_AGAIN' || c === 'EAI_NONAME')) return 'host-not-found';
  if (codes.includes('ECONNREFUSED')) return 'refused';
  if (context.reachableWithoutCors === true) return 'cors';
  return 'unreachable';
}

function isIpLiteral(host: string): boolean {
  return /^\d+\.\d+\.\d+\.\d+$/.test(host) || host.startsWith('[');
}

/** The user-facing failure for KIND. */
export function networkFailureMessage(url: string, kind: NetworkFailureKind, reason: string): RepoResult<never> {
  let host = url;
  let port = '';
  try {
    const u = new URL(url);
    host = u.hostname;
    port = u.port || (u.protocol === 'https:' ? '443' : '80');
  } catch {
    // the URL was checked before the fetch; keep the raw text
  }
  switch (kind) {
    case 'blocked-port':
      return fail('repo/blocked-port', `Browsers refuse to connect to port ${port} (it belongs to another protocol), so ${url} cannot be read from a web page.`, `Serve the repository on another port (80, 443 or 8080, say). ${OTHER_WAYS_HINT}`);
    case 'mixed-content':
      return fail('repo/mixed-content', `This page is served over https, and the browser blocks reading the plain http address ${url} from it.`, `Use the mirror's https:// address. ${OTHER_WAYS_HINT}`);
    case 'offline':
      return fail('repo/offline', `The browser is offline, so ${url} could not be downloaded.`, `Connect and try again; cached and bundled repositories still work. ${OTHER_WAYS_HINT}`);
    case 'host-not-found':
      return fail('repo/host-not-found', `The host ${host} was not found (no DNS record).`, `Check the spelling of the address. ${OTHER_WAYS_HINT}`);
    case 'refused':
      return fail('repo/refused', `Nothing answers at ${host} port ${port}: the connection was refused.`, `Check the port, and that the server is running. ${OTHER_WAYS_HINT}`);
    case 'cors': {
      const origin = new URL(url).origin;
      return fail(
        'repo/cors',
        `The browser blocked reading ${url}: the server at ${origin} answers, but does not send a CORS header (Access-Control-Allow-Origin), so this page may not read its files.`,
        `This is a setting of that mirror, not a fault in its data. ${OTHER_WAYS_HINT}`,
      );
    }
    default:
      return fail(
        'repo/network',
        isIpLiteral(host) ? `Could not connect to ${host} port ${port} (${reason}): no server answered.` : `Could not reach ${host} (${reason}): the host does not exist, or nothing answers on port ${port}; the browser does not say which.`,
        `Check the address and your connection. ${OTHER_WAYS_HINT}`,
      );
  }
}

/** Asks URL again without CORS: an opaque answer means the server is there and only the CORS header is missing. */
async function reachableWithoutCors(fetchFn: FetchLike, url: string, signal: AbortSignal | undefined): Promise<boolean> {
  try {
    await fetchFn(url, { mode: 'no-cors', ...(signal ? { signal } : {}) });
    return true;
  } catch {
    return false;
  }
}

async function networkFailure(url: string, err: unknown, options: FetchBytesOptions, appOrigin: string | undefined): Promise<RepoResult<never>> {
  const reason = err instanceof Error ? err.message : String(err);
  const online = (globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine;
  const probe = err instanceof TypeError && isCrossOrigin(url, appOrigin) && !BLOCKED_PORTS.has(Number(new URL(url).port)) ? await reachableWithoutCors(options.fetch, url, options.signal) : undefined;
  return networkFailureMessage(url, networkFailureKind(url, err, { appOrigin, online, reachableWithoutCors: probe }), reason);
}

function httpFailure(url: string, response: Response): RepoResult<never> {
  const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  if (response.status === 404 || response.status === 410) {
    return fail(
      'repo/http-not-found',
      `${url} was not found (${status}).`,
      'Check the URL: it should be the repository root (the folder that contains repodata/), with $releasever and $basearch filled in.',
    );
  }
  return fail('repo/http-error', `The server refused ${url} (${status}).`, `Try again later or use another mirror. ${OTHER_WAYS_HINT}`);
}

/** Downloads `url` as bytes, reporting progress per chunk; cancellation, CORS, 404 and other HTTP errors are distinct failures. */
export async function fetchBytes(url: string, options: FetchBytesOptions): Promise<RepoResult<FetchedBytes>> {
  const { signal, onProgress } = options;
  const appOrigin = options.appOrigin ?? defaultOrigin();
  const cancelled = () => fail('repo/cancelled', `Download of ${url} was cancelled.`, 'Start the download again when you are ready.');
  if (signal?.aborted) return cancelled();
  let response: Response;
  try {
    response = await options.fetch(url, signal ? { signal } : {});
  } catch (err) {
    if (isAbort(err, signal)) return cancelled();
    return networkFailure(url, err, options, appOrigin);
  }
  if (!response.ok) return httpFailure(url, response);
  const contentType = response.headers.get('content-type') ?? '';
  const header = Number(response.headers.get('content-length') ?? '');
  // Content-Length counts encoded bytes when the server gzips on the fly, so repomd.xml's size is the better total.
  const total = options.expectedSize ?? (Number.isFinite(header) && header > 0 ? header : undefined);
  if (!response.body) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    onProgress?.(bytes.length, total ?? bytes.length);
    return ok({ bytes, contentType });
  }
  const reader = response.body.getReader();
  // One buffer sized from repomd.xml's promise (grown if the server sends more), rather than chunks copied at the end.
  const maxBytes = options.maxBytes ?? UNDECLARED_SIZE_CAP;
  const collector = new ByteCollector(total, maxBytes);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      collector.push(value);
      onProgress?.(collector.length, total);
    }
  } catch (err) {
    if (isAbort(err, signal)) return cancelled();
    if (err instanceof DecompressedTooLarge) {
      await reader.cancel().catch(() => undefined);
      const promised = options.expectedSize === undefined ? 'no size was declared for it' : `repomd.xml says it is ${options.expectedSize} bytes (${options.maxBytes ?? UNDECLARED_SIZE_CAP} with the allowed margin)`;
      return fail('repo/too-large', `Download of ${url} was stopped at ${maxBytes} bytes: ${promised}.`, 'The server sends more than the file can be; use another mirror.');
    }
    const reason = err instanceof Error ? err.message : String(err);
    return fail('repo/network', `Download of ${url} was interrupted after ${collector.length} bytes (${reason}).`, `Try again. ${OTHER_WAYS_HINT}`);
  }
  if (signal?.aborted) return cancelled();
  return ok({ bytes: collector.bytes(), contentType });
}
