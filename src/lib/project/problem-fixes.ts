/** One-click fixes for a solver problem, as edits of the project's files: drop the line that asks, or exclude the package in trouble. */
import type { SourceRef } from '../image/request.ts';
import type { Problem } from '../resolve/types.ts';
import { jobsToDrop, nameOfNevra } from './answer-lines.ts';

/** An edit of one line: it is replaced by REPLACEMENT (no lines: dropped). */
export interface LineFix {
  label: string;
  file: string;
  line: number;
  replacement: string[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** LINE without the entry NAME: a whole line in KIWI and kickstart, one array element in TOML. */
function withoutEntry(file: string, line: string, name: string): string[] | undefined {
  if (file.endsWith('.toml')) {
    const next = line.replace(new RegExp(`\\s*"${escape(name)}"\\s*,?`), '').replace(/,\s*\]/, ']');
    return next === line ? undefined : [next];
  }
  return [];
}

/** An exclude of NAME written the way FILE's format writes one, after LINE (undefined where the format has no line form). */
function withExclude(file: string, line: string, name: string): string[] | undefined {
  const indent = /^\s*/.exec(line)?.[0] ?? '';
  if (/\.(kiwi|xml)$/.test(file)) return [line, `${indent}<ignore name="${name}"/>`];
  if (/\.(ks|cfg)$/.test(file)) return [line, `${indent}-${name}`];
  return undefined;
}

/**
 * The fixes for PROBLEM: for each job libsolv would drop, dropping the line that asks for it; and
 * excluding the package whose requirement fails, next to that line. ORIGINS maps request entries
 * (`spec`, `@group`) to their lines, TEXT_OF gives a file's text.
 */
export function problemFixes(problem: Problem, origins: ReadonlyMap<string, SourceRef>, textOf: (file: string) => string | undefined): LineFix[] {
  const fixes: LineFix[] = [];
  const lineText = (at: SourceRef) => textOf(at.file)?.split('\n')[at.line - 1];
  for (const name of jobsToDrop(problem)) {
    const at = origins.get(name);
    const text = at && at.line > 0 ? lineText(at) : undefined;
    if (!at || text === undefined) continue;
    const replacement = withoutEntry(at.file, text, name);
    if (replacement) fixes.push({ label: `Stop asking for ${name} (${at.file}:${at.line})`, file: at.file, line: at.line, replacement });
  }
  const troubled = problem.details[0] ? /^package (\S+) requires/.exec(problem.details[0])?.[1] : undefined;
  const name = troubled ? nameOfNevra(troubled) : undefined;
  const anchor = [...origins.values()].find((o) => o.line > 0 && /\.(kiwi|xml|ks|cfg)$/.test(o.file));
  if (name && anchor && !origins.has(name)) {
    const text = lineText(anchor);
    const replacement = text !== undefined ? withExclude(anchor.file, text, name) : undefined;
    if (replacement) fixes.push({ label: `Exclude ${name} (after ${anchor.file}:${anchor.line})`, file: anchor.file, line: anchor.line, replacement });
  }
  return fixes;
}
