/** Loading a repository from files the user picked or dropped: a repodata/ folder, loose files, or an archive of them. */
import { expandLocalFiles, type LocalFile, type LocalFileBytes } from './archive.ts';
import { fail, ok, type RepoResult } from './errors.ts';
import { loadRepoFiles } from './load-repo.ts';
import type { LoadedRepoFiles, RepoFileReader, RepoLoadProgress } from './types.ts';

/** Options of a local load; `label` names the repository in the UI (defaults to the dropped folder's name). */
export interface LocalRepoOptions {
  label?: string;
  onProgress?: (progress: RepoLoadProgress) => void;
  now?: () => number;
  /** Hears of each file as it is read (href, bytes), before it is verified: a streamed parse starts on primary.xml here. */
  onRead?: (href: string, bytes: Uint8Array) => void;
  /** As RepoFileReader.opened: the decompressed bytes of a file something already decompressed. */
  opened?: RepoFileReader['opened'];
}

function normalise(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(\.\/|\/)+/, '');
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** A reader over in-memory files: looks up `repodata/x` under the repository root, then beside repomd.xml, then by name. */
export function createLocalReader(files: LocalFileBytes[], hooks: Pick<LocalRepoOptions, 'onRead' | 'opened'> = {}): RepoResult<{ reader: RepoFileReader; root: string }> {
  const byPath = new Map<string, Uint8Array>();
  for (const f of files) byPath.set(normalise(f.path), f.bytes);
  // With several repomd.xml (an archive of nested repos), the shallowest one is the repository.
  const repomdPath = [...byPath.keys()].filter((p) => baseName(p) === 'repomd.xml').sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b))[0];
  if (repomdPath === undefined) {
    return fail('repo/no-repomd', 'None of the given files is repomd.xml.', 'Drop the repodata/ folder (or the folder that contains it), an archive of it, or repomd.xml together with the files it names.');
  }
  const dir = repomdPath.slice(0, repomdPath.length - 'repomd.xml'.length);
  const root = dir.endsWith('repodata/') ? dir.slice(0, dir.length - 'repodata/'.length) : dir;
  const reader: RepoFileReader = {
    async read(href, onProgress) {
      const name = baseName(href);
      const bytes =
        byPath.get(root + normalise(href)) ??
        byPath.get(dir + name) ??
        [...byPath.entries()].find(([p]) => baseName(p) === name)?.[1];
      if (!bytes) {
        return fail('repo/file-missing', `${name} is named in repomd.xml but was not among the given files.`, 'Include the whole repodata/ folder, not only some of its files.');
      }
      onProgress?.(bytes.length, bytes.length);
      hooks.onRead?.(href, bytes);
      return ok(bytes);
    },
    ...(hooks.opened ? { opened: hooks.opened } : {}),
  };
  return ok({ reader, root });
}

/** Loads a repository from local files or archives; its identity is the sha256 of its repomd.xml. */
export async function loadLocalRepo(files: LocalFile[], options: LocalRepoOptions = {}): Promise<RepoResult<LoadedRepoFiles>> {
  const expanded = await expandLocalFiles(files);
  if (!expanded.ok) return expanded;
  const made = createLocalReader(expanded.value, options);
  if (!made.ok) return made;
  const folder = made.value.root.replace(/\/$/, '');
  const label = options.label ?? (folder ? baseName(folder) : files.length === 1 && files[0] ? files[0].path : 'local files');
  return loadRepoFiles(made.value.reader, {
    source: 'local',
    label,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
}
