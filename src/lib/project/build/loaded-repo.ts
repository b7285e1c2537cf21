/** Turns what the CLI (rpm-md files) and the browser (a `ResolverSession` pool) hold into the `LoadedRepo`s an image build takes. */
import { parseUpdateinfo, type LoadedRepoFiles } from '../../repo/index.ts';
import type { ResolverSession, SessionRepoContent } from '../repo-session.ts';
import type { LoadedRepo, LoadedRepoContent } from './types.ts';

/** A repository read from rpm-md files (CLI, tests, a cold load): the resolver parses its primary.xml. */
export function loadedRepoFromFiles(id: string, files: LoadedRepoFiles, url?: string): LoadedRepo {
  return {
    id,
    ...(url !== undefined ? { url } : {}),
    info: files.info,
    ...(files.comps ? { comps: files.comps } : {}),
    ...(files.filelists ? { filelists: files.filelists } : {}),
    content: { kind: 'rpmmd', primary: files.primary, ...(files.updateinfo ? { updateinfo: files.updateinfo } : {}) },
    ...advisoriesOf(id, files.updateinfo),
  };
}

/** A repository's updateinfo.xml read into advisories, or why it could not be read. */
export function advisoriesOf(id: string, updateinfo: Uint8Array | undefined): { advisories?: LoadedRepo['advisories']; advisoryError?: string } {
  if (!updateinfo) return {};
  const parsed = parseUpdateinfo(updateinfo, `${id}: updateinfo.xml`);
  return parsed.ok ? { advisories: parsed.value } : { advisoryError: parsed.error.message };
}

/** A repository of a `ResolverSession` pool (warm or cold): the resolver loads its .solv, so no XML is needed. */
export function loadedRepoFromSession(repoId: string, content: SessionRepoContent): LoadedRepo {
  return {
    id: repoId,
    info: content.facts,
    ...(content.comps ? { comps: content.comps } : {}),
    ...(content.filelists ? { filelists: content.filelists } : {}),
    content: { kind: 'solv', solv: content.solv },
    ...(content.advisories ? { advisories: content.advisories } : {}),
    ...(content.advisoryError ? { advisoryError: content.advisoryError } : {}),
  };
}

/** Every repository of a session's pool, in load order, ready for `buildImage`'s `repos`. */
export function loadedReposFromSession(session: Pick<ResolverSession, 'listRepos' | 'repoContent'>): LoadedRepo[] {
  return session.listRepos().flatMap((r) => {
    const content = session.repoContent(r.repoId);
    return content ? [loadedRepoFromSession(r.repoId, content)] : [];
  });
}

/** The bytes a repository's content is loaded from; builds memoise on their identity. */
export function contentBytes(content: LoadedRepoContent): Uint8Array {
  return content.kind === 'rpmmd' ? content.primary : content.solv;
}
