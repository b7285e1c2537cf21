/** Checksums of downloaded metadata through WebCrypto (crypto.subtle exists in workers and in Node 20). */
import { fail, ok, type RepoResult } from './errors.ts';
import type { Checksum } from './repomd.ts';

/** rpm-md checksum names mapped to WebCrypto algorithms; `sha` is createrepo's old spelling of sha1. */
const ALGORITHMS: Record<string, string> = {
  sha: 'SHA-1',
  sha1: 'SHA-1',
  sha256: 'SHA-256',
  sha384: 'SHA-384',
  sha512: 'SHA-512',
};

/** Lowercase hex of a byte array. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += (bytes[i] as number).toString(16).padStart(2, '0');
  return out;
}

/** Digests `bytes` with an rpm-md checksum type; undefined when WebCrypto cannot compute that type (e.g. md5). */
export async function digestHex(type: string, bytes: Uint8Array): Promise<string | undefined> {
  const algorithm = ALGORITHMS[type.toLowerCase()];
  if (!algorithm) return undefined;
  const digest = await crypto.subtle.digest(algorithm, bytes as Uint8Array<ArrayBuffer>);
  return toHex(new Uint8Array(digest));
}

/** Which checksum of a file is being checked: of the bytes as served, or after decompression. */
export type ChecksumStage = 'compressed' | 'open';

/** Checks `bytes` against `expected`; a mismatch or an unsupported algorithm is a refusal naming the file. */
export async function verifyChecksum(file: string, bytes: Uint8Array, expected: Checksum, stage: ChecksumStage): Promise<RepoResult<true>> {
  const actual = await digestHex(expected.type, bytes);
  if (actual === undefined) {
    return fail(
      'repo/unsupported-checksum',
      `${file}: checksum type "${expected.type}" is not supported, so the file cannot be verified.`,
      'Only sha1, sha256, sha384 and sha512 can be checked in the browser; regenerate the repository with createrepo_c (sha256 is its default).',
    );
  }
  if (actual !== expected.value.toLowerCase()) {
    const what = stage === 'open' ? 'after decompression (open-checksum)' : 'as downloaded';
    return fail(
      stage === 'open' ? 'repo/open-checksum-mismatch' : 'repo/checksum-mismatch',
      `${file}: ${expected.type} ${what} is ${actual}, but repomd.xml says ${expected.value}. The file was refused.`,
      'The file is corrupt, or the mirror is mid-sync and serves files from two different repository versions; try again later or use another mirror.',
    );
  }
  return ok(true);
}
