// Own tar code, kept on purpose. nanotar 0.3.0 (parseTar/createTar, used for repository archives in
// src/lib/repo/archive.ts) cannot repack a source archive faithfully, which azldev's archive overlays need:
// - parseTar ignores the ustar prefix field (git archive and Go's archive/tar split long paths into it), cuts
//   pax records at the first space (`path=a b` reads as `a`), drops symlink targets, and reads a Uint8Array
//   that is a view into a larger buffer from that buffer's start (finding no entries);
// - createTar truncates names to 100 bytes (it writes no pax or GNU long-name headers), writes symlinks and
//   empty files as directories, and takes mtimes in milliseconds where parseTar returns seconds;
// - neither gives block offsets, so unchanged entries (pax records, owners, devices included) cannot be
//   copied through byte for byte.
// test/unit/overlay/archive-tar.test.ts pins each of these ("what nanotar 0.3.0 lacks"); when that test
// fails after an upgrade, nanotar may now do the job. This file keeps only the reader and the in-place writer.

import { concatBytes } from '../../bytes.ts';

const BLOCK = 512;
const RECORD = 10240;

/** One logical tar entry, with every raw block that belongs to it (pax and GNU long-name headers included). */
export interface TarEntry {
  /** Resolved path (pax `path`, GNU long name, or ustar prefix + name), without a trailing `/`. */
  name: string;
  /** The type flag character (`0` file, `5` directory, `2` symlink, `g` global pax header, …). */
  type: string;
  /** Offset of the main header block in the archive. */
  headerOffset: number;
  /** Offset of the first block of this entry (an extension header if there is one). */
  startOffset: number;
  /** Offset one past the entry's last data block. */
  endOffset: number;
  data: Uint8Array;
  /** Whether a pax header overrides the size; such entries cannot be resized here. */
  paxSize: boolean;
}

const latin = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');

function readString(buf: Uint8Array, offset: number, length: number): string {
  const view = buf.subarray(offset, offset + length);
  const nul = view.indexOf(0);
  return utf8.decode(nul < 0 ? view : view.subarray(0, nul));
}

function readNumber(buf: Uint8Array, offset: number, length: number): number {
  const first = buf[offset] ?? 0;
  // GNU base-256 encoding for values that do not fit in octal.
  if (first & 0x80) {
    let value = first & 0x7f;
    for (let i = 1; i < length; i += 1) value = value * 256 + (buf[offset + i] ?? 0);
    return value;
  }
  const text = latin.decode(buf.subarray(offset, offset + length)).replace(/\0.*$/s, '').trim();
  return text === '' ? 0 : Number.parseInt(text, 8);
}

function parsePax(data: Uint8Array): Record<string, string> {
  const records: Record<string, string> = {};
  let pos = 0;
  while (pos < data.length) {
    const space = data.indexOf(0x20, pos);
    if (space < 0) break;
    const length = Number.parseInt(latin.decode(data.subarray(pos, space)), 10);
    if (!Number.isFinite(length) || length <= 0) break;
    const record = utf8.decode(data.subarray(space + 1, pos + length - 1));
    const eq = record.indexOf('=');
    if (eq > 0) records[record.slice(0, eq)] = record.slice(eq + 1);
    pos += length;
  }
  return records;
}

function isZeroBlock(buf: Uint8Array, offset: number): boolean {
  for (let i = offset; i < offset + BLOCK; i += 1) if (buf[i] !== 0) return false;
  return true;
}

function padded(size: number): number {
  return Math.ceil(size / BLOCK) * BLOCK;
}

/** Reads a tar archive (ustar, pax and GNU long names) into entries that keep their raw blocks. */
export function readTar(buf: Uint8Array): TarEntry[] {
  const entries: TarEntry[] = [];
  let offset = 0;
  let pending: { start: number; path?: string; size?: string } | null = null;
  while (offset + BLOCK <= buf.length) {
    if (isZeroBlock(buf, offset)) break;
    const type = String.fromCharCode(buf[offset + 156] ?? 0x30).replace('\0', '0');
    const size = readNumber(buf, offset + 124, 12);
    const dataStart = offset + BLOCK;
    const data = buf.subarray(dataStart, dataStart + size);
    const next = dataStart + padded(size);
    if (type === 'x' || type === 'L' || type === 'K') {
      const start: number = pending?.start ?? offset;
      const info: { start: number; path?: string; size?: string } = { ...pending, start };
      if (type === 'x') {
        const pax = parsePax(data);
        if (pax.path !== undefined) info.path = pax.path;
        if (pax.size !== undefined) info.size = pax.size;
      } else if (type === 'L') {
        info.path = readString(data, 0, data.length);
      }
      pending = info;
      offset = next;
      continue;
    }
    let name = readString(buf, offset, 100);
    // Only POSIX headers ("ustar\0") have a prefix field; GNU ones ("ustar  ") keep access times there.
    const prefix = readString(buf, offset + 257, 6) === 'ustar' ? readString(buf, offset + 345, 155) : '';
    if (prefix !== '') name = `${prefix}/${name}`;
    if (pending?.path !== undefined) name = pending.path;
    const realSize = pending?.size !== undefined ? Number.parseInt(pending.size, 10) : size;
    const realNext = dataStart + padded(realSize);
    entries.push({
      name: name.replace(/^\.\//, '').replace(/\/+$/, ''),
      type,
      headerOffset: offset,
      startOffset: pending?.start ?? offset,
      endOffset: realNext,
      data: buf.subarray(dataStart, dataStart + realSize),
      paxSize: pending?.size !== undefined,
    });
    pending = null;
    offset = realNext;
  }
  return entries;
}

function writeOctal(header: Uint8Array, offset: number, length: number, value: number): void {
  const text = value.toString(8).padStart(length - 1, '0');
  if (text.length > length - 1) throw new Error(`value ${value} does not fit in a tar header field`);
  for (let i = 0; i < length - 1; i += 1) header[offset + i] = text.charCodeAt(i);
  header[offset + length - 1] = 0;
}

function checksum(header: Uint8Array): void {
  header.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of header) sum += byte;
  const text = sum.toString(8).padStart(6, '0');
  for (let i = 0; i < 6; i += 1) header[148 + i] = text.charCodeAt(i);
  header[154] = 0;
  header[155] = 0x20;
}

/** How an entry appears in the repacked archive: unchanged, with new contents, or dropped. */
export type TarEdit = { kind: 'keep' } | { kind: 'replace'; data: Uint8Array } | { kind: 'drop' };

/** Writes the archive back: kept entries byte for byte, replaced ones with a new size and checksum. */
export function writeTar(buf: Uint8Array, entries: readonly TarEntry[], editOf: (entry: TarEntry) => TarEdit): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const push = (chunk: Uint8Array) => {
    chunks.push(chunk);
    total += chunk.length;
  };
  for (const entry of entries) {
    const edit = editOf(entry);
    if (edit.kind === 'drop') continue;
    if (edit.kind === 'keep') {
      push(buf.subarray(entry.startOffset, entry.endOffset));
      continue;
    }
    if (entry.paxSize) throw new Error(`cannot rewrite ${entry.name}: its size is stored in a pax header`);
    push(buf.subarray(entry.startOffset, entry.headerOffset));
    const header = buf.slice(entry.headerOffset, entry.headerOffset + BLOCK);
    writeOctal(header, 124, 12, edit.data.length);
    checksum(header);
    push(header);
    const body = new Uint8Array(padded(edit.data.length));
    body.set(edit.data);
    push(body);
  }
  // the end-of-archive blocks are the zero padding up to a whole record
  return concatBytes(chunks, Math.ceil((total + 2 * BLOCK) / RECORD) * RECORD);
}
