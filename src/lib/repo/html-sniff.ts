/** Telling an HTML page from XML data, without the XML parser (decompression needs only this). */

/** Tells whether a document is an HTML page (an error page or a mirror's directory listing) rather than XML data. */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 1024).trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html') || /^<\?xml[^>]*>\s*<!doctype html/.test(head) || /^<\?xml[^>]*>\s*<html/.test(head);
}
