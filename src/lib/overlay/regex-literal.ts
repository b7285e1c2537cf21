/** Plain text found in an RE2 pattern: the whole pattern when it is one literal, else a substring every match contains. */
export interface PatternLiterals {
  /** The text the pattern matches exactly (and only), or null when it uses any operator or anchor. */
  literal: string | null;
  /** A substring every match contains; empty when nothing is known. */
  required: string;
}

const METACHARACTERS = new Set(['.', '+', '*', '?', '(', ')', '|', '[', ']', '^', '$']);
const QUANTIFIERS = new Set(['*', '+', '?']);
// Go's parser reads `{` as a repetition only in these forms; anything else is a literal brace.
const REPETITION = /^\{[0-9]+(?:,[0-9]*)?\}/;

function isAsciiPunctuation(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return ch.length === 1 && code > 32 && code < 127 && !/[0-9A-Za-z]/.test(ch);
}

/**
 * Reads the literal run at the start of an RE2 pattern (after an optional `^`). Overlay patterns are
 * mostly plain text (`%setup -q`, `RPM_VENDOR=redhat`), so knowing that lets matching skip the
 * regex engine for lines that cannot match, or entirely. Conservative: anything unusual ends the run.
 */
export function patternLiterals(source: string): PatternLiterals {
  // A `|` anywhere may make the run optional (`abc|x`); such patterns get no literal at all.
  if (source.includes('|')) return { literal: null, required: '' };
  const pieces: string[] = [];
  let anchored = false;
  let i = 0;
  if (source.startsWith('^')) {
    anchored = true;
    i = 1;
  }
  let complete = true;
  while (i < source.length) {
    const ch = String.fromCodePoint(source.codePointAt(i) as number);
    const code = ch.charCodeAt(0);
    if (ch.length === 1 && code >= 0xd800 && code <= 0xdfff) {
      complete = false;
      break;
    }
    if (ch === '\\') {
      const next = source[i + 1];
      if (next === undefined || !isAsciiPunctuation(next)) {
        complete = false;
        break;
      }
      pieces.push(next);
      i += 2;
      continue;
    }
    if (ch === '{' && REPETITION.test(source.slice(i))) {
      pieces.pop();
      complete = false;
      break;
    }
    if (METACHARACTERS.has(ch)) {
      // A quantifier makes the character before it optional or repeated.
      if (QUANTIFIERS.has(ch)) pieces.pop();
      complete = false;
      break;
    }
    pieces.push(ch);
    i += ch.length;
  }
  const text = pieces.join('');
  return { literal: complete && !anchored && text !== '' ? text : null, required: text };
}
