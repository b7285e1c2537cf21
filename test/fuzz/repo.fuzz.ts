import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { fc, test } from '@fast-check/vitest';
import { beforeAll, describe, expect } from 'vitest';
import { parseComps } from '../../src/lib/repo/comps.ts';
import { decompressFile } from '../../src/lib/repo/decompress.ts';
import { parseRepomd } from '../../src/lib/repo/repomd.ts';
import type { RepoResult } from '../../src/lib/repo/errors.ts';
import { readBackRecords, writePrimaryXml } from '../../src/lib/project/build/primary-xml.ts';
import { GlueError, ResolverEngine } from '../../src/lib/resolve/engine.ts';
import { buildRecordLines } from '../../src/lib/resolve/record-lines.ts';
import { Resolver } from '../../src/lib/resolve/resolver.ts';
import { RpmmdEngine } from '../../src/lib/resolve/rpmmd-engine.ts';
import type { PackageRecord } from '../../src/lib/resolve/types.ts';
import { REPODATA, createResolver, resolverModule, rpmmdModule } from '../support/wasm.ts';
import { expectLocated, guarded, guardedAsync, mutatedText, PARAMS, XML_TOKENS } from './harness.ts';

const BASH = join(REPODATA, 'fedora32-el8-closures-bazeldnf/bash-fc32/repodata');
const REPOMD = readFileSync(join(BASH, 'repomd.xml'), 'utf8');
const CS9_REPOMD = readFileSync(join(REPODATA, 'centos-stream-9-baseos-2022/repodata/repomd.xml'), 'utf8');
const PRIMARY_FULL = gunzipSync(readFileSync(join(BASH, 'primary.xml.gz'))).toString('utf8');
/** The first three packages of the bash closure, a valid primary.xml small enough for many cases. */
const PRIMARY = `${PRIMARY_FULL.slice(0, PRIMARY_FULL.split('</package>', 3).join('</package>').length)}</package>\n</metadata>\n`;
const UPDATEINFO = `<?xml version="1.0" encoding="UTF-8"?>
<updates>
  <update from="updates@fedoraproject.org" status="stable" type="security" version="2.0">
    <id>FEDORA-2020-0001</id>
    <title>bash security update</title>
    <issued date="2020-05-01 00:00:00"/>
    <severity>Important</severity>
    <description>Fixes &lt;CVE&gt;.</description>
    <references><reference href="https://bugzilla.example/1" id="1" type="bugzilla" title="t"/></references>
    <pkglist><collection short="F32"><name>Fedora 32</name>
      <package name="bash" version="5.0.17" release="1.fc32" epoch="0" arch="x86_64" src="bash-5.0.17-1.fc32.src.rpm">
        <filename>bash-5.0.17-1.fc32.x86_64.rpm</filename><sum type="sha256">00</sum><reboot_suggested>False</reboot_suggested>
      </package>
    </collection></pkglist>
  </update>
</updates>
`;
const COMPS = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE comps PUBLIC "-//Red Hat, Inc.//DTD Comps info//EN" "comps.dtd">
<comps>
  <group><id>core</id><name>Core</name><name xml:lang="de">Kern</name><description>Smallest &lt;b&gt;set&lt;/b&gt;.</description><default>true</default><uservisible>false</uservisible>
    <packagelist><packagereq type="mandatory">bash</packagereq><packagereq type="default">vim-minimal</packagereq><packagereq type="conditional" requires="x">y</packagereq><packagereq type="optional">z</packagereq></packagelist>
  </group>
  <environment><id>server</id><name>Server</name><grouplist><groupid>core</groupid></grouplist><optionlist><groupid>extra</groupid></optionlist></environment>
  <category><id>base</id><name>Base</name><grouplist><groupid>core</groupid></grouplist></category>
  <langpacks><match install="man-pages-%s" name="man-pages"/></langpacks>
</comps>
`;

const oddText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('', '0', '1:', '(a or b)', '(a if', 'x\ty', 'a\r\nb', '\\t', '/', 'dir/', '\nAuthors:\n--------\n  J\n', 'ü😀', '&<>"'),
);
const shadowDep = fc.record(
  { name: oddText, flags: fc.constantFrom(undefined, '' as const, 'EQ' as const, 'LT' as const, 'LE' as const, 'GT' as const, 'GE' as const, 'NE' as const), evr: fc.option(oddText, { nil: undefined }), pre: fc.boolean() },
  { requiredKeys: ['name'] },
);
const depList = fc.array(shadowDep, { maxLength: 3 });
/** A shadow package with odd text anywhere the writer takes text (the checksum mostly valid, so most cases get past it to the rest). */
const shadowPackage = fc.record({
  nevra: fc.constant('n-1-1.x'), repo: fc.constant('overlays'), sourceName: fc.constant('n'),
  name: oddText, evr: oddText, arch: fc.oneof(oddText, fc.constantFrom('x86_64', 'noarch', 'src')), sourcerpm: oddText, summary: oddText, description: oddText, license: oddText, location: oddText,
  checksum: fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(['sha256', 'ab'.repeat(32)], ['sha1', 'cd'.repeat(20)], ['md5', 'ef'.repeat(16)]) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('sha256', 'crc', ''), oddText) },
  ),
  downloadSize: fc.oneof(fc.constant(0), fc.constant(5 * 2 ** 30), fc.nat()), installSize: fc.oneof(fc.constant(0), fc.maxSafeNat()),
  provides: depList, requires: depList, conflicts: depList, obsoletes: depList, recommends: depList, suggests: depList, supplements: depList, enhances: depList,
  files: fc.array(oddText, { maxLength: 4 }),
}).map(({ checksum: [checksumType, checksum], ...p }): PackageRecord => ({ ...p, checksumType, checksum }));

function expectRepoOutcome(result: RepoResult<unknown>, file: string): void {
  if (result.ok) return;
  expect(result.error.message.length).toBeGreaterThan(0);
  expect(result.error.hint.length).toBeGreaterThan(0);
  // a failure of the XML itself says where it is
  if (result.error.code.endsWith('malformed-xml')) {
    expect(result.error.diagnostic, result.error.message).toBeDefined();
    if (result.error.diagnostic) expectLocated(result.error.diagnostic, [file]);
  }
}

describe('repository metadata readers', () => {
  test.prop([mutatedText([REPOMD, CS9_REPOMD], [...XML_TOKENS, '<data type="primary">', '<size>99999999999999999</size>', '<open-size>-1</open-size>', '<location href="../../etc/passwd"/>'])], PARAMS)(
    'repomd.xml: never throws; XML errors are located',
    (xml) => {
      guarded('repomd', () => expectRepoOutcome(parseRepomd(xml), 'repomd.xml'));
    },
  );

  test.prop([mutatedText([COMPS], [...XML_TOKENS, '<group>', '</group>', '<packagereq type="mandatory">', '<groupid>', '<id>'])], PARAMS)(
    'comps.xml: never throws; XML errors are located',
    (xml) => {
      guarded('comps', () => expectRepoOutcome(parseComps(xml, 'comps.xml'), 'comps.xml'));
    },
  );

  const MAGIC = [[0x1f, 0x8b], [0x28, 0xb5, 0x2f, 0xfd], [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], [0x42, 0x5a, 0x68], []];
  test.prop([fc.constantFrom('primary.xml.gz', 'primary.xml.zst', 'primary.xml.xz', 'primary.xml.bz2', 'primary.xml'), fc.uint8Array({ maxLength: 256 }), fc.constantFrom(...MAGIC)], PARAMS)(
    'decompressors: random bytes behind each magic number never throw, and fail as corrupt or too large',
    async (name, body, magic) => {
      const bytes = new Uint8Array([...magic, ...body]);
      const result = await guardedAsync('decompress', () => decompressFile(name, bytes, 4096));
      if (!result.ok) expect(['repo/corrupt-compressed', 'repo/too-large']).toContain(result.error.code);
    },
  );

  let resolver: Resolver;
  let own: ResolverEngine;
  let expat: RpmmdEngine;
  beforeAll(async () => {
    resolver = await createResolver('x86_64');
    own = ResolverEngine.createSync(await resolverModule());
    expat = RpmmdEngine.createSync(await rpmmdModule());
  });

  test.prop([mutatedText([PRIMARY], [...XML_TOKENS, '<package type="rpm">', '</package>', '<rpm:entry name="x" flags="EQ" epoch="99999999999999999999" ver="1"/>', '<version epoch="-1"/>'])], PARAMS)(
    'primary.xml (libsolv in wasm): never traps; a refusal says why, and the resolver keeps working',
    async (xml) => {
      await guardedAsync('primary', async () => {
        const loaded = await resolver.loadRpmmd({ id: 'fuzz' }, { primary: new TextEncoder().encode(xml) });
        if (!loaded.ok) expect(loaded.message.length).toBeGreaterThan(0);
        resolver.removeRepo('fuzz');
      });
    },
  );

  test.prop([fc.array(shadowPackage, { minLength: 1, maxLength: 4 })], PARAMS)(
    'shadow packages as records (wasm/src/records.c): never trap, and give the .solv their primary.xml gives in rpmmd.wasm, or both refuse',
    (packages) => {
      guarded('shadow-records', () => {
        let theirs: Uint8Array | undefined;
        try {
          theirs = expat.convertRpmmd({ primary: new TextEncoder().encode(writePrimaryXml(packages)) }).solv;
        } catch (failure) {
          if (!(failure instanceof GlueError)) throw failure;
        }
        const built = buildRecordLines(readBackRecords(packages));
        if ('problem' in built) throw new Error(built.problem.message);
        let ours: Uint8Array | undefined;
        try {
          ours = own.convertRecords(built.lines).solv;
        } catch (failure) {
          if (!(failure instanceof GlueError)) throw failure;
          expect(failure.message.length).toBeGreaterThan(0);
        }
        expect(ours === undefined).toBe(theirs === undefined);
        if (ours && theirs) expect(Buffer.from(ours).equals(Buffer.from(theirs))).toBe(true);
      });
    },
  );

  test.prop([mutatedText([UPDATEINFO], [...XML_TOKENS, '<update>', '</update>', '<pkglist>', '<package name="bash"/>', '<issued date="99999999999999999999"/>'])], PARAMS)(
    'updateinfo.xml (libsolv in wasm): never traps; a refusal says why',
    async (xml) => {
      await guardedAsync('updateinfo', async () => {
        const loaded = await resolver.loadRpmmd({ id: 'fuzz' }, { primary: new TextEncoder().encode(PRIMARY), updateinfo: new TextEncoder().encode(xml) });
        if (!loaded.ok) expect(loaded.message.length).toBeGreaterThan(0);
        resolver.removeRepo('fuzz');
      });
    },
  );
});
