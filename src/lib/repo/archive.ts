/** Unpacking `.tar`, `.tar.gz` and `.zip` archives of repository metadata into plain files (fflate, nanotar). */
import { decompressFile, tooLarge } from './decompress.ts';
import { DecompressedTooLarge, UNDECLARED_SIZE_CAP } from './size-limit.ts';
import { fail, ok, type RepoResult } from './errors.ts';

/** A file given by the user: a path relative to what was dropped (folder drops keep their structure) and its content. */
export interface LocalFile {
  path: string;
  data: Uint8Array | Blob;
}

/** A local file with its bytes read. */
export interface LocalFileBytes {
  path: string;
  bytes: Uint8Array;
}

/** The archive formats accepted for a dropped repository. */
export type ArchiveKind = 'zip' | 'tar' | 'tar.gz';

function isTar(bytes: Uint8Array): boolean {
  // POSIX and GNU tar both write "ustar" at offset 257 of the first header.
  return bytes.length >= 262 && String.fromCharCode(...bytes.subarray(257, 262)) === 'ustar';
}

/** Names the archive kind of a file from its magic bytes and name; undefined for anything else (metadata files included). */
export function detectArchive(path: string, bytes: Uint8Array): ArchiveKind | undefined {
  const lower = path.toLowerCase();
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'zip';
  if (isTar(bytes)) return 'tar';
  if (lower.endsWith('.tar.gz') || lower.endsWith('.tgz')) return 'tar.gz';
  if (lower.endsWith('.zip')) return 'zip';
  if (lower.endsWith('.tar')) return 'tar';
  return undefined;
}

/** Whether an archive member's name leaves the archive's root (`../x`, `/x`): such an archive was made to write elsewhere. */
function escapesArchive(name: string): boolean {
  const parts: string[] = [];
  if (name.startsWith('/') || /^[A-Za-z]:[\\/]/.test(name)) return true;
  for (const part of name.split(/[\\/]/)) {
    if (part === '..') {
      if (parts.length === 0) return true;
      parts.pop();
    } else if (part !== '' && part !== '.') parts.push(part);
  }
  return false;
}

function unsafeMember(path: string, kind: string, member: string, what: string): RepoResult<never> {
  return fail('repo/bad-archive', `${path}: member "${member}" ${what}; the ${kind} archive was refused.`, 'Archives of repository metadata hold plain files under one folder; create the archive again from the repodata/ folder.');
}

function badArchive(path: string, kind: string, reason: string): RepoResult<never> {
  return fail('repo/bad-archive', `${path}: could not read this ${kind} archive (${reason}).`, 'The archive is damaged or incomplete; create it again, or drop the repodata/ folder itself.');
}

/** Unpacks one archive into its regular files, paths as stored in the archive (the unpackers are imported on first use). */
export async function unpackArchive(path: string, bytes: Uint8Array, kind: ArchiveKind): Promise<RepoResult<LocalFileBytes[]>> {
  if (kind === 'zip') {
    const { unzipSync } = await import('fflate');
    try {
      // The declared sizes bound fflate's output buffers, so refusing large declarations bounds memory.
      let declared = 0;
      const entries = unzipSync(bytes, {
        filter(file) {
          declared += file.originalSize;
          if (declared > UNDECLARED_SIZE_CAP) throw new DecompressedTooLarge(UNDECLARED_SIZE_CAP);
          return true;
        },
      });
      const escaping = Object.keys(entries).find(escapesArchive);
      if (escaping !== undefined) return unsafeMember(path, 'zip', escaping, 'points outside the archive');
      return ok(Object.entries(entries).filter(([name]) => !name.endsWith('/')).map(([name, data]) => ({ path: name, bytes: data })));
    } catch (err) {
      if (err instanceof DecompressedTooLarge) return tooLarge(path, err.limit, undefined);
      return badArchive(path, 'zip', err instanceof Error ? err.message : String(err));
    }
  }
  let tarBytes = bytes;
  if (kind === 'tar.gz') {
    const opened = await decompressFile(path, bytes);
    if (!opened.ok) return opened;
    tarBytes = opened.value.bytes;
  }
  if (!isTar(tarBytes)) return badArchive(path, kind, 'no tar header found');
  try {
    // nanotar reads GNU long names and pax paths but not the ustar prefix field, so such long paths arrive as
    // bare file names; the local reader falls back to matching by file name, which covers that case.
    const items = (await import('nanotar')).parseTar(tarBytes);
    for (const item of items) {
      if (escapesArchive(item.name)) return unsafeMember(path, kind, item.name, 'points outside the archive');
      if (item.type === 'symbolicLink' || item.type === 'hardLink') return unsafeMember(path, kind, item.name, 'is a link');
    }
    return ok(items.filter((item) => (item.type === 'file' || item.type === undefined) && item.data).map((item) => ({ path: item.name, bytes: item.data as Uint8Array })));
  } catch (err) {
    return badArchive(path, kind, err instanceof Error ? err.message : String(err));
  }
}

async function bytesOf(data: Uint8Array | Blob): Promise<Uint8Array> {
  return data instanceof Uint8Array ? data : new Uint8Array(await data.arrayBuffer());
}

/** Reads every given file, expanding archives in place, so the rest of the loader sees only metadata files. */
export async function expandLocalFiles(files: LocalFile[]): Promise<RepoResult<LocalFileBytes[]>> {
  const out: LocalFileBytes[] = [];
  for (const file of files) {
    const bytes = await bytesOf(file.data);
    const kind = detectArchive(file.path, bytes);
    if (!kind) {
      out.push({ path: file.path, bytes });
      continue;
    }
    const unpacked = await unpackArchive(file.path, bytes, kind);
    if (!unpacked.ok) return unpacked;
    out.push(...unpacked.value);
  }
  return ok(out);
}
