import { OverlayError } from '../errors.ts';
import { compileRe2, replaceAllLiteral, type Re2Pattern } from '../regex.ts';
import {
  collectConditionalPairs,
  enclosingPair,
  isConditionalDirective,
  pairAt,
  type ConditionalPair,
} from './conditionals.ts';
import { findSections, parseSpec, type ParsedSpec, type SpecSection } from './model.ts';

/** Error text used when a (section, package) pair is absent, as azldev words it. */
export function sectionNotFound(section: string, pkg: string): OverlayError {
  return new OverlayError(`section ${JSON.stringify(section)} (package=${JSON.stringify(pkg)}) not found`);
}

function safePairs(lines: readonly string[]): ConditionalPair[] {
  try {
    return collectConditionalPairs(lines);
  } catch {
    // An unbalanced spec cannot be reasoned about; append at the plain section end instead.
    return [];
  }
}

// A directive straddles the section if its pair (or, for %else, its enclosing pair) is not
// wholly inside the section: such a line belongs to the conditional around or after the
// section, not to the section's content.
function straddles(pairs: readonly ConditionalPair[], line: number, from: number, to: number, text: string): boolean {
  const pair = pairAt(pairs, line) ?? (isConditionalDirective(text) ? enclosingPair(pairs, line) : undefined);
  if (!pair) return false;
  return pair.ifLine < from || pair.endifLine >= to;
}

/** Where lines appended to a section go: its body end, before trailing directives of conditionals that straddle it. */
export function sectionAppendIndex(spec: ParsedSpec, section: SpecSection, pairs: readonly ConditionalPair[]): number {
  const from = Math.max(section.header, 0);
  let insertAt = section.end;
  for (let i = section.end - 1; i >= section.bodyStart; i -= 1) {
    const text = spec.lines[i] as string;
    if (text.trim() === '') continue;
    if (isConditionalDirective(text) && straddles(pairs, i, from, section.end, text)) {
      insertAt = i;
      continue;
    }
    break;
  }
  return insertAt;
}

/** Inserts `newLines` at several 0-based positions at once (positions refer to the original lines). */
export function insertAtMany(lines: readonly string[], positions: number[], newLines: readonly string[]): string[] {
  const sorted = [...positions].sort((a, b) => b - a);
  const out = [...lines];
  for (const pos of sorted) out.splice(pos, 0, ...newLines);
  return out;
}

/** Appends lines to every section with this identity; throws if there is none. */
export function appendToSections(lines: string[], section: string, pkg: string, newLines: readonly string[]): string[] {
  const spec = parseSpec(lines);
  const matches = findSections(spec, section, pkg);
  if (matches.length === 0) throw sectionNotFound(section, pkg);
  const pairs = safePairs(lines);
  const positions = matches.map((i) => sectionAppendIndex(spec, spec.sections[i] as SpecSection, pairs));
  return insertAtMany(lines, positions, newLines);
}

/** spec-append-lines: with a section, at the end of each matching body; without, at the end of the file. */
export function appendLines(lines: string[], section: string, pkg: string, newLines: readonly string[]): string[] {
  if (section === '') return [...lines, ...newLines];
  return appendToSections(lines, section, pkg, newLines);
}

/** spec-prepend-lines: with a section, right after each matching header; without, at the top of the file. */
export function prependLines(lines: string[], section: string, pkg: string, newLines: readonly string[]): string[] {
  if (section === '') return [...newLines, ...lines];
  const spec = parseSpec(lines);
  const matches = findSections(spec, section, pkg);
  if (matches.length === 0) throw sectionNotFound(section, pkg);
  return insertAtMany(lines, matches.map((i) => (spec.sections[i] as SpecSection).header + 1), newLines);
}

/** Whether a body line is in scope for a search-replace with this section/package filter. */
export function lineInScope(section: SpecSection, sectionName: string, pkg: string): boolean {
  if (sectionName !== '' && section.name !== sectionName) return false;
  if (pkg !== '' && section.package !== pkg) return false;
  return true;
}

/** Compiles a pattern or throws an OverlayError explaining why RE2 rejects it. */
export function mustCompile(regex: string): Re2Pattern {
  const compiled = compileRe2(regex);
  if (!compiled.ok) throw new OverlayError(`failed to compile regex ${JSON.stringify(regex)}: ${compiled.message}`);
  return compiled.pattern;
}

/** The spec lines a search-replace changed, by 0-based index in the input. */
export interface SearchReplaceOutcome {
  lines: string[];
  changedLines: number[];
}

/** spec-search-replace: line by line over body lines in scope; a `\n` in the replacement splits the line. */
export function searchReplace(lines: string[], section: string, pkg: string, regex: string, replacement: string): SearchReplaceOutcome {
  const pattern = mustCompile(regex);
  const spec = parseSpec(lines);
  const out: string[] = [];
  const changedLines: number[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] as string;
    const owner = spec.sections[spec.sectionOfLine[i] as number] as SpecSection;
    if (owner.header === i || !lineInScope(owner, section, pkg)) {
      out.push(line);
      continue;
    }
    const updated = replaceAllLiteral(pattern, line, replacement);
    if (updated === line) {
      out.push(line);
      continue;
    }
    changedLines.push(i);
    out.push(...updated.split('\n'));
  }
  if (changedLines.length === 0) {
    throw new OverlayError(`pattern ${JSON.stringify(regex)} not found (section=${JSON.stringify(section)}, package=${JSON.stringify(pkg)})`);
  }
  return { lines: out, changedLines };
}
