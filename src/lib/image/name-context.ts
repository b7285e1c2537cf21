/** Where a package or group name is being typed in an image description, for the editor's completion. */

/** A name being typed: which kind, and how much of it is typed already. */
export interface NameContext {
  kind: 'package' | 'group';
  typed: string;
}

/**
 * The name at the end of BEFORE (the line up to the cursor) of FILE, when it is a package or group
 * name: KIWI `<package name="…` / `<namedCollection name="…`, a kickstart `%packages` line
 * (`@group`, `@^environment`, `-name`), TOML `packages = ["…` / `groups = ["…`.
 */
export function nameContext(file: string, before: string, inPackagesSection: boolean): NameContext | undefined {
  if (/\.(kiwi|xml)$/.test(file)) {
    const m = /<(package|namedCollection|ignore)\b[^>]*\bname="([^"]*)$/.exec(before);
    if (m) return { kind: m[1] === 'namedCollection' ? 'group' : 'package', typed: m[2] ?? '' };
    return undefined;
  }
  if (/\.(ks|cfg)$/.test(file)) {
    if (!inPackagesSection) return undefined;
    const m = /^\s*(-?)(@\^?)?([^\s#]*)$/.exec(before);
    if (!m) return undefined;
    return { kind: m[2] ? 'group' : 'package', typed: m[3] ?? '' };
  }
  if (/\.toml$/.test(file)) {
    const m = /^\s*(packages|groups|excludes)\s*=\s*\[(?:[^\]]*,)?\s*"([^"]*)$/.exec(before);
    if (m) return { kind: m[1] === 'groups' ? 'group' : 'package', typed: m[2] ?? '' };
  }
  return undefined;
}

/** Whether LINE (0-based) of a kickstart TEXT is inside `%packages … %end`. */
export function inKickstartPackages(lines: readonly string[], line: number): boolean {
  let inside = false;
  for (let i = 0; i < line && i < lines.length; i++) {
    const t = (lines[i] ?? '').trim();
    if (/^%packages\b/.test(t)) inside = true;
    else if (/^%end\b/.test(t) || /^%[a-z]/.test(t)) inside = false;
  }
  return inside;
}
