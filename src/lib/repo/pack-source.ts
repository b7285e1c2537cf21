/** Loading a metadata pack over HTTP: `pack.json`, then every file it lists, each checked against its sha256 before anything is used. */
import type { CompsModel } from './comps.ts';
import type { Advisory } from './updateinfo.ts';
import { digestHex } from './checksum.ts';
import { fail, ok, type RepoResult } from './errors.ts';
import { fetchBytes } from './fetch-bytes.ts';
import { lazyRepoFile } from './load-repo.ts';
import { decompressFile, magicCompression } from './decompress.ts';
import { compsFromJson, PACK_FILES, PACK_FORMAT, PACK_VERSION, searchIndexFromJson, SOLV_FORMAT_VERSION, solvFormatVersion, type PackFileEntry, type PackIndex, type PackRepomdFacts } from './pack-format.ts';
import type { RepoFacts } from './repo-cache.ts';
import type { SearchIndexData } from './search-index.ts';
import type { LazyRepoFile, RepoSourceKind } from './types.ts';
import { createUrlReader, type FetchRepoOptions } from './url-source.ts';

/** `pack.json` is small; anything larger is not one. */
const MAX_INDEX_BYTES = 1024 * 1024;

/** A pack read and verified: what the cache keeps for a repository, plus the lazily read filelists. */
export interface LoadedPack {
  index: PackIndex;
  facts: RepoFacts;
  solv: Uint8Array;
  /** Fetches and checks the pack's search index; read on the first search, not with the pool. */
  searchIndex: () => Promise<RepoResult<SearchIndexData>>;
  comps?: CompsModel;
  /** The repository's updateinfo read into advisories, when it has one. */
  advisories?: Advisory[];
  filelists?: LazyRepoFile;
}

/** Who is loading the pack: the identity and label it is cached and listed under. */
export interface PackContext {
  identity: string;
  source: RepoSourceKind;
  label?: string;
  /** The ABI version of the resolver that will load the pack (`Resolver.version.abiVersion`). */
  abiVersion: number;
  /** The ABIs whose packs that resolver reads (their .solv is the same); a pack made by another is refused. Defaults to `abiVersion` alone. */
  readableAbiVersions?: readonly number[];
  /** The repository root the metadata describes (configured repository URLs are matched against it); defaults to the pack's source when that is a URL. */
  baseUrl?: string;
}

const badPack = (url: string, what: string) => fail<never>('repo/bad-pack', `${url} is not a metadata pack this playground can read: ${what}.`, 'Make the pack again with azl-playground pack (see the README), and serve the whole folder.');

/** The most a packed file may unpack to (a Fedora-sized .solv or search index is a few hundred MB at most). */
const MAX_OPEN_BYTES = 1024 * 1024 * 1024;

function isEntry(v: unknown): v is PackFileEntry {
  const e = v as { sha256?: unknown; size?: unknown; openSize?: unknown } | null;
  const sha = (x: unknown) => typeof x === 'string' && /^[0-9a-f]{64}$/.test(x);
  if (!e || !sha(e.sha256) || !Number.isSafeInteger(e.size)) return false;
  const { openSize, openSha256 } = e as { openSize?: unknown; openSha256?: unknown };
  return openSize === undefined || (Number.isSafeInteger(openSize) && (openSize as number) <= MAX_OPEN_BYTES && sha(openSha256));
}

/** Checks `pack.json`'s shape; the message says what is wrong. */
function checkIndex(raw: unknown): string | undefined {
  const p = raw as Partial<PackIndex> | null;
  if (!p || typeof p !== 'object') return 'pack.json is not a JSON object';
  if (p.format !== PACK_FORMAT) return `pack.json's format is ${JSON.stringify(p.format)}, not "${PACK_FORMAT}"`;
  if (typeof p.version !== 'number') return 'pack.json has no version';
  if (typeof p.id !== 'string' || typeof p.label !== 'string' || typeof p.source !== 'string' || typeof p.rebuild !== 'string') return 'pack.json lacks its id, label, source or rebuild command';
  if (!p.solv || typeof p.solv.formatVersion !== 'number' || typeof p.solv.libsolv !== 'string' || typeof p.solv.abiVersion !== 'number') return 'pack.json does not say which .solv format and resolver ABI it holds';
  if (!p.files || typeof p.files !== 'object' || !Object.values(p.files).every(isEntry)) return 'pack.json does not list its files with sha256 and size';
  for (const name of [PACK_FILES.solv, PACK_FILES.search, PACK_FILES.repomd]) if (!p.files[name]) return `pack.json does not list ${name}`;
  if (Object.keys(p.files).some((name) => !/^[A-Za-z0-9._-]+$/.test(name))) return 'pack.json lists a file outside the pack folder';
  return undefined;
}

/**
 * Reads the pack at URL (its folder, or its pack.json): the index, then every file it lists,
 * refusing the whole pack on a size or sha256 mismatch, a layout or `.solv` format this code does
 * not read (saying which command rebuilds it), or unreadable contents.
 */
export async function loadPack(url: string, ctx: PackContext, options: FetchRepoOptions): Promise<RepoResult<LoadedPack>> {
  const indexUrl = url.endsWith(`/${PACK_FILES.index}`) ? url : new URL(PACK_FILES.index, url.replace(/\/?$/, '/')).href;
  const folder = new URL('.', indexUrl).href;
  const net = { fetch: options.fetch, ...(options.signal ? { signal: options.signal } : {}), ...(options.appOrigin ? { appOrigin: options.appOrigin } : {}) };
  const indexRead = await fetchBytes(indexUrl, net);
  if (!indexRead.ok) return indexRead;
  if (indexRead.value.bytes.length > MAX_INDEX_BYTES) return badPack(indexUrl, 'pack.json is larger than an index can be');
  let index: PackIndex;
  try {
    index = JSON.parse(new TextDecoder().decode(indexRead.value.bytes)) as PackIndex;
  } catch {
    return badPack(indexUrl, 'pack.json is not JSON');
  }
  const wrong = checkIndex(index);
  if (wrong) return badPack(indexUrl, wrong);
  if (index.version !== PACK_VERSION || index.solv.formatVersion !== SOLV_FORMAT_VERSION || !(ctx.readableAbiVersions ?? [ctx.abiVersion]).includes(index.solv.abiVersion)) {
    return fail(
      'repo/pack-version',
      `${indexUrl} was made as pack v${index.version} with .solv format v${index.solv.formatVersion} by resolver ABI ${index.solv.abiVersion} (libsolv ${index.solv.libsolv}); this playground reads pack v${PACK_VERSION} with .solv format v${SOLV_FORMAT_VERSION} from resolver ABI ${ctx.abiVersion}.`,
      `Make the pack again with this playground's command line: ${index.rebuild}`,
    );
  }

  // Every file is fetched at once (a pack is a handful of files on one server); the first failure in name order is reported.
  const readFile = async (name: string, entry: PackFileEntry): Promise<RepoResult<Uint8Array>> => {
    const fileUrl = new URL(name, folder).href;
    const read = await fetchBytes(fileUrl, { ...net, expectedSize: entry.size, ...(options.onProgress ? { onProgress: (loaded: number, total: number | undefined) => options.onProgress?.({ type: 'pack', file: name, loaded, ...(total !== undefined ? { total } : {}) }) } : {}) });
    if (!read.ok) return read;
    const got = read.value.bytes;
    if (entry.openSize !== undefined && got.length === entry.openSize && magicCompression(got) !== 'gzip') {
      // the server sent the .gz file with Content-Encoding: gzip and the browser unpacked it
      const openSha = await digestHex('sha256', got);
      if (openSha !== entry.openSha256) return fail('repo/checksum-mismatch', `${fileUrl}: sha256 of the unpacked file is ${openSha}, but pack.json says ${entry.openSha256}; the pack was refused.`, 'A file of the pack was changed or damaged after it was made; make the pack again, or copy the whole folder again.');
      return ok(got);
    }
    if (got.length !== entry.size) return fail('repo/size-mismatch', `${fileUrl}: got ${got.length} bytes, but pack.json says ${entry.size}; the pack was refused.`, 'The pack is incomplete on the server (an interrupted upload?); copy the whole folder again.');
    const sha = await digestHex('sha256', got);
    if (sha !== entry.sha256) return fail('repo/checksum-mismatch', `${fileUrl}: sha256 is ${sha}, but pack.json says ${entry.sha256}; the pack was refused.`, 'A file of the pack was changed or damaged after it was made; make the pack again, or copy the whole folder again.');
    if (entry.openSize === undefined) return ok(got);
    const opened = await decompressFile(name, got, entry.openSize);
    if (!opened.ok) return opened;
    if (opened.value.bytes.length !== entry.openSize) return badPack(indexUrl, `${name} unpacks to ${opened.value.bytes.length} bytes, not the ${entry.openSize} pack.json says`);
    return ok(opened.value.bytes);
  };
  // the search index (as big as the .solv) waits for the first search; the provenance note is for people
  const later = new Set<string>([PACK_FILES.search, PACK_FILES.provenance]);
  const entries = Object.entries(index.files).filter(([name]) => !later.has(name)).sort(([a], [b]) => (a < b ? -1 : 1));
  const reads = await Promise.all(entries.map(([name, entry]) => readFile(name, entry)));
  const bytes = new Map<string, Uint8Array>();
  for (const [i, read] of reads.entries()) {
    if (!read.ok) return read;
    bytes.set(entries[i]![0], read.value);
  }

  const solv = bytes.get(PACK_FILES.solv) as Uint8Array;
  const solvVersion = solvFormatVersion(solv);
  if (solvVersion !== SOLV_FORMAT_VERSION)
    return fail('repo/pack-version', `${new URL(PACK_FILES.solv, folder).href} is ${solvVersion === undefined ? 'not a .solv file' : `.solv format v${solvVersion}`}; this playground reads v${SOLV_FORMAT_VERSION}.`, `Make the pack again: ${index.rebuild}`);
  const text = (name: string) => new TextDecoder().decode(bytes.get(name));
  const searchEntry = index.files[PACK_FILES.search];
  if (!searchEntry) return badPack(indexUrl, `it lists no ${PACK_FILES.search}`);
  const searchIndex = async (): Promise<RepoResult<SearchIndexData>> => {
    const read = await readFile(PACK_FILES.search, searchEntry);
    if (!read.ok) return read;
    const parsed = searchIndexFromJson(new TextDecoder().decode(read.value));
    return parsed ? ok(parsed) : badPack(indexUrl, `${PACK_FILES.search} is not a search index`);
  };
  let comps: CompsModel | undefined;
  if (bytes.has(PACK_FILES.comps)) {
    comps = compsFromJson(text(PACK_FILES.comps));
    if (!comps) return badPack(indexUrl, `${PACK_FILES.comps} is not a comps model`);
  }
  let advisories: Advisory[] | undefined;
  if (bytes.has(PACK_FILES.advisories)) {
    try {
      advisories = JSON.parse(text(PACK_FILES.advisories)) as Advisory[];
      if (!Array.isArray(advisories) || !advisories.every((a) => typeof a?.id === 'string' && Array.isArray(a.packages))) throw new Error('shape');
    } catch {
      return badPack(indexUrl, `${PACK_FILES.advisories} is not a list of advisories`);
    }
  }
  let repomd: PackRepomdFacts;
  try {
    repomd = JSON.parse(text(PACK_FILES.repomd)) as PackRepomdFacts;
    if (typeof repomd.revision !== 'string' || !/^[0-9a-f]{64}$/.test(repomd.repomdSha256) || !Array.isArray(repomd.data)) throw new Error('shape');
  } catch {
    return badPack(indexUrl, `${PACK_FILES.repomd} does not hold repomd facts`);
  }

  const facts: RepoFacts = {
    identity: ctx.identity,
    source: ctx.source,
    label: ctx.label ?? index.label,
    ...(ctx.baseUrl ? { baseUrl: ctx.baseUrl } : /^https?:\/\//.test(index.source) ? { baseUrl: index.source.replace(/\/?$/, '/') } : {}),
    revision: repomd.revision,
    repomdChecksum: repomd.repomdSha256,
    fetchedAt: (options.now ?? Date.now)(),
    files: repomd.data.map((d) => ({ type: d.type, href: d.href, ...(d.size !== undefined ? { size: d.size } : {}), ...(d.openSize !== undefined ? { openSize: d.openSize } : {}), ...(d.timestamp !== undefined ? { timestamp: d.timestamp } : {}) })),
    ...(repomd.packageCount !== undefined ? { packageCount: repomd.packageCount } : {}),
  };
  const loaded: LoadedPack = { index, facts, solv, searchIndex, ...(comps ? { comps } : {}), ...(advisories ? { advisories } : {}) };
  // the filelists are the repository's own file, checked against its repomd checksums when read
  if (index.filelists) loaded.filelists = lazyRepoFile(createUrlReader(folder, options), { ...index.filelists.entry, href: index.filelists.file }, options.onProgress);
  return ok(loaded);
}
