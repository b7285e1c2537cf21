/** The `<file>` elements a shadow package copies from its upstream entry, read from primary.xml or from the resolver's record. */
import type { PackageRecord } from '../../resolve/types.ts';
import { escapeXml } from './primary-xml.ts';
import type { ImageRepo } from './types.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const LOCATION = encoder.encode('<location href="');
const PACKAGE_END = encoder.encode('</package>');
const FILE_ELEMENT = /<file(?:\s[^>]*)?>[^<]*<\/file>/g;

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0] as number;
  for (let i = haystack.indexOf(first, from); i >= 0 && i <= haystack.length - needle.length; i = haystack.indexOf(first, i + 1)) {
    let j = 1;
    while (j < needle.length && haystack[i + j] === needle[j]) j += 1;
    if (j === needle.length) return i;
  }
  return -1;
}

/**
 * The `<file>` elements (escaped, as written) of each package whose `location href` is in LOCATIONS.
 * One pass over the bytes, no full decode.
 */
export function fileElementsByLocation(primary: Uint8Array, locations: ReadonlySet<string>): Map<string, string[]> {
  const wanted = new Map([...locations].map((l) => [escapeXml(l), l]));
  const out = new Map<string, string[]>();
  for (let at = indexOf(primary, LOCATION, 0); at >= 0 && out.size < wanted.size; at = indexOf(primary, LOCATION, at + 1)) {
    const start = at + LOCATION.length;
    const quote = primary.indexOf(0x22, start);
    if (quote < 0) break;
    const location = wanted.get(decoder.decode(primary.subarray(start, quote)));
    if (location === undefined) continue;
    const end = indexOf(primary, PACKAGE_END, quote);
    const body = decoder.decode(primary.subarray(quote, end < 0 ? primary.length : end));
    out.set(location, body.match(FILE_ELEMENT) ?? []);
  }
  return out;
}

/** `<file>` elements rebuilt from the file list libsolv kept; it drops `type="dir"`/`type="ghost"`, which solving never reads. */
export function fileElementsOf(record: PackageRecord): string[] {
  return record.files.map((f) => `<file>${escapeXml(f)}</file>`);
}
