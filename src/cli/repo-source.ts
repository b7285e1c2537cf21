/** Node side of repository loading for the CLI: a directory, an archive or a URL, through src/lib/repo. */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fetchRepo, loadLocalRepo, type LoadedRepoFiles, type LocalFile, type RepoResult } from '../lib/repo/index.ts';

async function filesUnder(dir: string, root = dir): Promise<LocalFile[]> {
  const out: LocalFile[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full, root)));
    else if (entry.isFile()) out.push({ path: relative(root, full), data: new Uint8Array(await readFile(full)) });
  }
  return out;
}

/** Loads one --repo argument: an http(s) URL, a directory (repo root or repodata/), or an archive file. */
export async function loadRepoArgument(arg: string, cwd: string): Promise<RepoResult<LoadedRepoFiles>> {
  if (/^https?:\/\//.test(arg)) return fetchRepo({ url: arg, vars: { basearch: 'x86_64' } }, { fetch: globalThis.fetch.bind(globalThis) });
  const path = resolve(cwd, arg);
  let info;
  try {
    info = await stat(path);
  } catch {
    return { ok: false, error: { code: 'repo/file-missing', message: `${arg}: no such file or directory`, hint: 'Give a repository directory, an archive of one, or a URL.' } };
  }
  const files = info.isDirectory() ? await filesUnder(path) : [{ path: arg.split('/').pop() ?? arg, data: new Uint8Array(await readFile(path)) }];
  return loadLocalRepo(files, { label: arg });
}
