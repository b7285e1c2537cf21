/** A thin event-style wrapper over saxes shared by the repomd, metalink and comps readers. */
import { SaxesParser } from 'saxes';
import type { Diagnostic } from '../diagnostics.ts';

/** Callbacks for one XML document; element names arrive without their namespace prefix. */
export interface XmlHandlers {
  open?: (name: string, attrs: Record<string, string>) => void;
  text?: (text: string) => void;
  close?: (name: string) => void;
}

/** How an XML read ended: fine, or the first well-formedness error located at line:col. */
export type XmlReadOutcome = { ok: true; root: string; rootLine: number; rootCol: number } | { ok: false; diagnostic: Diagnostic; looksLikeHtml: boolean };

/** Thrown from the saxes error handler to stop at the first error (saxes would otherwise carry on). */
class StopParsing extends Error {}

/** Strips a namespace prefix: `rpm:entry` → `entry`. */
export function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
}

/** Tells whether a document is an HTML page (an error page or a mirror's directory listing) rather than XML data. */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 1024).trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html') || /^<\?xml[^>]*>\s*<!doctype html/.test(head) || /^<\?xml[^>]*>\s*<html/.test(head);
}

/** Parses `text` with saxes, calling `handlers`; stops at the first error and reports it as a Diagnostic of `file`. */
export function readXml(text: string, file: string, handlers: XmlHandlers, code: string): XmlReadOutcome {
  const parser = new SaxesParser({ position: true });
  let root = '';
  let rootLine = 0;
  let rootCol = 0;
  let failure: Diagnostic | undefined;
  parser.on('error', (err) => {
    // saxes prefixes its message with "line:col: "; keep the plain sentence since Diagnostic carries the position.
    const message = err.message.replace(/^\d+:\d+: /, '');
    failure = { file, line: parser.line, col: parser.column + 1, severity: 'error', code, message: `malformed XML: ${message}` };
    throw new StopParsing();
  });
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    if (!root) {
      root = name;
      rootLine = parser.line;
      rootCol = parser.column + 1;
    }
    if (handlers.open) {
      const attrs: Record<string, string> = {};
      for (const [key, value] of Object.entries(tag.attributes)) attrs[key] = typeof value === 'string' ? value : value.value;
      handlers.open(name, attrs);
    }
  });
  if (handlers.text) parser.on('text', handlers.text);
  if (handlers.text) parser.on('cdata', handlers.text);
  if (handlers.close) {
    const close = handlers.close;
    parser.on('closetag', (tag) => close(localName(tag.name)));
  }
  try {
    parser.write(text).close();
  } catch (err) {
    if (!(err instanceof StopParsing)) throw err;
  }
  if (failure) return { ok: false, diagnostic: failure, looksLikeHtml: looksLikeHtml(text) };
  return { ok: true, root, rootLine, rootCol };
}
