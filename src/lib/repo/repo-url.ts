/** dnf repo variables (`$releasever`/`$basearch`) and repository roots of URLs. */
import { fail, ok, type RepoResult } from './errors.ts';

/** Values for dnf's repo variables; `releasever` and `basearch` are the ones repo files use. */
export type RepoVars = Record<string, string>;

/** Replaces `$name` and `${name}` with `vars`; an unknown variable is an error, since the URL would be wrong. */
export function expandRepoVars(url: string, vars: RepoVars): RepoResult<string> {
  const unknown: string[] = [];
  const expanded = url.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g, (whole, braced?: string, bare?: string) => {
    const name = (braced ?? bare) as string;
    const value = vars[name];
    if (value === undefined) {
      unknown.push(`$${name}`);
      return whole;
    }
    return value;
  });
  if (unknown.length) {
    return fail(
      'repo/unexpanded-variable',
      `The URL ${url} uses ${unknown.join(', ')}, which has no value.`,
      `Give a value for it (known: ${Object.keys(vars).map((k) => `$${k}`).join(', ') || 'none'}), or write the URL out in full.`,
    );
  }
  return ok(expanded);
}

/** The repository root of a URL: strips a trailing `repodata/repomd.xml` or `repodata/` and ends with one slash. */
export function repoRootOf(url: string): string {
  const trimmed = url.replace(/repodata\/(repomd\.xml)?$/, '');
  return trimmed.endsWith('/') ? trimmed : `${trimmed}/`;
}
