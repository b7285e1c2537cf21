import type { Diagnostic } from '../diagnostics.ts';
import { compileRe2, re2Test } from './regex.ts';
import { searchReplace } from './spec/lines.ts';
import { parseSpec, type SpecSection } from './spec/model.ts';
import type { OverlayInput } from './types.ts';

/** A finding about a search-replace pattern that reaches further than the section it is meant for. */
export interface FragilityNote {
  severity: Diagnostic['severity'];
  message: string;
  /** 1-based line of the first surprising match. */
  line: number;
  hint?: string;
}

function label(section: SpecSection): string {
  if (section.header < 0) return 'the preamble';
  return section.package === '' ? section.name : `${section.name} ${section.package}`;
}

/**
 * Flags a spec-search-replace whose pattern matches in more places than it means: unscoped
 * patterns that hit several sections, section-scoped ones that hit several packages, and scoped
 * ones that also match outside their scope (harmless today, but a sign the pattern is loose).
 */
export function fragilityNotes(lines: string[], overlay: OverlayInput): FragilityNote[] {
  const compiled = compileRe2(overlay.regex ?? '');
  if (!compiled.ok) return [];
  const spec = parseSpec(lines);
  const section = overlay.section ?? '';
  const pkg = overlay.package ?? '';
  const inScope = new Map<string, number>();
  const outside: number[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const owner = spec.sections[spec.sectionOfLine[i] as number] as SpecSection;
    if (owner.header === i || !re2Test(compiled.pattern, lines[i] as string)) continue;
    const scoped = (section === '' || owner.name === section) && (pkg === '' || owner.package === pkg);
    if (scoped) {
      const key = label(owner);
      if (!inScope.has(key)) inScope.set(key, i + 1);
    } else {
      outside.push(i + 1);
    }
  }
  const notes: FragilityNote[] = [];
  const places = [...inScope.keys()];
  if (section === '' && places.length > 1) {
    notes.push({
      severity: 'warning',
      message: `pattern matches in ${places.length} sections (${places.join(', ')}) and rewrites all of them`,
      line: [...inScope.values()][1] ?? 0,
      hint: 'set `section` (and `package`) to the one section this overlay is meant for',
    });
  } else if (section !== '' && pkg === '' && places.length > 1) {
    notes.push({
      severity: 'warning',
      message: `pattern matches in ${places.length} ${section} sections (${places.join(', ')}) and rewrites all of them`,
      line: [...inScope.values()][1] ?? 0,
      hint: 'set `package` to the sub-package this overlay is meant for',
    });
  }
  if (section !== '' && outside.length > 0) {
    notes.push({
      severity: 'info',
      message: `pattern also matches ${outside.length} line(s) outside ${section}${pkg ? ` ${pkg}` : ''} (line ${outside.slice(0, 5).join(', ')}); only the scope keeps them unchanged`,
      line: outside[0] ?? 0,
    });
  }
  return notes;
}

// A leading group of flags, `(?i)` or `(?ms)`, that must stay in front of an added `^`.
const LEADING_FLAGS = /^\(\?[imsU]+\)/;

/** Whether the pattern ends in an unescaped `$`. */
function endsWithDollar(core: string): boolean {
  if (!core.endsWith('$')) return false;
  let backslashes = 0;
  for (let i = core.length - 2; i >= 0 && core[i] === '\\'; i -= 1) backslashes += 1;
  return backslashes % 2 === 0;
}

/** REGEX anchored to the whole line (`^…$`), or null when it already is. */
export function anchorToLine(regex: string): string | null {
  const flags = LEADING_FLAGS.exec(regex)?.[0] ?? '';
  const core = regex.slice(flags.length);
  const starts = core.startsWith('^');
  const ends = endsWithDollar(core);
  if (starts && ends) return null;
  const body = core.slice(starts ? 1 : 0, ends ? -1 : undefined);
  // An alternation would bind `^` and `$` to its first and last branch only.
  const grouped = body.includes('|') ? `(?:${body})` : body;
  return `${flags}^${grouped}$`;
}

/**
 * For a spec-search-replace that is not anchored to whole lines: the anchored pattern, when it
 * rewrites LINES (the spec as the overlay finds it) exactly as the overlay does, so anchoring costs
 * nothing today and makes the overlay fail loudly, instead of editing a fragment, once upstream
 * changes the line around it (azurelinux#17964). Null when the pattern is anchored, does not
 * compile, or matches only part of some line it changes.
 */
export function anchoredAlternative(lines: string[], overlay: OverlayInput): string | null {
  const regex = overlay.regex ?? '';
  const anchored = anchorToLine(regex);
  if (anchored === null || !compileRe2(anchored).ok || !compileRe2(regex).ok) return null;
  const section = overlay.section ?? '';
  const pkg = overlay.package ?? '';
  const replacement = overlay.replacement ?? '';
  let asWritten: string[];
  let asAnchored: string[];
  try {
    asWritten = searchReplace(lines, section, pkg, regex, replacement).lines;
    asAnchored = searchReplace(lines, section, pkg, anchored, replacement).lines;
  } catch {
    return null;
  }
  return asWritten.length === asAnchored.length && asWritten.every((line, i) => line === asAnchored[i]) ? anchored : null;
}
