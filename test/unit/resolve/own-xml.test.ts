import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { GlueError, ResolverEngine } from '../../../src/lib/resolve/engine.ts';
import { RpmmdEngine } from '../../../src/lib/resolve/rpmmd-engine.ts';
import { readRepoDir, REPODATA, resolverModule, rpmmdModule } from '../../support/wasm.ts';

const enc = new TextEncoder();

/** A primary.xml with what expat normalises: CR LF and CR line ends, whitespace inside attribute values, references of every kind, single quotes, a processing instruction. */
const EDGES = enc.encode(
  '<?xml version="1.0" encoding="UTF-8"?>\r\n<?azl note?>\r\n' +
    '<metadata xmlns="http://linux.duke.edu/metadata/common" xmlns:rpm="http://linux.duke.edu/metadata/rpm" packages="2">\r\n' +
    "<package type='rpm'>\r<name>a&amp;b</name><arch>noarch</arch><version epoch=\"0\" ver=\"1.0\" rel=\"1\"/>" +
    '<checksum type="sha256" pkgid="YES">' + 'a'.repeat(64) + '</checksum>' +
    '<summary>tab\there &lt;x&gt; &quot;q&quot; &apos;s&apos; &#233;&#xE9;&#x1F600; &#10;line</summary>' +
    '<description>line one\r\nline two\rline three</description><packager></packager>' +
    '<location href="a b\tc\r\nd.rpm"/>' +
    '<format><rpm:license>MIT &amp; BSD</rpm:license><rpm:provides><rpm:entry name="a&amp;b" flags="EQ" epoch="0" ver="1.0" rel="1"/><rpm:entry name=\'cap(x &lt; 2)\'/></rpm:provides>' +
    '<rpm:requires><rpm:entry name="(b if c)" pre="1"/></rpm:requires><file>/usr/bin/a&amp;b</file><file type="dir">/etc/a</file></format></package>\r\n' +
    '<package type="rpm"><name>b</name><arch>x86_64</arch><version epoch="1" ver="2" rel="3.el9"/><checksum type="sha256" pkgid="YES">' + 'b'.repeat(64) + '</checksum>' +
    '<summary>ünïcödé</summary><description/><location href="b.rpm"/><format><rpm:sourcerpm>b-2-3.el9.src.rpm</rpm:sourcerpm></format></package>\r\n' +
    '</metadata>\r\n',
);

describe("resolver.wasm's own reader of the XML the app writes (wasm/src/minixml.c)", () => {
  let own: ResolverEngine;
  let expat: RpmmdEngine;
  beforeAll(async () => {
    own = ResolverEngine.createSync(await resolverModule());
    expat = RpmmdEngine.createSync(await rpmmdModule());
  });

  const cases: [string, () => Uint8Array][] = [
    ['a primary.xml with every normalisation expat makes', () => EDGES],
    ['the bash closure of Fedora 32', () => readRepoDir(join(REPODATA, 'fedora32-el8-closures-bazeldnf/bash-fc32')).primary],
    ['CentOS Stream 9 BaseOS (1,125 packages, file lists, rich dependencies)', () => readRepoDir(join(REPODATA, 'centos-stream-9-baseos-2022')).primary],
  ];
  for (const [name, primary] of cases)
    it(`gives rpmmd.wasm's .solv byte for byte: ${name}`, () => {
      const ours = own.convertOwnRpmmd(primary());
      const theirs = expat.convertRpmmd({ primary: primary() });
      expect(ours.solvables).toBe(theirs.solvables);
      expect(ours.solvables).toBeGreaterThan(1);
      expect(Buffer.from(ours.solv).equals(Buffer.from(theirs.solv))).toBe(true);
    });

  const refuse = (xml: string): unknown => {
    try {
      own.convertOwnRpmmd(enc.encode(`<?xml version="1.0"?>\n${xml}\n`));
    } catch (error) {
      return error;
    }
    return undefined;
  };

  const unsupported: [string, string][] = [
    ['a comment', '<metadata><!-- no --></metadata>'],
    ['a CDATA section', '<metadata><package><name><![CDATA[a]]></name></package></metadata>'],
    ['a DOCTYPE', '<!DOCTYPE metadata><metadata/>'],
  ];
  for (const [name, xml] of unsupported)
    it(`refuses ${name}, which the app never writes (rpmmd.wasm reads it)`, () => {
      expect(refuse(xml)).toMatchObject({ code: 'bad-xml', message: expect.stringMatching(/markup this reader does not take \(comment, CDATA or DOCTYPE\)/) });
    });

  const refusals: [string, string, RegExp][] = [
    ['a mismatched end tag', '<metadata><package></metadata>', /mismatched tag/],
    ['a document cut off', '<metadata><package>', /no element found/],
    ['an unknown entity', '<metadata><package><name>&nbsp;</name></package></metadata>', /undefined entity/],
    ['a reference to character 0', '<metadata><package><name>&#0;</name></package></metadata>', /reference to invalid character number/],
    ['text after the root', '<metadata/>junk', /junk after document element/],
    ['an attribute without quotes', '<metadata packages=2/>', /not well-formed/],
  ];
  for (const [name, xml, message] of refusals)
    it(`refuses ${name} as bad XML, as expat does`, () => {
      const failure = refuse(xml);
      expect(failure).toBeInstanceOf(GlueError);
      expect(failure).toMatchObject({ code: 'bad-xml', message: expect.stringMatching(message) });
      expect(() => expat.convertRpmmd({ primary: enc.encode(`<?xml version="1.0"?>\n${xml}\n`) })).toThrow(GlueError);
    });

  it('names the line of the failure, as expat does', () => {
    const xml = enc.encode('<?xml version="1.0"?>\n<metadata>\n<package>\n</metadata>\n');
    expect(() => own.convertOwnRpmmd(xml)).toThrow(/line 4/);
    expect(() => expat.convertRpmmd({ primary: xml })).toThrow(/line 4/);
  });
});
