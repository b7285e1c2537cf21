/** Splits one kickstart line into words the way pykickstart does (Python `shlex.split(line, comments=True)`). */
import { err, ok, type Result } from '../../result.ts';

/** A word of a command line with the 1-based column where it starts. */
export interface Token {
  text: string;
  col: number;
}

/** Result of splitting a line: the words, or an error for an unterminated quote. */
export type SplitResult = Result<Token[], { col: number; message: string }>;

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';

/**
 * POSIX shell-like word splitting: single quotes are literal, double quotes allow `\"` and `\\`,
 * a backslash outside quotes escapes the next character, and an unquoted `#` starts a comment.
 */
export function splitWords(line: string): SplitResult {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && isSpace(line[i] as string)) i++;
    if (i >= line.length) break;
    if (line[i] === '#') break;
    const start = i;
    let text = '';
    let comment = false;
    while (i < line.length && !isSpace(line[i] as string)) {
      const c = line[i] as string;
      if (c === '#') {
        // shlex treats `#` inside an unquoted word as the start of a comment too.
        comment = true;
        break;
      }
      if (c === "'") {
        const end = line.indexOf("'", i + 1);
        if (end < 0) return err({ col: i + 1, message: 'unterminated single quote' });
        text += line.slice(i + 1, end);
        i = end + 1;
      } else if (c === '"') {
        i++;
        let closed = false;
        while (i < line.length) {
          const d = line[i] as string;
          if (d === '"') {
            closed = true;
            i++;
            break;
          }
          if (d === '\\' && (line[i + 1] === '"' || line[i + 1] === '\\')) {
            text += line[i + 1];
            i += 2;
          } else {
            text += d;
            i++;
          }
        }
        if (!closed) return err({ col: start + 1, message: 'unterminated double quote' });
      } else if (c === '\\' && i + 1 < line.length) {
        text += line[i + 1];
        i += 2;
      } else {
        text += c;
        i++;
      }
    }
    if (text !== '' || i > start) tokens.push({ text, col: start + 1 });
    if (comment) break;
  }
  return ok(tokens);
}

/** Quotes a word for a kickstart line only when it needs it, so output stays readable and re-splits to the same word. */
export function quoteWord(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_@%+=:,./\-^*?[\]$&]+$/.test(word)) return word;
  return `"${word.replace(/(["\\])/g, '\\$1')}"`;
}
