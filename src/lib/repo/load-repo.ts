/** The source-independent part of loading a repository: repomd.xml, then each file it names, verified and decompressed. */
import { verifyChecksum, digestHex } from './checksum.ts';
import { localIdentity } from './identity.ts';
import { parseComps } from './comps.ts';
import { decompressFile, isStreamedCompression, magicCompression } from './decompress.ts';
import { fail, ok, type RepoResult } from './errors.ts';
import { MAX_DECLARED_SIZE, openSizeLimit } from './size-limit.ts';
import { looksLikeHtml } from './xml.ts';
import { parseRepomd, type Checksum, type RepomdData, type RepomdInfo } from './repomd.ts';
import type { LazyRepoFile, LoadedRepoFiles, RepoFileReader, RepoLoadProgress, RepoSourceKind } from './types.ts';

/** Where repomd.xml lives relative to the repository root. */
export const REPOMD_HREF = 'repodata/repomd.xml';

/** repomd.xml lists a handful of files in a few KB; a server sending more than this is not sending one. */
const MAX_REPOMD_BYTES = 16 * 1024 * 1024;

/** Comps variants in order of preference: smallest download first, plain XML last. */
const COMPS_TYPES = ['group_zst', 'group_xz', 'group_gz', 'group'];
const UPDATEINFO_TYPES = ['updateinfo_zst', 'updateinfo_xz', 'updateinfo'];

/** Who is loading and how: identity facts, progress, and (from a metalink) the repomd.xml checksums to trust. */
export interface LoadRepoContext {
  source: RepoSourceKind;
  label: string;
  /** Defaults to `local:<sha256 of repomd.xml>`, a content identity. */
  identity?: string;
  baseUrl?: string;
  mirrorSource?: string;
  /** repomd.xml must match one of these when given (metalink `<hash>` and alternates). */
  repomdChecksums?: Checksum[];
  onProgress?: (progress: RepoLoadProgress) => void;
  now?: () => number;
}

function fileName(href: string): string {
  return href.slice(href.lastIndexOf('/') + 1);
}

function isAbsent(result: RepoResult<unknown>): boolean {
  return !result.ok && (result.error.code === 'repo/file-missing' || result.error.code === 'repo/http-not-found');
}

/**
 * Some static servers send `file.xml.gz` with `Content-Encoding: gzip`, and the browser then hands
 * over the decompressed XML. Such bytes are accepted only when their length is repomd's open-size
 * and they match its open-checksum, so nothing unverified gets through.
 */
async function acceptTransportDecoded(name: string, stored: Uint8Array, entry: RepomdData): Promise<RepoResult<{ bytes: Uint8Array; storedSize: number }> | undefined> {
  if (!entry.openChecksum || entry.openSize === undefined || entry.size === undefined) return undefined;
  if (stored.length === entry.size || stored.length !== entry.openSize || magicCompression(stored) !== 'none') return undefined;
  const verified = await verifyChecksum(name, stored, entry.openChecksum, 'open');
  return verified.ok ? ok({ bytes: stored, storedSize: stored.length }) : undefined;
}

/** Reads one repomd entry: size, checksum of the bytes as stored, decompression, then open-checksum; any mismatch refuses the file. */
export async function readVerifiedFile(
  reader: RepoFileReader,
  entry: RepomdData,
  onProgress?: (progress: RepoLoadProgress) => void,
): Promise<RepoResult<{ bytes: Uint8Array; storedSize: number }>> {
  const name = fileName(entry.href);
  const declared = Math.max(entry.size ?? 0, entry.openSize ?? 0);
  if (declared > MAX_DECLARED_SIZE) {
    return fail(
      'repo/too-large',
      `${name}: repomd.xml says it is ${declared} bytes, more than the ${MAX_DECLARED_SIZE / 2 ** 30} GiB the playground can hold; it was not downloaded.`,
      'No rpm-md file is that large; the repomd.xml is damaged or hostile. Use another mirror.',
    );
  }
  // A server may send the file already decompressed (see acceptTransportDecoded), so the larger declared size bounds the download.
  const read = await reader.read(entry.href, (loaded, total) => onProgress?.({ type: entry.type, file: name, loaded, total }), entry.size, entry.size === undefined && entry.openSize === undefined ? undefined : openSizeLimit(declared));
  if (!read.ok) return read;
  const stored = read.value;
  const decoded = await acceptTransportDecoded(name, stored, entry);
  if (decoded) return decoded;
  if (entry.size !== undefined && stored.length !== entry.size && looksLikeHtml(new TextDecoder().decode(stored.subarray(0, 1024)))) {
    return fail(
      'repo/html-not-xml',
      `${name}: the server sent an HTML page instead of this file.`,
      'The mirror answered with an error or login page; check the URL, or try another mirror.',
    );
  }
  if (entry.size !== undefined && stored.length !== entry.size) {
    const kind = stored.length < entry.size ? 'incomplete' : 'longer than expected';
    return fail(
      'repo/size-mismatch',
      `${name}: got ${stored.length} bytes, but repomd.xml says ${entry.size}; the file is ${kind} and was refused.`,
      'The download was cut off, or the mirror is mid-sync; try again or use another mirror.',
    );
  }
  onProgress?.({ type: entry.type, file: name, loaded: stored.length, total: stored.length, step: 'verify' });
  const verified = await verifyChecksum(name, stored, entry.checksum, 'compressed');
  if (!verified.ok) return verified;
  onProgress?.({ type: entry.type, file: name, loaded: stored.length, total: stored.length, step: 'decompress' });
  const early = await reader.opened?.(entry.href, stored);
  // the streamed parse decodes gzip, zstd and xz as they arrive; its bytes still face the open-checksum below
  const format = magicCompression(stored);
  const tapped = isStreamedCompression(format);
  const opened = early && tapped && early.length <= openSizeLimit(entry.openSize) ? ok({ bytes: early, format }) : await decompressFile(name, stored, entry.openSize);
  if (!opened.ok) return opened;
  if (entry.openChecksum && opened.value.format !== 'none') {
    const openVerified = await verifyChecksum(name, opened.value.bytes, entry.openChecksum, 'open');
    if (!openVerified.ok) return openVerified;
  }
  return ok({ bytes: opened.value.bytes, storedSize: stored.length });
}

function readPackageCount(primary: Uint8Array): number | undefined {
  const head = new TextDecoder().decode(primary.subarray(0, 4096));
  const match = /<metadata\b[^>]*\bpackages="(\d+)"/.exec(head);
  return match ? Number(match[1]) : undefined;
}

/** A repomd file read, verified and decompressed only when asked for (filelists), through READER. */
export function lazyRepoFile(reader: RepoFileReader, entry: RepomdData, onProgress?: (p: RepoLoadProgress) => void): LazyRepoFile {
  let loaded: Promise<RepoResult<Uint8Array>> | undefined;
  const file: LazyRepoFile = {
    type: entry.type,
    href: entry.href,
    load() {
      // Memoise success only, so a failed download can be retried.
      loaded ??= readVerifiedFile(reader, entry, onProgress).then((r) => {
        if (!r.ok) loaded = undefined;
        return r.ok ? ok(r.value.bytes) : r;
      });
      return loaded;
    },
  };
  if (entry.size !== undefined) file.size = entry.size;
  if (entry.openSize !== undefined) file.openSize = entry.openSize;
  return file;
}

async function checkMetalinkHashes(repomdBytes: Uint8Array, expected: Checksum[]): Promise<RepoResult<true>> {
  for (const hash of expected) {
    if ((await digestHex(hash.type, repomdBytes)) === hash.value.toLowerCase()) return ok(true);
  }
  return fail(
    'repo/metalink-mismatch',
    'repomd.xml from the chosen mirror matches none of the checksums the metalink lists; the mirror is stale or was tampered with.',
    'Try again later (mirrors catch up), or use a different mirror or the baseurl directly.',
  );
}

/** First present variant of an optional type; missing variants are skipped with a note, damaged ones fail. */
async function readOptional(
  reader: RepoFileReader,
  repomd: RepomdInfo,
  types: string[],
  notes: string[],
  onProgress?: (p: RepoLoadProgress) => void,
): Promise<RepoResult<{ bytes: Uint8Array; type: string; storedSize: number } | undefined>> {
  for (const type of types) {
    const entry = repomd.data[type];
    if (!entry) continue;
    const read = await readVerifiedFile(reader, entry, onProgress);
    if (read.ok) return ok({ ...read.value, type });
    if (!isAbsent(read)) return read;
    notes.push(`${type} (${fileName(entry.href)}) is listed in repomd.xml but not present; skipped.`);
  }
  return ok(undefined);
}

/** Loads a repository through `reader`: everything eager is verified before anything is returned, so no partial result exists. */
export async function loadRepoFiles(reader: RepoFileReader, ctx: LoadRepoContext): Promise<RepoResult<LoadedRepoFiles>> {
  const onProgress = ctx.onProgress;
  const repomdRead = await reader.read(REPOMD_HREF, (loaded, total) => onProgress?.({ type: 'repomd', file: 'repomd.xml', loaded, total }), undefined, MAX_REPOMD_BYTES);
  if (!repomdRead.ok) {
    if (repomdRead.error.code === 'repo/file-missing') {
      return fail('repo/no-repomd', `No repodata/repomd.xml in ${ctx.label}.`, 'Give the repository root (the folder that contains repodata/), the repodata/ folder itself, or an archive of either.');
    }
    return repomdRead;
  }
  const repomdBytes = repomdRead.value;
  if (ctx.repomdChecksums?.length) {
    const trusted = await checkMetalinkHashes(repomdBytes, ctx.repomdChecksums);
    if (!trusted.ok) return trusted;
  }
  const parsed = parseRepomd(new TextDecoder().decode(repomdBytes));
  if (!parsed.ok) return parsed;
  const repomd = parsed.value;
  const repomdChecksum = (await digestHex('sha256', repomdBytes)) as string;
  const notes: string[] = [];

  const primaryEntry = repomd.data.primary as RepomdData;
  // comps and updateinfo download beside primary.xml, so a mirror's round trips for them (and, with a
  // streamed parse, their download) hide behind it; their progress shows once primary.xml is in, so
  // the status does not flicker between files, and their notes keep repomd's order
  let primaryIn = false;
  const optionalProgress = onProgress && ((p: RepoLoadProgress) => void (primaryIn && onProgress(p)));
  const compsNotes: string[] = [];
  const updateNotes: string[] = [];
  const compsReading = readOptional(reader, repomd, COMPS_TYPES, compsNotes, optionalProgress);
  const updateReading = readOptional(reader, repomd, UPDATEINFO_TYPES, updateNotes, optionalProgress);
  // when primary.xml fails, nobody awaits them
  for (const reading of [compsReading, updateReading]) reading.catch(() => undefined);
  const primary = await readVerifiedFile(reader, primaryEntry, onProgress);
  primaryIn = true;
  if (!primary.ok) return primary;
  let downloadedBytes = repomdBytes.length + primary.value.storedSize;

  const compsRead = await compsReading;
  notes.push(...compsNotes);
  if (!compsRead.ok) return compsRead;
  let comps: LoadedRepoFiles['comps'];
  if (compsRead.value) {
    const compsEntry = repomd.data[compsRead.value.type] as RepomdData;
    const model = parseComps(new TextDecoder().decode(compsRead.value.bytes), fileName(compsEntry.href));
    if (!model.ok) return model;
    comps = model.value;
    downloadedBytes += compsRead.value.storedSize;
  }

  const updateRead = await updateReading;
  notes.push(...updateNotes);
  if (!updateRead.ok) return updateRead;
  if (updateRead.value) downloadedBytes += updateRead.value.storedSize;

  if (repomd.data.modules) notes.push('modules (module streams) is ignored: the playground does not model modularity, so modular packages count as ordinary ones.');

  const result: LoadedRepoFiles = {
    info: {
      identity: ctx.identity ?? localIdentity(repomdChecksum),
      source: ctx.source,
      label: ctx.label,
      repomd,
      repomdChecksum,
      revision: repomd.revision,
      fetchedAt: (ctx.now ?? Date.now)(),
      downloadedBytes,
    },
    primary: primary.value.bytes,
    notes,
  };
  const packageCount = readPackageCount(primary.value.bytes);
  if (packageCount !== undefined) result.info.packageCount = packageCount;
  if (ctx.baseUrl) result.info.baseUrl = ctx.baseUrl;
  if (ctx.mirrorSource) result.info.mirrorSource = ctx.mirrorSource;
  if (repomd.data.filelists) result.filelists = lazyRepoFile(reader, repomd.data.filelists, onProgress);
  if (updateRead.value) result.updateinfo = updateRead.value.bytes;
  if (comps) result.comps = comps;
  return ok(result);
}
