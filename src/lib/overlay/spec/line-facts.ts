import { firstWord, isWhitespace } from './chars.ts';

/** What kind of body a section has; tags exist only in `package` sections (the preamble and `%package`). */
export type SectionKind = 'package' | 'script' | 'raw' | 'files' | 'changelog' | 'source-list';

// azldev's table of known section headers (internal/rpm/spec/spec.go). Lookup is by the
// lower-cased first token, but the section keeps the header's own spelling, and overlays must
// match that spelling exactly.
const SECTION_KINDS = new Map<string, SectionKind>(Object.entries({
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
}) as [string, SectionKind][]);

const FLAGS_WITH_ARGUMENT = new Set(['-n', '-f', '-p', '-l', '-P']);

/** The section a header line opens, as far as the line alone tells. */
export interface HeaderFacts {
  /** The header token as written (`%files`). */
  name: string;
  package: string;
  fullName: boolean;
  kind: SectionKind;
}

/** What one spec line is on its own, wherever it sits. */
export interface LineFacts {
  /** The lower-cased first token when the first non-blank character is `%`; `""` otherwise. */
  directive: string;
  /** Set when the line opens a section. */
  header: HeaderFacts | null;
  /** Set when the line reads as `Tag: value` (it is a tag only inside a package section). */
  tag: { tag: string; value: string } | null;
}

const PLAIN: LineFacts = Object.freeze({ directive: '', header: null, tag: null });

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
// the first colon, provided it holds no whitespace.
function tagOf(logical: string): { tag: string; value: string } | null {
  for (let i = 0; i < logical.length; i += 1) {
    const code = logical.charCodeAt(i);
    if (code === 58) return i === 0 ? null : { tag: logical.slice(0, i), value: logical.slice(i + 1).trim() };
    if (isWhitespace(code)) return null;
  }
  return null;
}

function headerOf(logical: string, kind: SectionKind): HeaderFacts {
  const tokens = logical.split(/\s+/);
  const pkg = kind === 'changelog' || kind === 'source-list' ? { name: '', fullName: false } : packageFromHeader(tokens);
  return { name: tokens[0] as string, package: pkg.name, fullName: pkg.fullName, kind };
}

function classify(line: string): LineFacts {
  // azldev blanks lines that start with '#' in column 0; an indented one is still read as a tag.
  if (line.startsWith('#')) return PLAIN;
  const trimmed = line.trim();
  if (trimmed === '') return PLAIN;
  const directive = trimmed.startsWith('%') ? firstWord(trimmed).toLowerCase() : '';
  const kind = directive === '' ? undefined : SECTION_KINDS.get(directive);
  const header = kind === undefined ? null : headerOf(trimmed, kind);
  const tag = header ? null : tagOf(trimmed);
  if (directive === '' && tag === null) return PLAIN;
  return { directive, header, tag };
}

// Overlays re-parse the whole spec after every edit, but they change only a few lines: each distinct
// line is read once and then looked up (V8 keeps a string's hash, so that is one probe). The table
// is dropped when it grows large rather than tracked per entry.
const MAX_REMEMBERED_LINES = 50_000;
const remembered = new Map<string, LineFacts>();

/** The facts of one spec line (remembered by text). */
export function lineFacts(line: string): LineFacts {
  let facts = remembered.get(line);
  if (facts === undefined) {
    facts = classify(line);
    if (remembered.size >= MAX_REMEMBERED_LINES) remembered.clear();
    remembered.set(line, facts);
  }
  return facts;
}
