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

/**
 * The `<file>` elements of each upstream RECORD, which a shadow package must keep because primary.xml's
 * files (`/usr/bin/…`) satisfy file dependencies. From rpm-md content they are copied verbatim, so the
 * shadow primary.xml (and the checksum the manifest gives it) keeps the `type` attributes libsolv drops;
 * from .solv content only the record's file list exists.
 */
export function upstreamFileElements(repos: readonly ImageRepo[], records: readonly PackageRecord[]): (record: PackageRecord) => string[] {
  const verbatim = new Map<string, Map<string, string[]>>();
  for (const r of repos) {
    if (r.loaded.content.kind !== 'rpmmd') continue;
    verbatim.set(r.id, fileElementsByLocation(r.loaded.content.primary, new Set(records.filter((x) => x.repo === r.id).map((x) => x.location))));
  }
  return (record) => verbatim.get(record.repo)?.get(record.location) ?? fileElementsOf(record);
}
