/** Streaming HTTP download with byte progress and cancel, and errors that tell CORS, 404 and other failures apart. */
import { ByteCollector } from './decompress.ts';
import { DecompressedTooLarge, UNDECLARED_SIZE_CAP } from './size-limit.ts';
import { fail, ok, OTHER_WAYS_HINT, type RepoResult } from './errors.ts';

/** The subset of `fetch` this layer uses; injected so tests can serve fixtures. */
export type FetchLike = (input: string, init?: { signal?: AbortSignal }) => Promise<Response>;

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

function networkFailure(url: string, err: unknown, appOrigin: string | undefined): RepoResult<never> {
  const reason = err instanceof Error ? err.message : String(err);
  if (err instanceof TypeError && isCrossOrigin(url, appOrigin)) {
    const origin = new URL(url).origin;
    return fail(
      'repo/cors',
      `The browser blocked reading ${url}: the server at ${origin} does not send a CORS header (Access-Control-Allow-Origin), so this page may not read its files.`,
      `This is a setting of that mirror, not a fault in its data. ${OTHER_WAYS_HINT}`,
    );
  }
  return fail('repo/network', `Could not download ${url}: ${reason}.`, `Check the address and your connection. ${OTHER_WAYS_HINT}`);
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
    return networkFailure(url, err, appOrigin);
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
