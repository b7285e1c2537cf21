/** Paths of project files as the editor adds them: project-relative, POSIX, never leaving the project. */

/** The project path for NAME typed or uploaded into DIR (`""` for the root); null when it is empty or climbs out with `..`. */
export function projectPath(dir: string, name: string): string | null {
  if (name.trim() === '') return null;
  const joined = name.startsWith('/') ? name : `${dir}${dir === '' || dir.endsWith('/') ? '' : '/'}${name}`;
  const parts: string[] = [];
  for (const part of joined.replaceAll('\\', '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') return null;
    parts.push(part);
  }
  return parts.length === 0 ? null : parts.join('/');
}

/** The directory part of a project path, with its trailing slash (`""` at the root). */
export function directoryOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash + 1);
}

/** The text of an uploaded file, or null when it is not UTF-8 (the editor holds text files only). */
export function decodeTextFile(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}
