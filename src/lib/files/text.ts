/** Text in project files: bytes are text only when they are valid UTF-8. */

/** Project files as path → text, the unit every reader of a project takes. */
export type TextFiles = ReadonlyMap<string, string>;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes bytes as UTF-8, or returns null when they are not valid UTF-8 (binary files stay bytes). */
export function decodeUtf8(data: Uint8Array): string | null {
  try {
    return utf8.decode(data);
  } catch {
    return null;
  }
}
