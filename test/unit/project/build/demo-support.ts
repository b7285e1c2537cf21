/** Shared setup for the image build tests: the demo project, the bundled CentOS Stream 9 BaseOS metadata and a resolver. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readProjectDir } from '../../../../src/cli/read-project-dir.ts';
import { buildImage, exportImage, loadedRepoFromFiles, type ImageBuildResult, type ImageExportOptions, type ImageExportResult, type ImageResolver, type LoadedRepo } from '../../../../src/lib/project/build/index.ts';
import { planImage } from '../../../../src/lib/project/plan-image.ts';
import { loadLocalRepo } from '../../../../src/lib/repo/index.ts';
import type { FetchLike } from '../../../../src/lib/repo/fetch-bytes.ts';
import { Resolver } from '../../../../src/lib/resolve/resolver.ts';
import { ROOT, createResolver } from '../../../support/wasm.ts';

/** The demo project directory. */
export const DEMO_DIR = join(ROOT, 'public/examples/demo');
/** The bundled repository the demo points at. */
export const BUNDLE_ID = 'centos-stream-9-baseos-2022';

/** The demo project's files as the config loader reads them. */
export function demoFiles(): Promise<Map<string, string>> {
  return readProjectDir(DEMO_DIR);
}

/** The bundled repository read from public/repos with loadLocalRepo, named the way the browser's bundle loader names it. */
export async function bundledRepo(): Promise<LoadedRepo> {
  const dir = join(ROOT, 'public/repos', BUNDLE_ID, 'repodata');
  const files = readdirSync(dir).map((name) => ({ path: `repodata/${name}`, data: new Uint8Array(readFileSync(join(dir, name))) }));
  const loaded = await loadLocalRepo(files, { label: BUNDLE_ID });
  if (!loaded.ok) throw new Error(loaded.error.message);
  return loadedRepoFromFiles(BUNDLE_ID, loaded.value, `bundle:${BUNDLE_ID}`);
}

/** The web app's base URL in session tests. */
export const APP_BASE = 'http://app.test/';

/**
 * A fetch that serves public/ under APP_BASE, as the deployed app would, but without the bundled
 * metadata packs (`public/packs/` is build output: whether a build ran must not change what a unit
 * test sees; the pack tests serve packs they make themselves).
 */
export async function servePublic(url: string): Promise<Response> {
  const path = new URL(url).pathname;
  if (path.startsWith('/packs/')) return new Response('not found', { status: 404 });
  try {
    return new Response(readFileSync(join(ROOT, 'public', path)));
  } catch {
    return new Response('not found', { status: 404 });
  }
}

/** A fresh resolver with an empty pool. */
export async function newResolver(): Promise<Resolver> {
  return createResolver('x86_64');
}

/** An image build as the tests ask for it in one go: project files, image, settings and loaded metadata. */
export interface FilesBuildInput {
  files: ReadonlyMap<string, string>;
  image: string;
  profile?: string;
  arch?: string;
  repos: readonly LoadedRepo[];
  overlays?: boolean;
  permissive?: boolean;
}

/** Plans and builds an image the way the CLI does (`planImage`, then `buildImage`). */
export async function buildFromFiles(resolver: ImageResolver, input: FilesBuildInput): Promise<ImageBuildResult> {
  const plan = planImage(input.files, input.image, { ...(input.arch !== undefined ? { arch: input.arch } : {}), ...(input.profile !== undefined ? { profile: input.profile } : {}), permissive: input.permissive ?? false });
  if (!plan.ok) return { ok: false, kind: 'input', diagnostics: plan.error };
  return buildImage(resolver, plan.value, input.repos, input.overlays !== undefined ? { overlays: input.overlays } : {});
}

/** Builds an image from files and exports it, as `azl-playground image` does. */
export async function exportFromFiles(resolver: ImageResolver, input: FilesBuildInput, opts: ImageExportOptions): Promise<ImageExportResult> {
  const result = await buildFromFiles(resolver, input);
  return { result, text: result.ok ? exportImage(result, opts) : null };
}

/** A fetch serving the real files, whose primary.xml.gz stalls after 1000 bytes while HOLD() is true, until the request is aborted (a slow mirror). */
export function stallingPrimary(hold: () => boolean, stalled: () => void): FetchLike {
  return async (url, init) => {
    if (!url.includes('primary') || !hold()) return servePublic(url);
    const real = new Uint8Array(await (await servePublic(url)).arrayBuffer());
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(real.subarray(0, 1000));
        init?.signal?.addEventListener('abort', () => c.error(new DOMException('aborted', 'AbortError')));
      },
    });
    queueMicrotask(stalled);
    return new Response(body);
  };
}
