import { lineFacts } from '../spec/line-facts.ts';

/** A table of macro names to bodies, used for best-effort expansion of tag values. */
export type MacroTable = Map<string, string>;

const MAX_DEPTH = 16;
const DEFINITION = /^\s*%(?:global|define)\s+([A-Za-z_][A-Za-z0-9_]*)(?:\([^)]*\))?\s+(.*?)\s*$/;

/** Reads single-line `%global`/`%define` macros; unconditional definitions win over ones inside `%if`. */
export function specMacros(lines: readonly string[], inConditional: (line: number) => boolean, into: MacroTable): void {
  const unconditional = new Set<string>();
  lines.forEach((line, i) => {
    const directive = lineFacts(line).directive;
    if (directive !== '%global' && directive !== '%define') return;
    const match = DEFINITION.exec(line);
    if (!match || line.endsWith('\\')) return;
    const name = match[1] as string;
    const conditional = inConditional(i);
    if (conditional && (unconditional.has(name) || into.has(name))) return;
    if (!conditional) unconditional.add(name);
    into.set(name, match[2] as string);
  });
}

function findClosingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    if (text[i] === '{') depth += 1;
    else if (text[i] === '}') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** No expansion may grow past this: nested doubling macros (a "billion laughs" spec) would otherwise take GBs. */
const MAX_EXPANDED_LENGTH = 1024 * 1024;

/** Thrown inside an expansion that passed MAX_EXPANDED_LENGTH; the outermost call then keeps the text as written. */
class ExpansionTooLarge extends Error {}

/** Expands `%name`, `%{name}`, `%{?name}`, `%{!?name:…}`, `%{?name:…}` and `%%`; anything unknown, or an expansion past 1 MiB, stays as written. */
export function expandMacros(text: string, macros: MacroTable, depth = 0): string {
  if (depth > 0) return expandWithin(text, macros, depth);
  try {
    return expandWithin(text, macros, 0);
  } catch (err) {
    if (err instanceof ExpansionTooLarge) return text;
    throw err;
  }
}

function expandWithin(text: string, macros: MacroTable, depth: number): string {
  if (depth > MAX_DEPTH || !text.includes('%')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch !== '%') {
      out += ch;
      i += 1;
      continue;
    }
    const next = text[i + 1];
    if (next === '%') {
      out += '%';
      i += 2;
      continue;
    }
    if (next === '{') {
      const close = findClosingBrace(text, i + 1);
      if (close < 0) {
        out += text.slice(i);
        break;
      }
      out += expandBraced(text.slice(i, close + 1), text.slice(i + 2, close), macros, depth);
      if (out.length > MAX_EXPANDED_LENGTH) throw new ExpansionTooLarge();
      i = close + 1;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1));
    if (word && macros.has(word[0])) {
      out += expandMacros(macros.get(word[0]) as string, macros, depth + 1);
      if (out.length > MAX_EXPANDED_LENGTH) throw new ExpansionTooLarge();
      i += 1 + word[0].length;
      continue;
    }
    out += '%';
    i += 1;
  }
  return out;
}

function expandBraced(whole: string, inner: string, macros: MacroTable, depth: number): string {
  const conditional = /^(!?)\?([A-Za-z_][A-Za-z0-9_]*)(?::(.*))?$/s.exec(inner);
  if (conditional) {
    const negate = conditional[1] === '!';
    const name = conditional[2] as string;
    const body = conditional[3];
    const defined = macros.has(name);
    if (body === undefined) return !negate && defined ? expandMacros(macros.get(name) as string, macros, depth + 1) : '';
    return defined !== negate ? expandMacros(body, macros, depth + 1) : '';
  }
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(inner) && macros.has(inner)) return expandMacros(macros.get(inner) as string, macros, depth + 1);
  return whole;
}
