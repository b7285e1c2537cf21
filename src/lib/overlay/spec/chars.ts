const WHITESPACE = /\s/;

/** Whether a UTF-16 code unit is in JavaScript's `\s` set (the set `trim()` removes); ASCII is answered without a regex. */
export function isWhitespace(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return WHITESPACE.test(String.fromCharCode(code));
}

/** The first whitespace-separated word of `text` (empty when it starts with whitespace, as `split(/\s+/)[0]`). */
export function firstWord(text: string): string {
  for (let i = 0; i < text.length; i += 1) if (isWhitespace(text.charCodeAt(i))) return text.slice(0, i);
  return text;
}
