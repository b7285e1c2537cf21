/** Test helpers for the repo layer: fixture paths, a fetch that serves directories, and small byte tools. */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { FetchLike } from '../../../src/lib/repo/index.ts';

/** Root of the shared rpm-md fixtures (read by tests only; the app never reads them). */
export const FIXTURES = join(import.meta.dirname, '../../../../shared/fixtures/repodata');
/** The CentOS Stream 9 BaseOS fixture root (contains repodata/). */
export const CS9 = join(FIXTURES, 'centos-stream-9-baseos-2022');
/** The small Fedora 32 bash closure fixture root. */
export const BASH_FC32 = join(FIXTURES, 'fedora32-el8-closures-bazeldnf/bash-fc32');
/** The Debian-as-rpm-md fixture root. */
export const DEBIAN = join(FIXTURES, 'debian-bookworm-as-rpmmd');

/** Reads a file as a Uint8Array. */
export function readBytes(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}

/** Every regular file under `dir`, keyed by its path relative to `dir`. */
export function readTree(dir: string): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readBytes(p));
    }
  };
  walk(dir);
  return out;
}

/** Fails the test unless a command is on PATH (zstd, xz, bzip2, tar make variants at test time; .ci/install.sh installs them). */
export function requireCommand(cmd: string): void {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
  } catch {
    throw new Error(`the ${cmd} command is needed to make this test's input: apt-get install ${cmd === 'xz' ? 'xz-utils' : cmd}`);
  }
}

/** Runs a filter command (e.g. `zstd -c`) over bytes. */
export function pipeThroughCommand(cmd: string, args: string[], input: Uint8Array): Uint8Array {
  return new Uint8Array(execFileSync(cmd, args, { input, maxBuffer: 512 * 1024 * 1024 }));
}

/** A copy of `bytes` with one byte inverted at `offset` (negative counts from the end). */
export function flipByte(bytes: Uint8Array, offset: number): Uint8Array {
  const copy = new Uint8Array(bytes);
  const at = offset < 0 ? copy.length + offset : offset;
  copy[at] = (copy[at] as number) ^ 0xff;
  return copy;
}

/** Hex sha256 through node:crypto, an independent check on the WebCrypto path under test. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const { createHash } = await import('node:crypto');
  return createHash('sha256').update(bytes).digest('hex');
}

/** A body that arrives in chunks, so byte progress has something to report. */
function chunkedBody(bytes: Uint8Array, chunk = 64 * 1024): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) {
        controller.close();
        return;
      }
      controller.enqueue(bytes.slice(offset, offset + chunk));
      offset += chunk;
    },
  });
}

/** What a fake server holds: URL → bytes (status 200), or a status/handler of its own. */
export type Route = Uint8Array | { status: number; body?: string; contentType?: string } | ((url: string, init?: { signal?: AbortSignal; mode?: RequestMode }) => Promise<Response> | Response);

/** A fake server: `routes` by full URL, plus directories mounted at URL prefixes; everything else is 404. */
export class FakeServer {
  readonly routes = new Map<string, Route>();
  readonly requested: string[] = [];
  readonly mounts: { prefix: string; files: Map<string, Uint8Array> }[] = [];

  /** Serves every file under `dir` at `prefix` + its relative path. */
  mount(prefix: string, dir: string): this {
    this.mounts.push({ prefix, files: readTree(dir) });
    return this;
  }

  /** Serves `files` (relative path → bytes) at `prefix`. */
  mountFiles(prefix: string, files: Map<string, Uint8Array>): this {
    this.mounts.push({ prefix, files });
    return this;
  }

  /** The injected fetch. */
  readonly fetch: FetchLike = async (url, init) => {
    this.requested.push(url);
    if (init?.signal?.aborted) throw new DOMException('The operation was aborted.', 'AbortError');
    const route = this.routes.get(url);
    if (typeof route === 'function') return route(url, init);
    if (route instanceof Uint8Array) return this.respond(route, init?.signal);
    if (route) return new Response(route.body ?? '', { status: route.status, headers: { 'content-type': route.contentType ?? 'text/html' } });
    for (const { prefix, files } of this.mounts) {
      if (!url.startsWith(prefix)) continue;
      const bytes = files.get(decodeURIComponent(url.slice(prefix.length)));
      if (bytes) return this.respond(bytes, init?.signal);
    }
    return new Response('<html><body><h1>404 Not Found</h1></body></html>', { status: 404, statusText: 'Not Found', headers: { 'content-type': 'text/html' } });
  };

  private respond(bytes: Uint8Array, signal?: AbortSignal): Response {
    const body = chunkedBody(bytes);
    if (signal) {
      const reader = body.getReader();
      const guarded = new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (signal.aborted) {
            controller.error(new DOMException('The operation was aborted.', 'AbortError'));
            return;
          }
          const { done, value } = await reader.read();
          if (done) controller.close();
          else controller.enqueue(value);
        },
      });
      return new Response(guarded, { status: 200, headers: { 'content-length': String(bytes.length) } });
    }
    return new Response(body, { status: 200, headers: { 'content-length': String(bytes.length) } });
  }
}

/** Rewrites one `<data type>` entry of a repomd.xml text (checksum, size, …) for corrupt-input tests. */
export function editRepomd(xml: string, type: string, edit: (block: string) => string): string {
  const re = new RegExp(`<data type="${type}">[\\s\\S]*?</data>`);
  const match = re.exec(xml);
  if (!match) throw new Error(`no ${type} in repomd`);
  return xml.replace(match[0], edit(match[0]));
}
