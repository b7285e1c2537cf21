import type { Diagnostic } from '../diagnostics.ts';
import { compileRe2, re2Test } from './regex.ts';
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
