/**
 * Reads the frame and block headers of zstd data without decoding it, to learn the most bytes it can
 * decompress to and the largest window it asks for — so a bomb is refused before any allocation.
 */

/** What the headers of zstd data promise: an upper bound on its output, and the largest declared window and content size. */
export interface ZstdFrameFacts {
  /** No decoded output can be longer than this (sum of raw, RLE and at most 128 KiB per compressed block). */
  maxOutput: number;
  /** The largest window (or single-segment content size) any frame declares; a decoder allocates this much. */
  maxWindow: number;
  /** The largest Frame_Content_Size any frame declares (0 when none does). */
  maxDeclaredSize: number;
}

const ZSTD_MAGIC = 0xfd2fb528;
/** RFC 8878: a block never decompresses to more than 128 KiB. */
const MAX_BLOCK_OUTPUT = 128 * 1024;

function u32(bytes: Uint8Array, at: number): number {
  return ((bytes[at] as number) | ((bytes[at + 1] as number) << 8) | ((bytes[at + 2] as number) << 16) | ((bytes[at + 3] as number) << 24)) >>> 0;
}

function readLittleEndian(bytes: Uint8Array, at: number, length: number): number {
  let value = 0;
  for (let i = length - 1; i >= 0; i--) value = value * 256 + (bytes[at + i] as number);
  return value;
}

/** What one frame header says, and where its first block starts. */
interface FrameHeader {
  window: number;
  declared: number;
  hasChecksum: boolean;
  blocksAt: number;
}

/** The frame header whose descriptor byte is at AT (after the magic); undefined when BYTES ends inside it. */
function readFrameHeader(bytes: Uint8Array, at: number): FrameHeader | undefined {
  const descriptor = bytes[at++];
  if (descriptor === undefined) return undefined;
  const sizeFlag = descriptor >> 6;
  const singleSegment = (descriptor >> 5) & 1;
  const hasChecksum = ((descriptor >> 2) & 1) === 1;
  const dictionaryIdBytes = [0, 1, 2, 4][descriptor & 3] as number;
  let window = 0;
  if (!singleSegment) {
    const windowDescriptor = bytes[at++];
    if (windowDescriptor === undefined) return undefined;
    const base = 2 ** (10 + (windowDescriptor >> 3));
    window = base + (base / 8) * (windowDescriptor & 7);
  }
  at += dictionaryIdBytes;
  const sizeBytes = sizeFlag === 0 ? singleSegment : 1 << sizeFlag;
  if (at + sizeBytes > bytes.length) return undefined;
  let declared = sizeBytes > 0 ? readLittleEndian(bytes, at, sizeBytes) : 0;
  if (sizeBytes === 2) declared += 256;
  at += sizeBytes;
  if (singleSegment) window = declared;
  return { window, declared, hasChecksum, blocksAt: at };
}

/**
 * The window the first frame of PREFIX (the start of zstd data) asks a decoder to allocate, once
 * PREFIX holds its header; undefined while it does not yet. Throws when PREFIX is not zstd.
 */
export function zstdFirstWindow(prefix: Uint8Array): number | undefined {
  if (prefix.length < 4) return undefined;
  if (u32(prefix, 0) !== ZSTD_MAGIC) throw new Error('not a zstd frame at byte 0');
  return readFrameHeader(prefix, 4)?.window;
}

/** Walks every frame of BYTES (skippable ones included); throws an Error naming the problem when the structure is damaged. */
export function zstdFrameFacts(bytes: Uint8Array): ZstdFrameFacts {
  const facts: ZstdFrameFacts = { maxOutput: 0, maxWindow: 0, maxDeclaredSize: 0 };
  let at = 0;
  while (at < bytes.length) {
    if (at + 4 > bytes.length) throw new Error('truncated frame magic');
    const magic = u32(bytes, at);
    if ((magic & 0xfffffff0) === 0x184d2a50) {
      if (at + 8 > bytes.length) throw new Error('truncated skippable frame');
      at += 8 + u32(bytes, at + 4);
      continue;
    }
    if (magic !== ZSTD_MAGIC) throw new Error(`not a zstd frame at byte ${at}`);
    const frame = readFrameHeader(bytes, at + 4);
    if (!frame) throw new Error('truncated frame header');
    const { window, declared, hasChecksum } = frame;
    at = frame.blocksAt;
    facts.maxWindow = Math.max(facts.maxWindow, window);
    facts.maxDeclaredSize = Math.max(facts.maxDeclaredSize, declared);
    const blockLimit = Math.min(MAX_BLOCK_OUTPUT, window || MAX_BLOCK_OUTPUT);
    for (let last = 0; !last; ) {
      if (at + 3 > bytes.length) throw new Error('truncated block header');
      const header = readLittleEndian(bytes, at, 3);
      at += 3;
      last = header & 1;
      const type = (header >> 1) & 3;
      const size = header >>> 3;
      if (type === 3) throw new Error('reserved block type');
      if (type === 1) {
        facts.maxOutput += size;
        at += 1;
      } else {
        facts.maxOutput += type === 0 ? size : blockLimit;
        at += size;
      }
      if (at > bytes.length) throw new Error('truncated block');
    }
    if (hasChecksum) at += 4;
    if (at > bytes.length) throw new Error('truncated frame checksum');
  }
  return facts;
}
