/** Repositories the browser tests make for themselves under test/.cache/served (corrupt ones included). */
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { REPODATA, ROOT } from '../support/wasm.ts';

/** Where test/support/static-server.mjs serves generated repositories from (GENERATED_URL). */
export const SERVED = join(ROOT, 'test/.cache/served');

const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

/** Writes a one-file rpm-md repository (primary only) whose repomd.xml checksums are right for PRIMARY_XML. */
export function writeRepo(name: string, primaryXml: string): string {
  const dir = join(SERVED, name, 'repodata');
  rmSync(join(SERVED, name), { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const gz = gzipSync(Buffer.from(primaryXml));
  const file = `${sha256(gz)}-primary.xml.gz`;
  writeFileSync(join(dir, file), gz);
  writeFileSync(
    join(dir, 'repomd.xml'),
    `<?xml version="1.0" encoding="UTF-8"?>
<repomd xmlns="http://linux.duke.edu/metadata/repo" xmlns:rpm="http://linux.duke.edu/metadata/rpm">
  <revision>1700000000</revision>
  <data type="primary">
    <checksum type="sha256">${sha256(gz)}</checksum>
    <open-checksum type="sha256">${sha256(primaryXml)}</open-checksum>
    <location href="repodata/${file}"/>
    <timestamp>1700000000</timestamp>
    <size>${gz.length}</size>
    <open-size>${Buffer.byteLength(primaryXml)}</open-size>
  </data>
</repomd>
`,
  );
  return `${name}/`;
}

/** A copy of CentOS Stream 9 BaseOS whose primary.xml.gz has one flipped byte (repomd unchanged). */
export function writeFlippedByteRepo(): string {
  const name = 'cs9-flipped-byte';
  rmSync(join(SERVED, name), { recursive: true, force: true });
  cpSync(join(REPODATA, 'centos-stream-9-baseos-2022'), join(SERVED, name), { recursive: true });
  const primary = join(SERVED, name, 'repodata/130494033cb9bffa40828ebc814d016920d9ce5d60041467af283ffcf38adef0-primary.xml.gz');
  const bytes = readFileSync(primary);
  bytes[200_000] = (bytes[200_000] ?? 0) ^ 0xff;
  writeFileSync(primary, bytes);
  return `${name}/`;
}
