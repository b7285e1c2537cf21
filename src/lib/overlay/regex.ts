import type { RE2JS } from 're2js';
import { concatBytes } from '../bytes.ts';
import { re2, Re2NotLoaded } from '../re2.ts';
import { translateToJs } from './regex-js.ts';
import { patternLiterals, type PatternLiterals } from './regex-literal.ts';

/**
 * A pattern accepted with RE2 semantics, as Go's `regexp.Compile` would. Plain text is matched with
 * `indexOf` and patterns in the subset both engines read alike with V8's engine; only the rest
 * compile the RE2 port, whose start-up dominates small renders.
 */
export class Re2Pattern {
  /** The text this pattern matches exactly, when it is plain text. */
  readonly literal: string | null;
  /** A substring every match contains (possibly empty). */
  readonly required: string;
  /** The same pattern for V8's engine (flags `gu`), when it reads alike there. */
  readonly js: RegExp | null;
  #re: RE2JS | undefined;

  constructor(
    readonly source: string,
    literals: PatternLiterals,
    js: RegExp | null,
    re?: RE2JS,
  ) {
    this.literal = literals.literal;
    this.required = literals.required;
    this.js = js;
    this.#re = re;
  }

  /** The compiled RE2 program (compiled on first use for plain-text patterns). */
  get re(): RE2JS {
    this.#re ??= re2().compile(this.source);
    return this.#re;
  }
}

/** The outcome of compiling a pattern: the pattern, or why RE2 rejects it. */
export type Re2CompileResult = { ok: true; pattern: Re2Pattern } | { ok: false; message: string };

// Each entry names a construct that JavaScript (or PCRE) accepts but RE2 rejects, so the message
// can say what to write instead of only echoing the parser's complaint.
const UNSUPPORTED_CONSTRUCTS: { test: RegExp; why: string }[] = [
  { test: /\\[1-9]/, why: 'backreferences (\\1 … \\9) are not supported by RE2; match the text again explicitly' },
  { test: /\(\?<?[=!]/, why: 'lookahead and lookbehind ((?=…), (?!…), (?<=…), (?<!…)) are not supported by RE2' },
  { test: /\\Z/, why: 'RE2 has no \\Z; use \\z (end of text) or $' },
  { test: /[*+?}][+]/, why: 'possessive quantifiers (a++, a*+) are not supported by RE2' },
  { test: /\(\?>/, why: 'atomic groups (?>…) are not supported by RE2' },
  { test: /\\[kg]</, why: 'named backreferences are not supported by RE2' },
];

// Validation, application and the fragility check all compile the same pattern; RE2 compiles
// are comparatively expensive, so results are kept (bounded, oldest dropped first).
const compileCache = new Map<string, Re2CompileResult>();
const COMPILE_CACHE_SIZE = 512;

/** Compiles `source` with RE2 (Go `regexp`) syntax, explaining rejections of PCRE/JavaScript-only syntax. */
export function compileRe2(source: string): Re2CompileResult {
  const cached = compileCache.get(source);
  if (cached) return cached;
  let result: Re2CompileResult;
  const literals = patternLiterals(source);
  try {
    // Plain text and the shared subset are always valid RE2, so the RE2 program is compiled only
    // if something asks for it.
    const js = literals.literal === null ? translateToJs(source) : null;
    const re = literals.literal === null && js === null ? re2().compile(source) : undefined;
    result = { ok: true, pattern: new Re2Pattern(source, literals, js, re) };
  } catch (error) {
    if (error instanceof Re2NotLoaded) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    const known = UNSUPPORTED_CONSTRUCTS.find((c) => c.test.test(source));
    const message = known ? `${known.why} (${detail})` : `not a valid RE2 (Go) regular expression: ${detail}`;
    result = { ok: false, message };
  }
  if (compileCache.size >= COMPILE_CACHE_SIZE) compileCache.delete(compileCache.keys().next().value as string);
  compileCache.set(source, result);
  return result;
}

/** Whether `pattern` matches anywhere in `text`. */
export function re2Test(pattern: Re2Pattern, text: string): boolean {
  if (pattern.literal !== null) return text.includes(pattern.literal);
  if (!text.includes(pattern.required)) return false;
  if (pattern.js) {
    pattern.js.lastIndex = 0;
    return pattern.js.test(text);
  }
  return pattern.re.test(text);
}

/** Non-overlapping occurrences of a non-empty literal, left to right, as Go's leftmost-first matching finds them. */
function literalSpans(literal: string, text: string): [number, number][] {
  const spans: [number, number][] = [];
  for (let at = text.indexOf(literal); at >= 0; at = text.indexOf(literal, at + literal.length)) spans.push([at, at + literal.length]);
  return spans;
}

/** Go's `ReplaceAllLiteralString`: every non-overlapping match replaced by `replacement`, `$1` kept as written. */
export function replaceAllLiteral(pattern: Re2Pattern, text: string, replacement: string): string {
  if (!text.includes(pattern.required)) return text;
  const matches =
    pattern.literal !== null
      ? literalSpans(pattern.literal, text)
      : goMatchSpans(pattern.js ? jsFinder(pattern.js, text) : re2Finder(pattern, text), text.length, (pos) => {
          const code = text.codePointAt(pos);
          return code !== undefined && code > 0xffff ? 2 : 1;
        });
  if (matches.length === 0) return text;
  let out = '';
  let last = 0;
  for (const [start, end] of matches) {
    out += text.slice(last, start) + replacement;
    last = end;
  }
  return out + text.slice(last);
}

/** The byte version of {@link replaceAllLiteral}, for files that are not valid UTF-8 (Go works on bytes). */
export function replaceAllLiteralBytes(pattern: Re2Pattern, data: Uint8Array, replacement: Uint8Array): Uint8Array {
  const matches = goMatchSpans(re2Finder(pattern, data), data.length, (pos) => utf8Width(data, pos));
  if (matches.length === 0) return data;
  const parts: Uint8Array[] = [];
  let last = 0;
  for (const [start, end] of matches) {
    parts.push(data.subarray(last, start), replacement);
    last = end;
  }
  parts.push(data.subarray(last));
  return concatBytes(parts);
}

/** The leftmost match starting at or after `from`, as [start, end), or null. */
type Finder = (from: number) => [number, number] | null;

function re2Finder(pattern: Re2Pattern, input: string | Uint8Array): Finder {
  const matcher = pattern.re.matcher(input);
  return (from) => (matcher.find(from) ? [matcher.start(), matcher.end()] : null);
}

function jsFinder(re: RegExp, text: string): Finder {
  return (from) => {
    re.lastIndex = from;
    const match = re.exec(text);
    return match ? [match.index, match.index + match[0].length] : null;
  };
}

// Mirrors Go's regexp.replaceAll loop: an empty match right after a previous match is not
// replaced, and the search always advances by at least one character. re2js follows Java
// instead and would report that extra empty match.
function goMatchSpans(find: Finder, length: number, widthAt: (pos: number) => number): [number, number][] {
  const spans: [number, number][] = [];
  let lastMatchEnd = 0;
  let searchPos = 0;
  while (searchPos <= length) {
    const match = find(searchPos);
    if (!match) break;
    const [start, end] = match;
    if (end > lastMatchEnd || start === 0) spans.push([start, end]);
    lastMatchEnd = end;
    const width = searchPos < length ? widthAt(searchPos) : 1;
    if (searchPos + width > end) searchPos += width;
    else if (searchPos + 1 > end) searchPos += 1;
    else searchPos = end;
  }
  return spans;
}

function utf8Width(data: Uint8Array, pos: number): number {
  const b = data[pos] ?? 0;
  if (b < 0x80) return 1;
  if (b >= 0xf0 && b < 0xf8) return 4;
  if (b >= 0xe0) return 3;
  if (b >= 0xc0) return 2;
  return 1;
}
