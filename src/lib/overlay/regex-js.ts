// A narrow subset of RE2 syntax reads the same in JavaScript's engine: literal text, `.`, simple
// bracket classes, a single `*`/`+`/`?` (greedy or lazy) after each atom, `^` first and `$` last.
// Both engines then pick the same leftmost-first match, so patterns in the subset can run on V8's
// regex engine instead of the (much slower to start) RE2 port. Anything else returns null and goes
// to RE2; that includes every pattern RE2 would reject, so a translated pattern is always valid RE2.
//
// V8 backtracks where RE2 runs in linear time, so the subset is also cut to shapes whose backtracking
// is bounded by a constant per start position (see linearOnV8); `a*a*c` on a long line of `a`s is
// O(n^3) on V8 and goes to RE2.

const RE2_METACHARACTERS = new Set(['\\', '.', '+', '*', '?', '(', ')', '|', '[', ']', '{', '^', '$']);
// Characters that must be escaped to be literal in a JavaScript pattern with the `u` flag, which
// also forbids escaping anything else.
const JS_SYNTAX = new Set(['^', '$', '\\', '.', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|', '/']);
const CLASS_PUNCTUATION = new Set([' ', '_', '.', ',', ':', ';', '/', '@', '%', '=', '+', '#', '!', '~', "'", '"', '<', '>']);
const REPETITION = /^\{[0-9]+(?:,[0-9]*)?\}/;
const ALNUM = /^[0-9A-Za-z]$/;

function isAsciiPunctuation(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return ch.length === 1 && code > 32 && code < 127 && !ALNUM.test(ch);
}

function jsLiteral(ch: string): string {
  return JS_SYNTAX.has(ch) ? `\\${ch}` : ch;
}

/** A bracket class starting at `open`, translated; null when it is outside the subset. */
function translateClass(source: string, open: number): { js: string; end: number } | null {
  let i = open + 1;
  let js = '[';
  if (source[i] === '^') {
    js += '^';
    i += 1;
  }
  let items = 0;
  while (i < source.length && source[i] !== ']') {
    const ch = source[i] as string;
    if (ALNUM.test(ch)) {
      if (source[i + 1] === '-' && source[i + 2] !== undefined && source[i + 2] !== ']') {
        const hi = source[i + 2] as string;
        if (!ALNUM.test(hi) || hi < ch) return null;
        js += `${ch}-${hi}`;
        i += 3;
      } else {
        js += ch;
        i += 1;
      }
    } else if (CLASS_PUNCTUATION.has(ch)) {
      js += ch === '/' ? '\\/' : ch;
      i += 1;
    } else {
      return null;
    }
    items += 1;
  }
  if (i >= source.length || items === 0) return null;
  return { js: `${js}]`, end: i + 1 };
}

/** At most this many `?` per pattern: each one doubles the paths tried from a start position. */
const MAX_OPTIONALS = 3;

/** What the quantifiers of a translated pattern are, to judge its worst case on a backtracking engine. */
interface PatternShape {
  anchored: boolean;
  endAnchored: boolean;
  /** Atoms in order, each with its quantifier ('' for none). */
  quantifiers: string[];
}

/**
 * Whether V8's backtracking engine runs a pattern of this shape in time linear in the text (for a
 * fixed pattern), as RE2 does. With one start position (`^`), one loop (`*`/`+`) anywhere costs one
 * pass over the text for each of its lengths, each checking a fixed-length rest. Unanchored, the
 * engine tries every start position, so a loop is allowed only as the last atom with no `$` after
 * it: it then either succeeds at once (lazy) or consumes what it scanned (greedy), and the search
 * resumes after the match. A few `?` only multiply the work per start by a constant.
 */
function linearOnV8(shape: PatternShape): boolean {
  const loops = shape.quantifiers.filter((q) => q.startsWith('*') || q.startsWith('+')).length;
  const optionals = shape.quantifiers.filter((q) => q.startsWith('?')).length;
  if (optionals > MAX_OPTIONALS || loops > 1) return false;
  if (loops === 0 || shape.anchored) return true;
  const last = shape.quantifiers[shape.quantifiers.length - 1] ?? '';
  return !shape.endAnchored && (last.startsWith('*') || last.startsWith('+'));
}

/** The JavaScript equivalent of an RE2 pattern in the shared subset whose V8 run time is linear, or null. */
export function translateToJs(source: string): RegExp | null {
  let js = '';
  let i = 0;
  const shape: PatternShape = { anchored: false, endAnchored: false, quantifiers: [] };
  if (source.startsWith('^')) {
    js = '^';
    i = 1;
    shape.anchored = true;
  }
  let atom = false;
  while (i < source.length) {
    const ch = String.fromCodePoint(source.codePointAt(i) as number);
    const code = ch.charCodeAt(0);
    if (ch.length === 1 && code >= 0xd800 && code <= 0xdfff) return null;
    if (ch === '*' || ch === '+' || ch === '?') {
      if (!atom) return null;
      js += ch;
      i += 1;
      let quantifier = ch;
      if (source[i] === '?') {
        js += '?';
        i += 1;
        quantifier += '?';
      }
      shape.quantifiers[shape.quantifiers.length - 1] = quantifier;
      atom = false;
      continue;
    }
    if (ch === '$') {
      if (i !== source.length - 1) return null;
      js += '$';
      i += 1;
      shape.endAnchored = true;
      atom = false;
      continue;
    }
    if (ch === '.') {
      js += '[^\\n]';
      i += 1;
    } else if (ch === '[') {
      const cls = translateClass(source, i);
      if (!cls) return null;
      js += cls.js;
      i = cls.end;
    } else if (ch === '\\') {
      const next = source[i + 1];
      if (next === undefined || !isAsciiPunctuation(next)) return null;
      js += jsLiteral(next);
      i += 2;
    } else if (ch === '{') {
      if (REPETITION.test(source.slice(i))) return null;
      js += '\\{';
      i += 1;
    } else if (RE2_METACHARACTERS.has(ch)) {
      return null;
    } else {
      js += jsLiteral(ch);
      i += ch.length;
    }
    atom = true;
    shape.quantifiers.push('');
  }
  return linearOnV8(shape) ? new RegExp(js, 'gu') : null;
}
