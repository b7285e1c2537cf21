/**
 * Metadata packs: one repository as the browser needs it, so nothing is parsed from XML.
 * A pack is a folder: `repo.solv.gz` (libsolv's pool of the repository), `search.json.gz` (the
 * search index), `comps.json`, `advisories.json.gz` (its updateinfo read into advisories, when it has one) (the comps model, when the repository has one), `repomd.json` (repomd
 * facts: revision, each file's checksums and timestamp), `PROVENANCE.md`, optionally the
 * repository's own compressed filelists (read only when a requested path needs them, as dnf5
 * does), and `pack.json`, the index, with the sha256 and size of every other file.
 */
import type { CompsModel } from './comps.ts';
import type { RepomdData } from './repomd.ts';
import type { SearchIndexData } from './search-index.ts';

/** `pack.json`'s `format`. */
export const PACK_FORMAT = 'azl-playground-pack';
/** The pack layout this code writes and reads. */
export const PACK_VERSION = 1;
/** The `.solv` format libsolv 0.7.23 writes (`SOLV_VERSION_8`); a pack with another one is refused. */
export const SOLV_FORMAT_VERSION = 8;

/** File names inside a pack. */
export const PACK_FILES = { index: 'pack.json', solv: 'repo.solv.gz', search: 'search.json.gz', comps: 'comps.json', advisories: 'advisories.json.gz', repomd: 'repomd.json', provenance: 'PROVENANCE.md' } as const;

/**
 * One file of a pack as `pack.json` lists it: the sha256 and size as stored, and for a `.gz` file
 * its size and sha256 unpacked (servers that send `.gz` files with `Content-Encoding: gzip` hand the
 * page the unpacked bytes, which are then checked against those).
 */
export interface PackFileEntry {
  sha256: string;
  size: number;
  openSize?: number;
  openSha256?: string;
}

/** `repomd.json`: what repomd.xml said, and the sha256 of repomd.xml itself (the cache key and the share-link metadata). */
export interface PackRepomdFacts {
  revision: string;
  /** sha256 of repomd.xml as the source served it. */
  repomdSha256: string;
  /** Every `<data>` entry of repomd.xml: type, href, checksums, sizes, timestamp. */
  data: RepomdData[];
  /** `packages="N"` of primary.xml. */
  packageCount?: number;
}

/** `pack.json`. */
export interface PackIndex {
  format: typeof PACK_FORMAT;
  version: number;
  /** The repository id the pack was made under (a pool id; loaders may use another). */
  id: string;
  label: string;
  /** Where the metadata was read from, as given to `azl-playground pack`. */
  source: string;
  /**
   * The `.solv`'s format, the libsolv that wrote it, and the resolver glue's ABI version: the glue
   * decides what goes into the .solv (such as the file provides it records), so a pack is read only
   * by a resolver of the same ABI.
   */
  solv: { formatVersion: number; libsolv: string; abiVersion: number; solvables: number };
  /** The command that makes this pack again (shown when a pack must be rebuilt). */
  rebuild: string;
  /** The repository's compressed filelists kept in the pack: its file name there, and its repomd entry. */
  filelists?: { file: string; entry: RepomdData };
  /** Every other file of the pack, by name. */
  files: Record<string, PackFileEntry>;
}

/** The `.solv` format version in the header of BYTES (`SOLV` + big-endian version), or undefined when they are not a .solv. */
export function solvFormatVersion(bytes: Uint8Array): number | undefined {
  if (bytes.length < 8 || bytes[0] !== 0x53 || bytes[1] !== 0x4f || bytes[2] !== 0x4c || bytes[3] !== 0x56) return undefined;
  return new DataView(bytes.buffer, bytes.byteOffset, 8).getUint32(4);
}

type ArrayKey = 'nameStarts' | 'summaryStarts' | 'provideStarts' | 'variantStarts' | 'variantRepos';
const INT32_KEYS: ArrayKey[] = ['nameStarts', 'summaryStarts', 'provideStarts', 'variantStarts'];

/** The search index as JSON text (typed arrays as plain arrays). */
export function searchIndexToJson(index: SearchIndexData): string {
  const plain: Record<string, unknown> = { ...index };
  for (const key of [...INT32_KEYS, 'variantRepos'] as const) plain[key] = Array.from(index[key]);
  return JSON.stringify(plain);
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
const isIntArray = (v: unknown): v is number[] => Array.isArray(v) && v.every((n) => Number.isInteger(n));

/** The search index from `search.json`'s text; undefined when it is not one (the pack is then refused). */
export function searchIndexFromJson(text: string): SearchIndexData | undefined {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (raw['version'] !== 1) return undefined;
  for (const key of ['names', 'summaries', 'variantEvrs', 'variantArches', 'repos']) if (!isStringArray(raw[key])) return undefined;
  for (const key of ['nameHay', 'summaryHay', 'provideHay']) if (typeof raw[key] !== 'string') return undefined;
  for (const key of [...INT32_KEYS, 'variantRepos']) if (!isIntArray(raw[key])) return undefined;
  const index = raw as unknown as SearchIndexData & Record<ArrayKey, unknown>;
  return {
    ...index,
    nameStarts: Int32Array.from(raw['nameStarts'] as number[]),
    summaryStarts: Int32Array.from(raw['summaryStarts'] as number[]),
    provideStarts: Int32Array.from(raw['provideStarts'] as number[]),
    variantStarts: Int32Array.from(raw['variantStarts'] as number[]),
    variantRepos: Uint16Array.from(raw['variantRepos'] as number[]),
  };
}

/** The comps model from `comps.json`'s text; undefined when it is not one. */
export function compsFromJson(text: string): CompsModel | undefined {
  try {
    const model = JSON.parse(text) as CompsModel;
    return Array.isArray(model.groups) && Array.isArray(model.environments) ? model : undefined;
  } catch {
    return undefined;
  }
}
