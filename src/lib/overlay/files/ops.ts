import { OverlayError } from '../errors.ts';
import { compileGlob, type Glob } from '../../files/glob.ts';
import { basename, dirname, joinPath } from '../../files/paths.ts';
import { mustCompile } from '../spec/lines.ts';
import { replaceAllLiteral, replaceAllLiteralBytes } from '../regex.ts';
import type { FileContent } from '../types.ts';
import { encodeUtf8, isSpecPath, type SourceTree } from './tree.ts';

function mustGlob(pattern: string): Glob {
  const compiled = compileGlob(pattern);
  if (!compiled.ok) throw new OverlayError(`failed to glob for overlay filename ${JSON.stringify(pattern)}: ${compiled.error.message}`);
  return compiled.value;
}

/** Matches of a non-spec glob; throws azldev's "did not match any files" when there are none. */
export function matchNonSpec(tree: SourceTree, pattern: string): string[] {
  const matches = tree.globNonSpec(mustGlob(pattern));
  if (matches.length === 0) throw new OverlayError(`non-spec overlay filename pattern ${JSON.stringify(pattern)} did not match any files`);
  return matches;
}

/** file-prepend-lines: the lines joined with `\n`, plus a newline, go before each matching file's contents. */
export function prependLinesToFiles(tree: SourceTree, pattern: string, lines: readonly string[]): string[] {
  const matches = matchNonSpec(tree, pattern);
  const prefix = `${lines.join('\n')}\n`;
  for (const path of matches) {
    const content = tree.get(path) as FileContent;
    if (typeof content === 'string') {
      tree.set(path, prefix + content);
    } else {
      const head = encodeUtf8(prefix);
      const joined = new Uint8Array(head.length + content.length);
      joined.set(head);
      joined.set(content, head.length);
      tree.set(path, joined);
    }
  }
  return matches;
}

/** file-search-replace: the regex runs over each whole file; unchanged files are skipped; error if none changed. */
export function searchReplaceInFiles(tree: SourceTree, pattern: string, regex: string, replacement: string): string[] {
  const compiled = mustCompile(regex);
  const changed: string[] = [];
  for (const path of matchNonSpec(tree, pattern)) {
    const content = tree.get(path) as FileContent;
    if (typeof content === 'string') {
      const updated = replaceAllLiteral(compiled, content, replacement);
      if (updated === content) continue;
      tree.set(path, updated);
    } else {
      const updated = replaceAllLiteralBytes(compiled, content, encodeUtf8(replacement));
      if (bytesEqual(updated, content)) continue;
      tree.set(path, updated);
    }
    changed.push(path);
  }
  if (changed.length === 0) {
    throw new OverlayError(`non-spec overlay for filename ${JSON.stringify(pattern)} did not apply to any targets: regex ${JSON.stringify(regex)} does not match`);
  }
  return changed;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

/** Resolves a literal destination inside the tree, refusing paths that climb out of it. */
export function destinationPath(file: string): string {
  const path = joinPath('', file);
  if (path === null || path === '') throw new OverlayError(`path ${JSON.stringify(file)} escapes the sources directory`);
  return path;
}

/** file-add and the file half of patch-add: copies `content` to a new path; error if it exists. */
export function addFile(tree: SourceTree, file: string, content: FileContent | undefined, sourceLabel: string): string {
  const path = destinationPath(file);
  if (isSpecPath(path)) throw new OverlayError(`non-spec overlay not supported on .spec file: ${JSON.stringify(path)}`);
  if (tree.has(path)) throw new OverlayError(`cannot add overlay file ${JSON.stringify(path)} because it already exists`);
  if (content === undefined) throw new OverlayError(`overlay source file ${JSON.stringify(sourceLabel)} not found`);
  tree.set(path, content);
  return path;
}

/** file-remove and the file half of patch-remove: deletes every match; error if none. */
export function removeFiles(tree: SourceTree, pattern: string): string[] {
  const matches = matchNonSpec(tree, pattern);
  for (const path of matches) tree.delete(path);
  return matches;
}

/** file-rename: the glob must match exactly one file, renamed in its directory to `replacement`. */
export function renameFile(tree: SourceTree, pattern: string, replacement: string): { from: string; to: string } {
  const matches = matchNonSpec(tree, pattern);
  if (matches.length > 1) {
    throw new OverlayError(`overlay type file-rename does not support multiple files, but filename pattern ${JSON.stringify(pattern)} matched ${matches.length} files`);
  }
  const from = matches[0] as string;
  const dir = dirname(from);
  const to = dir === '' ? replacement : `${dir}/${basename(replacement)}`;
  const content = tree.get(from) as FileContent;
  tree.delete(from);
  tree.set(to, content);
  return { from, to };
}
