import { firstWord, isWhitespace } from './chars.ts';

/** What kind of body a section has; tags exist only in `package` sections (the preamble and `%package`). */
export type SectionKind = 'package' | 'script' | 'raw' | 'files' | 'changelog' | 'source-list';

// azldev's table of known section headers (internal/rpm/spec/spec.go). Lookup is by the
// lower-cased first token, but the section keeps the header's own spelling, and overlays must
// match that spelling exactly.
const SECTION_KINDS: Record<string, SectionKind> = {
  '%package': 'package',
  '%prep': 'script',
  '%conf': 'script',
  '%build': 'script',
  '%install': 'script',
  '%check': 'script',
  '%clean': 'script',
  '%generate_buildrequires': 'script',
  '%pre': 'script',
  '%post': 'script',
  '%preun': 'script',
  '%postun': 'script',
  '%pretrans': 'script',
  '%posttrans': 'script',
  '%preuntrans': 'script',
  '%postuntrans': 'script',
  '%verify': 'script',
  '%triggerin': 'script',
  '%triggerun': 'script',
  '%triggerprein': 'script',
  '%triggerpostun': 'script',
  '%filetriggerin': 'script',
  '%filetriggerun': 'script',
  '%filetriggerpostun': 'script',
  '%transfiletriggerin': 'script',
  '%transfiletriggerun': 'script',
  '%transfiletriggerpostun': 'script',
  '%description': 'raw',
  '%files': 'files',
  '%changelog': 'changelog',
  '%patchlist': 'source-list',
  '%sourcelist': 'source-list',
};

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

const FLAGS_WITH_ARGUMENT = new Set(['-n', '-f', '-p', '-l', '-P']);

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

/** The section kind for a line's first token, or undefined if the line does not open a section. */
export function sectionHeaderKind(line: string): SectionKind | undefined {
  if (line.startsWith('#')) return undefined;
  const trimmed = line.trim();
  if (!trimmed.startsWith('%')) return undefined;
  const first = trimmed.split(/\s+/, 1)[0] ?? '';
  return SECTION_KINDS[first.toLowerCase()];
}

/** The package a section header names: `-n NAME` wins, else the first non-flag token; `--` ends trigger arguments. */
export function packageFromHeader(tokens: readonly string[]): { name: string; fullName: boolean } {
  let suffix = '';
  let full = '';
  for (let i = 1; i < tokens.length; i += 1) {
    const token = tokens[i] as string;
    if (token === '--') break;
    if (token.startsWith('-')) {
      if (token === '-n') {
        full = tokens[i + 1] ?? '';
        i += 1;
      } else if (FLAGS_WITH_ARGUMENT.has(token)) {
        i += 1;
      }
      continue;
    }
    if (suffix === '') suffix = token;
  }
  if (full !== '') return { name: full, fullName: true };
  return { name: suffix, fullName: false };
}

// azldev matches `^\s*([^\s:]+):\s*(.*?)\s*$` against the trimmed line: a tag is everything before
// the first colon, provided it holds no whitespace. Scanning for it by hand keeps the parse (run
// after every overlay) free of regex match arrays.
function tagColon(logical: string): number {
  for (let i = 0; i < logical.length; i += 1) {
    const code = logical.charCodeAt(i);
    if (code === 58) return i;
    if (isWhitespace(code)) return -1;
  }
  return -1;
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
    const raw = lines[i] as string;
    // azldev blanks lines that start with '#' in column 0 before looking at them.
    const logical = raw.startsWith('#') ? '' : raw.trim();
    if (logical.startsWith('%')) {
      const kind = SECTION_KINDS[firstWord(logical).toLowerCase()];
      if (kind !== undefined) {
        // Only headers are split into tokens: most `%` lines are macros and conditionals.
        const tokens = logical.split(/\s+/);
        current.end = i;
        const pkg = kind === 'changelog' || kind === 'source-list' ? { name: '', fullName: false } : packageFromHeader(tokens);
        current = { name: tokens[0] as string, package: pkg.name, fullName: pkg.fullName, kind, header: i, bodyStart: i + 1, end: lines.length };
        sections.push(current);
        sectionOfLine[i] = sections.length - 1;
        continue;
      }
    }
    sectionOfLine[i] = sections.length - 1;
    if (current.kind === 'package' && logical !== '') {
      const colon = tagColon(logical);
      if (colon > 0) tags.push({ line: i, tag: logical.slice(0, colon), value: logical.slice(colon + 1).trim(), section: sections.length - 1 });
    }
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
