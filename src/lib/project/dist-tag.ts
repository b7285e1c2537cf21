/** The `%{dist}` tag: azldev's default, and the one a built binary's Release carries (what image builds use). */

/** azldev's own `%{dist}`, used when no built binary tells the real one. */
export const DEFAULT_DIST = '.azl4';

/** The dist tag a binary's Release carries (`7.el9` → `.el9`), as image builds read it; undefined when it has none. */
export function distTagOfRelease(release: string): string | undefined {
  return /(\.(?:[a-z]+\d+)(?:_\d+)?)$/.exec(release)?.[1];
}

