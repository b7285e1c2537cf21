/** A minimal located XML element tree on top of saxes, enough for KIWI image descriptions. */
import { SaxesParser } from 'saxes';
import type { Diagnostic } from '../../diagnostics.ts';

/** An element with its attributes, child elements, text and where its start tag is. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated character data directly inside the element, trimmed. */
  text: string;
  file: string;
  line: number;
  col: number;
}

/** The root element, or null with a located error when the text is not well-formed XML. */
export function parseXml(text: string, file: string, diagnostics: Diagnostic[]): XmlElement | null {
  const parser = new SaxesParser({ fileName: file, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let failed = false;
  let start = { line: 1, col: 1 };
  const texts = new Map<XmlElement, string[]>();
  parser.on('opentagstart', () => {
    // saxes has read `<name` and the character after it; the tag starts name.length + 1 columns back.
    start = { line: parser.line, col: parser.column };
  });
  parser.on('opentag', (tag) => {
    const el: XmlElement = { name: tag.name, attrs: Object.fromEntries(Object.entries(tag.attributes).map(([k, v]) => [k, typeof v === 'string' ? v : v.value])), children: [], text: '', file, line: start.line, col: Math.max(1, start.col - tag.name.length - 1) };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on('text', (t) => {
    const top = stack[stack.length - 1];
    if (top) texts.set(top, [...(texts.get(top) ?? []), t]);
  });
  parser.on('cdata', (t) => {
    const top = stack[stack.length - 1];
    if (top) texts.set(top, [...(texts.get(top) ?? []), t]);
  });
  parser.on('closetag', () => {
    const el = stack.pop();
    if (el) el.text = (texts.get(el) ?? []).join('').trim();
  });
  parser.on('error', (err) => {
    if (failed) return;
    failed = true;
    // saxes prefixes "file:line:col: " to its messages; the diagnostic carries those separately.
    const message = err.message.replace(/^.*?:\d+:\d+: /, '');
    diagnostics.push({ file, line: parser.line, col: parser.column, severity: 'error', code: 'kiwi/xml', message: `not well-formed XML: ${message}` });
  });
  parser.write(text).close();
  return failed ? null : root;
}

/** The child elements with a given name. */
export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

/** Splits a comma-separated attribute (`profiles="a,b"`, `arch="x86_64,aarch64"`); empty when absent. */
export function listAttr(el: XmlElement, name: string): string[] {
  const v = el.attrs[name];
  return v === undefined ? [] : v.split(',').map((s) => s.trim()).filter((s) => s !== '');
}
