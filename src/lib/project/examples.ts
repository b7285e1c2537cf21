/** The example projects shipped with the app (`public/examples/`): the list, and one project's files. */
import type { FetchLike } from '../repo/index.ts';
import { err, ok, type Result } from '../result.ts';

/** One example project as `examples/index.json` lists it. */
export interface ExampleProject {
  id: string;
  name: string;
  path: string;
  files: string[];
}

/** An example project's files, as shipped. */
export interface LoadedExample {
  id: string;
  name: string;
  files: Map<string, string>;
}

/** Why an example could not be opened: it does not exist, or reading it failed (network, server, bad index). */
export type ExampleError = { kind: 'not-found'; id: string; available: string[] } | { kind: 'unreadable'; url: string; message: string };

async function readText(fetch: FetchLike, url: URL): Promise<Result<string, ExampleError>> {
  let response: Response;
  try {
    response = await fetch(url.href);
  } catch (error) {
    return err({ kind: 'unreadable', url: url.href, message: `the request failed (${error instanceof Error ? error.message : String(error)}); check the connection, then reload` });
  }
  if (!response.ok) return err({ kind: 'unreadable', url: url.href, message: `the server answered HTTP ${response.status}` });
  return ok(await response.text());
}

/** Reads example project ID from APPBASEURL, telling a project that does not exist from one that could not be read. */
export async function loadExampleProject(fetch: FetchLike, appBaseUrl: string, id: string): Promise<Result<LoadedExample, ExampleError>> {
  const indexUrl = new URL('examples/index.json', appBaseUrl);
  const index = await readText(fetch, indexUrl);
  if (!index.ok) return index;
  let projects: ExampleProject[];
  try {
    projects = (JSON.parse(index.value) as { projects: ExampleProject[] }).projects;
    if (!Array.isArray(projects)) throw new Error('no "projects" list');
  } catch (error) {
    return err({ kind: 'unreadable', url: indexUrl.href, message: `the example index is not valid (${error instanceof Error ? error.message : String(error)})` });
  }
  const listed = projects.find((p) => p.id === id);
  if (!listed) return err({ kind: 'not-found', id, available: projects.map((p) => p.id) });
  const root = new URL(`examples/${listed.path}`, appBaseUrl);
  const texts = await Promise.all(listed.files.map((path) => readText(fetch, new URL(path, root))));
  const files = new Map<string, string>();
  for (const [i, text] of texts.entries()) {
    if (!text.ok) return text;
    files.set(listed.files[i] as string, text.value);
  }
  return ok({ id: listed.id, name: listed.name, files });
}
