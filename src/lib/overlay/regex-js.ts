// A narrow subset of RE2 syntax reads the same in JavaScript's engine: literal text, `.`, simple
// bracket classes, a single `*`/`+`/`?` (greedy or lazy) after each atom, `^` first and `$` last.
// Both engines then pick the same leftmost-first match, so patterns in the subset can run on V8's
// regex engine instead of the (much slower to start) RE2 port. Anything else returns null and goes
// to RE2; that includes every pattern RE2 would reject, so a translated pattern is always valid RE2.

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

/** The JavaScript equivalent of an RE2 pattern in the shared subset, or null. */
export function translateToJs(source: string): RegExp | null {
  let js = '';
  let i = 0;
  if (source.startsWith('^')) {
    js = '^';
    i = 1;
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
      if (source[i] === '?') {
        js += '?';
        i += 1;
      }
      atom = false;
      continue;
    }
    if (ch === '$') {
      if (i !== source.length - 1) return null;
      js += '$';
      i += 1;
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
  }
  return new RegExp(js, 'gu');
}
