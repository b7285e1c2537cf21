/**
 * Splitting a primary.xml at `<package` start tags into parts that are each a `<metadata>` document
 * (the original prolog and root start tag, some packages, the root's end tag), so libsolv can parse
 * them in parallel; fed whole or chunk by chunk as a download decompresses.
 *
 * The cut is a cheap guess, not a parse: it is placed at the first `<package` after every
 * `targetBytes`. A guess inside a comment, a CDATA section or a nested element leaves that part
 * with something unclosed, so libsolv refuses it; the caller then parses the whole file as one
 * (see convertPrimaryInParts), which keeps results and error messages exactly those of one parse.
 */

/** Part size the splitter aims for: big enough that a part's fixed cost is small, small enough to overlap a download. */
export const DEFAULT_PART_BYTES = 4 * 1024 * 1024;

/** Longest prolog (everything up to the end of the root start tag) the splitter waits for before it gives up cutting. */
export const MAX_PROLOG_BYTES = 64 * 1024;

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const DQUOTE = 0x22;
const SQUOTE = 0x27;
const encoder = new TextEncoder();
const PACKAGE_TAG = encoder.encode('<package');
const COMMENT_OPEN = encoder.encode('<!--');
const COMMENT_CLOSE = encoder.encode('-->');
const PI_CLOSE = encoder.encode('?>');

function startsWith(bytes: Uint8Array, at: number, prefix: Uint8Array): boolean {
  if (at + prefix.length > bytes.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[at + i] !== prefix[i]) return false;
  return true;
}

/** Index of NEEDLE in BYTES[FROM, END), or -1. */
function indexOfSeq(bytes: Uint8Array, needle: Uint8Array, from: number, end: number): number {
  // bounded: a growing buffer's spare capacity past END is not searched
  const within = end < bytes.length ? bytes.subarray(0, end) : bytes;
  const first = needle[0]!;
  for (let i = within.indexOf(first, from); i !== -1 && i + needle.length <= end; i = within.indexOf(first, i + 1)) {
    if (startsWith(within, i, needle)) return i;
  }
  return -1;
}

function isSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}

function isNameEnd(byte: number | undefined): boolean {
  return isSpace(byte) || byte === GT || byte === SLASH;
}

/** Offset of the `>` ending the tag that starts at LT in BYTES[0, END) (quotes respected), or -1. */
function tagEnd(bytes: Uint8Array, lt: number, end: number): number {
  let quote = 0;
  for (let i = lt + 1; i < end; i++) {
    const c = bytes[i]!;
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === DQUOTE || c === SQUOTE) quote = c;
    else if (c === GT) return i;
  }
  return -1;
}

/** The prolog and root start tag of a primary.xml, once enough bytes are there. */
type Prolog = { header: Uint8Array; closeTag: Uint8Array } | 'unsplittable' | 'need-more';

/**
 * Reads the prolog of BYTES[0, END): XML declaration, comments and processing instructions, then
 * the root start tag, which must be a `metadata` element that is not empty. A DOCTYPE (which may
 * declare entities the packages use) or anything else makes the file unsplittable.
 */
function readProlog(bytes: Uint8Array, end: number): Prolog {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (;;) {
    while (i < end && isSpace(bytes[i])) i++;
    if (i >= end) return 'need-more';
    if (bytes[i] !== LT) return 'unsplittable';
    if (i + 4 > end) return 'need-more';
    const next = bytes[i + 1];
    if (next === QUESTION || startsWith(bytes, i, COMMENT_OPEN)) {
      const close = next === QUESTION ? PI_CLOSE : COMMENT_CLOSE;
      const at = indexOfSeq(bytes, close, i + 2, end);
      if (at === -1) return 'need-more';
      i = at + close.length;
      continue;
    }
    if (next === BANG || next === SLASH) return 'unsplittable';
    const gt = tagEnd(bytes, i, end);
    if (gt === -1) return 'need-more';
    let nameEnd = i + 1;
    while (nameEnd < gt && !isNameEnd(bytes[nameEnd])) nameEnd++;
    const name = new TextDecoder().decode(bytes.subarray(i + 1, nameEnd));
    if (name.replace(/^.*:/, '') !== 'metadata' || bytes[gt - 1] === SLASH) return 'unsplittable';
    return { header: bytes.slice(0, gt + 1), closeTag: encoder.encode(`\n</${name}>\n`) };
  }
}

/** Cuts a primary.xml into parts as its bytes arrive (see the module comment). */
export class PrimaryXmlSplitter {
  private buf: Uint8Array = new Uint8Array(0);
  /** Bytes of `buf` in use. */
  private len = 0;
  /** Where the current part's content starts in `buf` (the first part keeps the prolog). */
  private partStart = 0;
  private prolog: { header: Uint8Array; closeTag: Uint8Array } | undefined;
  /** No more cuts: the rest becomes the last part. */
  private whole = false;
  private count = 0;
  private finished = false;

  constructor(private readonly targetBytes = DEFAULT_PART_BYTES) {}

  /** Parts cut so far. */
  get parts(): number {
    return this.count;
  }

  /** Feeds the next bytes of the file; returns the parts that are complete now, in file order. */
  push(chunk: Uint8Array): Uint8Array[] {
    if (this.finished) throw new Error('PrimaryXmlSplitter: push after finish');
    this.append(chunk);
    return this.cut();
  }

  /** Ends the input; returns the last part (an empty input gives one empty part, for libsolv to refuse). */
  finish(): Uint8Array[] {
    if (this.finished) return [];
    this.finished = true;
    const last = this.part(this.len, false);
    this.buf = new Uint8Array(0);
    this.len = 0;
    return [last];
  }

  private append(chunk: Uint8Array): void {
    if (this.len === 0) {
      // nothing kept yet: read the chunk in place (a whole file is not copied); it is never written to
      this.buf = chunk;
      this.owned = false;
      this.len = chunk.length;
      this.partStart = 0;
      return;
    }
    if (this.len + chunk.length > this.buf.length) {
      // keep only the current part; reuse the buffer when that fits, else grow so appends stay amortised O(1)
      const keep = this.len - this.partStart;
      if (this.owned && keep + chunk.length <= this.buf.length) this.buf.copyWithin(0, this.partStart, this.len);
      else {
        const grown = new Uint8Array(Math.max(2 * (keep + chunk.length), 1 << 16));
        grown.set(this.buf.subarray(this.partStart, this.len));
        this.buf = grown;
        this.owned = true;
      }
      this.searched = Math.max(0, this.searched - this.partStart);
      if (this.partFirst !== -1) this.partFirst -= this.partStart;
      this.partStart = 0;
      this.len = keep;
    }
    this.buf.set(chunk, this.len);
    this.len += chunk.length;
  }

  /** Whether `buf` is the splitter's own (an adopted chunk is the caller's and stays untouched). */
  private owned = false;

  private cut(): Uint8Array[] {
    const parts: Uint8Array[] = [];
    if (this.whole) return parts;
    if (!this.prolog) {
      const prolog = readProlog(this.buf, this.len);
      if (prolog === 'unsplittable' || (prolog === 'need-more' && this.len > MAX_PROLOG_BYTES)) this.whole = true;
      if (typeof prolog === 'string') return parts;
      this.prolog = prolog;
    }
    for (;;) {
      // every part holds at least one package: its first is found before the cut after it is searched
      if (this.partFirst === -1) this.partFirst = this.nextPackage(this.count === 0 ? this.prolog.header.length : this.partStart);
      if (this.partFirst === -1) return parts;
      const at = this.nextPackage(Math.max(this.partStart + this.targetBytes, this.partFirst + 1));
      if (at === -1) return parts;
      parts.push(this.part(at, true));
      this.partFirst = at;
    }
  }

  /** Offset of the first `<package` start tag at or after FROM whose name is complete in the buffer, or -1. */
  private nextPackage(from: number): number {
    // searches only move forward, so bytes searched before need not be searched again
    for (let at = Math.max(from, this.searched); ; at++) {
      at = indexOfSeq(this.buf, PACKAGE_TAG, at, this.len);
      if (at === -1 || at + PACKAGE_TAG.length >= this.len) {
        this.searched = Math.max(from, this.searched, this.len - PACKAGE_TAG.length);
        return -1;
      }
      if (isNameEnd(this.buf[at + PACKAGE_TAG.length])) {
        this.searched = at;
        return at;
      }
    }
  }

  /** No `<package` start before this offset of `buf` that a search has not already returned. */
  private searched = 0;
  /** Offset in `buf` of the current part's first package, or -1 until it is found. */
  private partFirst = -1;

  /** The part from `partStart` to END; CLOSE adds the root's end tag (every part but the last). */
  private part(end: number, close: boolean): Uint8Array {
    const first = this.count === 0;
    const body = this.buf.subarray(this.partStart, end);
    const head = first || !this.prolog ? new Uint8Array(0) : this.prolog.header;
    const tail = close && this.prolog ? this.prolog.closeTag : new Uint8Array(0);
    const bytes = new Uint8Array(head.length + body.length + tail.length);
    bytes.set(head, 0);
    bytes.set(body, head.length);
    bytes.set(tail, head.length + body.length);
    this.partStart = end;
    this.count++;
    return bytes;
  }
}

/** Splits a whole primary.xml (see PrimaryXmlSplitter); a file it does not cut comes back as its own bytes. */
export function splitPrimaryXml(bytes: Uint8Array, targetBytes = DEFAULT_PART_BYTES): Uint8Array[] {
  if (bytes.length <= targetBytes) return [bytes];
  const splitter = new PrimaryXmlSplitter(targetBytes);
  const parts = [...splitter.push(bytes), ...splitter.finish()];
  return parts.length === 1 ? [bytes] : parts;
}
