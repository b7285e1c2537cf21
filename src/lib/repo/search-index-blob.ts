/**
 * A search index as one Blob, the way the IndexedDB cache stores it. Chromium read the Debian
 * fixture's index back as a structured value in 83-110 ms whether its ~250,000 strings were separate
 * or joined: the cost is the value's size. A Blob's handle comes back at once and its bytes are
 * decoded in one pass, as for the cached `.solv`.
 *
 * Layout: a little-endian u32 with the header's length, the header (JSON: the list lengths and the
 * byte length of every part), then the typed arrays and the UTF-8 strings in the header's order.
 */
import type { SearchIndexData } from './search-index.ts';

/** The Int32Array fields, in the order they follow the header. */
const INT32_FIELDS = ['nameStarts', 'summaryStarts', 'provideStarts', 'variantStarts'] as const;
/** The string fields, in the order they follow the typed arrays. */
const TEXT_FIELDS = ['nameHay', 'summaryHay', 'provideHay'] as const;
/** The string lists, each stored joined. */
const LIST_FIELDS = ['names', 'summaries', 'variantEvrs', 'variantArches', 'repos'] as const;
/** Joins the lists: package metadata comes from XML or libsolv's C strings, neither of which can hold U+0000. */
const LIST_SEPARATOR = '\u0000';

interface Header {
  blobVersion: 1;
  indexVersion: SearchIndexData['version'];
  /** Byte length of each part after the header, in layout order. */
  parts: number[];
  /** Items in each list of LIST_FIELDS. */
  counts: number[];
}

/** INDEX as one Blob (see the layout above). */
export function searchIndexToBlob(index: SearchIndexData): Blob {
  const encoder = new TextEncoder();
  const arrays = [...INT32_FIELDS.map((field) => index[field]), index.variantRepos];
  const texts = [...TEXT_FIELDS.map((field) => index[field]), ...LIST_FIELDS.map((field) => index[field].join(LIST_SEPARATOR))].map((text) => encoder.encode(text));
  const header: Header = { blobVersion: 1, indexVersion: index.version, parts: [...arrays, ...texts].map((part) => part.byteLength), counts: LIST_FIELDS.map((field) => index[field].length) };
  const headerBytes = encoder.encode(JSON.stringify(header));
  const prefix = new Uint8Array(4);
  new DataView(prefix.buffer).setUint32(0, headerBytes.byteLength, true);
  return new Blob([prefix, headerBytes, ...arrays, ...texts] as BlobPart[]);
}

function isHeader(value: unknown, parts: number): value is Header {
  const header = value as Partial<Header> | null;
  return (
    typeof header === 'object' && header !== null && header.blobVersion === 1 && header.indexVersion === 1 &&
    Array.isArray(header.parts) && header.parts.length === parts && header.parts.every((n) => Number.isInteger(n) && n >= 0) &&
    Array.isArray(header.counts) && header.counts.length === LIST_FIELDS.length && header.counts.every((n) => Number.isInteger(n) && n >= 0)
  );
}

/** The index BLOB holds; undefined when it is not one this version wrote (the index is then built again). */
export async function searchIndexFromBlob(blob: Blob): Promise<SearchIndexData | undefined> {
  const buffer = await blob.arrayBuffer();
  if (buffer.byteLength < 4) return undefined;
  const headerLength = new DataView(buffer).getUint32(0, true);
  if (4 + headerLength > buffer.byteLength) return undefined;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let header: unknown;
  try {
    header = JSON.parse(decoder.decode(new Uint8Array(buffer, 4, headerLength)));
  } catch {
    return undefined;
  }
  const partCount = INT32_FIELDS.length + 1 + TEXT_FIELDS.length + LIST_FIELDS.length;
  if (!isHeader(header, partCount) || 4 + headerLength + header.parts.reduce((a, b) => a + b, 0) !== buffer.byteLength) return undefined;
  const { parts, counts } = header;
  let offset = 4 + headerLength;
  let partIndex = 0;
  // a view of each part: the strings are decoded straight from the buffer, the typed arrays copied out (aligned)
  const next = (): Uint8Array => {
    const length = parts[partIndex++] as number;
    const part = new Uint8Array(buffer, offset, length);
    offset += length;
    return part;
  };
  const int32 = INT32_FIELDS.map(() => next());
  const repos16 = next();
  if (int32.some((part) => part.byteLength % 4 !== 0) || repos16.byteLength % 2 !== 0) return undefined;
  let texts: string[];
  try {
    texts = [...TEXT_FIELDS, ...LIST_FIELDS].map(() => decoder.decode(next()));
  } catch {
    return undefined;
  }
  const lists = LIST_FIELDS.map((_, i) => (counts[i] === 0 ? [] : (texts[TEXT_FIELDS.length + i] as string).split(LIST_SEPARATOR)));
  if (lists.some((list, i) => list.length !== counts[i])) return undefined;
  const [nameStarts, summaryStarts, provideStarts, variantStarts] = int32.map((part) => new Int32Array(part.slice().buffer)) as [Int32Array, Int32Array, Int32Array, Int32Array];
  const [nameHay, summaryHay, provideHay] = texts as [string, string, string];
  const [names, summaries, variantEvrs, variantArches, repos] = lists as [string[], string[], string[], string[], string[]];
  return { version: 1, names, summaries, nameHay, nameStarts, summaryHay, summaryStarts, provideHay, provideStarts, variantStarts, variantEvrs, variantArches, variantRepos: new Uint16Array(repos16.slice().buffer), repos };
}
