/** Shared setup for the image build tests: the demo project, the bundled CentOS Stream 9 BaseOS metadata and a resolver. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readProjectDir } from '../../../../src/cli/read-project-dir.ts';
import { loadedRepoFromFiles, type LoadedRepo } from '../../../../src/lib/project/build/index.ts';
import { loadLocalRepo } from '../../../../src/lib/repo/index.ts';
import { Resolver } from '../../../../src/lib/resolve/resolver.ts';
import { resolverModule, ROOT } from '../../../support/wasm.ts';

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

/** A fetch that serves public/ under APP_BASE, as the deployed app would. */
export async function servePublic(url: string): Promise<Response> {
  try {
    return new Response(readFileSync(join(ROOT, 'public', new URL(url).pathname)));
  } catch {
    return new Response('not found', { status: 404 });
  }
}

/** A fresh resolver with an empty pool. */
export async function newResolver(): Promise<Resolver> {
  return Resolver.create(await resolverModule(), 'x86_64');
}
