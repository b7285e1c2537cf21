/** Quick package requests keep their query form as links: `?mode=request&repo=ID=bundle:NAME&spec=…` (README "Query parameters"). */
import { parseRepoIdentity } from '../repo/identity.ts';

/** A quick request as the page holds it. */
export interface RequestLinkInput {
  repos: { repoId: string; identity: string; label: string }[];
  specs: string[];
  groups: string[];
  excludes: string[];
  weakDeps: boolean;
  best: boolean;
  arch: string;
}

/** The query string of a link to INPUT, and the repositories it cannot carry (dropped files live only in this browser). */
export function requestQuery(input: RequestLinkInput): { query: string; leftOut: string[] } {
  const params = new URLSearchParams({ mode: 'request' });
  const leftOut: string[] = [];
  for (const repo of input.repos) {
    const parsed = parseRepoIdentity(repo.identity);
    if (parsed?.kind === 'bundle') params.append('repo', `${repo.repoId}=bundle:${parsed.id}`);
    else if (parsed?.kind === 'url') params.append('repo', `${repo.repoId}=${parsed.url}`);
    else leftOut.push(repo.label);
  }
  for (const spec of input.specs) params.append('spec', spec);
  for (const group of input.groups) params.append('group', group);
  for (const exclude of input.excludes) params.append('exclude', exclude);
  if (!input.weakDeps) params.set('weak', '0');
  if (!input.best) params.set('best', '0');
  if (input.arch !== 'x86_64') params.set('arch', input.arch);
  return { query: `?${params}`, leftOut };
}
