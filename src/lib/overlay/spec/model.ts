import { lineFacts, type SectionKind } from './line-facts.ts';

export type { SectionKind } from './line-facts.ts';
export { packageFromHeader } from './line-facts.ts';

/** One section: the preamble (name `""`, no header) or a `%name [package]` header and its body. */
export interface SpecSection {
  /** The header token as written (`%files`), or `""` for the preamble. */
  name: string;
  /** `-n NAME`, else the first non-flag token, else `""` (the main package). */
  package: string;
  /** Whether the package was given with `-n` (a full name) rather than as a suffix. */
  fullName: boolean;
  kind: SectionKind;
  /** 0-based index of the header line; -1 for the preamble. */
  header: number;
  /** 0-based index of the first body line. */
  bodyStart: number;
  /** 0-based index one past the last body line (the next header, or the end of the file). */
  end: number;
}

/** A `Tag: value` line in the preamble or a `%package` body. */
export interface SpecTag {
  line: number;
  tag: string;
  value: string;
  /** Index into {@link ParsedSpec.sections}. */
  section: number;
}

/** A spec split into sections and tags; `%if` lines stay ordinary lines and are never evaluated. */
export interface ParsedSpec {
  lines: string[];
  sections: SpecSection[];
  tags: SpecTag[];
  /** Section index per line (headers belong to the section they open). */
  sectionOfLine: Int32Array;
}

/** Splits spec text into lines the way Go's bufio.Scanner does (LF separators, a trailing CR dropped). */
export function splitSpecLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

/** Joins lines back into spec text: every line ends with a newline, as azldev serialises. */
export function joinSpecLines(lines: readonly string[]): string {
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

// Overlays never mutate a lines array (every edit returns a new one), so a parse can be reused
// for as long as the array lives; several steps of one overlay look at the same spec. The few most
// recent arrays are enough for that, and a small ring compared by identity costs far less than a
// WeakMap, whose entries the collector has to trace for every spec version ever parsed.
const RECENT_PARSES = 8;
const recentLines: (readonly string[] | undefined)[] = new Array(RECENT_PARSES).fill(undefined);
const recentParses: (ParsedSpec | undefined)[] = new Array(RECENT_PARSES).fill(undefined);
let nextSlot = 0;

/** Parses spec lines into sections and tags, following azldev's line rules (recent arrays are remembered). */
export function parseSpec(lines: string[]): ParsedSpec {
  for (let i = 0; i < RECENT_PARSES; i += 1) {
    if (recentLines[i] === lines) return recentParses[i] as ParsedSpec;
  }
  const parsed = parseUncached(lines);
  recentLines[nextSlot] = lines;
  recentParses[nextSlot] = parsed;
  nextSlot = (nextSlot + 1) % RECENT_PARSES;
  return parsed;
}

function parseUncached(lines: string[]): ParsedSpec {
  const sections: SpecSection[] = [
    { name: '', package: '', fullName: false, kind: 'package', header: -1, bodyStart: 0, end: lines.length },
  ];
  const tags: SpecTag[] = [];
  const sectionOfLine = new Int32Array(lines.length);
  let current = sections[0] as SpecSection;
  for (let i = 0; i < lines.length; i += 1) {
    const facts = lineFacts(lines[i] as string);
    if (facts.header) {
      current.end = i;
      const h = facts.header;
      current = { name: h.name, package: h.package, fullName: h.fullName, kind: h.kind, header: i, bodyStart: i + 1, end: lines.length };
      sections.push(current);
    } else if (facts.tag && current.kind === 'package') {
      tags.push({ line: i, tag: facts.tag.tag, value: facts.tag.value, section: sections.length - 1 });
    }
    sectionOfLine[i] = sections.length - 1;
  }
  return { lines, sections, tags, sectionOfLine };
}

/** Sections whose name and package both match exactly (names are case-sensitive, as in azldev). */
export function findSections(spec: ParsedSpec, name: string, pkg: string): number[] {
  const out: number[] = [];
  spec.sections.forEach((s, i) => {
    if (s.name === name && s.package === pkg) out.push(i);
  });
  return out;
}

/** Tags of one package's preamble (`""` is the main package), in file order. */
export function tagsOfPackage(spec: ParsedSpec, pkg: string): SpecTag[] {
  return spec.tags.filter((t) => (spec.sections[t.section] as SpecSection).package === pkg);
}

/** Lower-cased tag name without trailing digits: `Source9999` → `source`. */
export function tagFamily(tag: string): string {
  const lower = tag.toLowerCase();
  const stripped = lower.replace(/[0-9]+$/, '');
  return stripped === '' ? lower : stripped;
}

/** N for a `PatchN` tag (case-insensitive, decimal N), or -1. */
export function patchTagNumber(tag: string): number {
  const match = /^patch([0-9]+)$/i.exec(tag);
  return match ? Number.parseInt(match[1] as string, 10) : -1;
}
