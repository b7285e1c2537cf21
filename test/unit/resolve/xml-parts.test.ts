import { describe, expect, test } from 'vitest';
import { MAX_PROLOG_BYTES, PrimaryXmlSplitter, splitPrimaryXml } from '../../../src/lib/resolve/xml-parts.ts';
import { readRepoDir, REPODATA } from '../../support/wasm.ts';
import { join } from 'node:path';

const enc = new TextEncoder();
const dec = new TextDecoder();
const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<metadata xmlns="http://linux.duke.edu/metadata/common" xmlns:rpm="http://linux.duke.edu/metadata/rpm" packages="3">';
const pkg = (name: string, extra = '') => `\n<package type="rpm"><name>${name}</name>${extra}<arch>noarch</arch><version epoch="0" ver="1" rel="1"/></package>`;
const doc = (body: string, head = HEAD, tail = '\n</metadata>\n') => enc.encode(head + body + tail);

/** The parts with the repeated header and added end tags taken off again: the original file, if nothing was lost. */
function rejoin(parts: Uint8Array[], head = HEAD, close = '\n</metadata>\n'): string {
  return parts
    .map((p, i) => {
      let text = dec.decode(p);
      if (i > 0) {
        expect(text.startsWith(head)).toBe(true);
        text = text.slice(head.length);
      }
      if (i < parts.length - 1) {
        expect(text.endsWith(close)).toBe(true);
        text = text.slice(0, -close.length);
      }
      return text;
    })
    .join('');
}

function streamed(bytes: Uint8Array, chunk: number, target: number): Uint8Array[] {
  const splitter = new PrimaryXmlSplitter(target);
  const parts: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += chunk) parts.push(...splitter.push(bytes.slice(i, i + chunk)));
  return [...parts, ...splitter.finish()];
}

describe('splitting primary.xml into parts', () => {
  test('cuts at <package> start tags; every part is a <metadata> document with the original header', () => {
    const bytes = doc(pkg('a') + pkg('b') + pkg('c'));
    const parts = splitPrimaryXml(bytes, 10);
    expect(parts).toHaveLength(3);
    for (const part of parts) {
      const text = dec.decode(part);
      expect(text.startsWith(HEAD.slice(0, 20))).toBe(true);
      expect(text.match(/<package /g)).toHaveLength(1);
      expect(text.trimEnd().endsWith('</metadata>')).toBe(true);
    }
    expect(rejoin(parts)).toBe(dec.decode(bytes));
  });

  test('a file no bigger than one part comes back as its own bytes', () => {
    const bytes = doc(pkg('a') + pkg('b'));
    expect(splitPrimaryXml(bytes)[0]).toBe(bytes);
  });

  test('fed in chunks of any size it cuts exactly as fed whole', () => {
    const bytes = doc(Array.from({ length: 40 }, (_, i) => pkg(`p${i}`, i % 3 ? '<summary>x &gt; y</summary>' : '')).join(''));
    const whole = splitPrimaryXml(bytes, 300).map((p) => dec.decode(p));
    expect(whole.length).toBeGreaterThan(5);
    for (const chunk of [1, 2, 7, 64, 4096]) expect(streamed(bytes, chunk, 300).map((p) => dec.decode(p))).toEqual(whole);
  });

  test('<packager>, <packages> and <rpm:package> are not package starts', () => {
    const bytes = doc(pkg('a', '<packager>x</packager><packages/><rpm:package/>') + pkg('b'));
    const parts = splitPrimaryXml(bytes, 10);
    expect(parts).toHaveLength(2);
    expect(dec.decode(parts[0]!)).toContain('<rpm:package/>');
  });

  test('a prefixed root element is closed with its own name', () => {
    const head = '<?xml version="1.0"?>\n<md:metadata xmlns:md="http://linux.duke.edu/metadata/common">';
    const parts = splitPrimaryXml(doc(pkg('a') + pkg('b'), head, '\n</md:metadata>\n'), 10);
    expect(parts).toHaveLength(2);
    expect(dec.decode(parts[0]!).trimEnd().endsWith('</md:metadata>')).toBe(true);
  });

  test('the root start tag may hold ">" in a quoted attribute and comments or PIs may precede it', () => {
    const head = '<?xml version="1.0"?>\n<!-- a <metadata> comment -->\n<?pi <x> ?>\n<metadata note="a > b" xmlns="http://linux.duke.edu/metadata/common">';
    const parts = splitPrimaryXml(doc(pkg('a') + pkg('b'), head), 10);
    expect(parts).toHaveLength(2);
    expect(dec.decode(parts[1]!).startsWith(head)).toBe(true);
  });

  test('input it cannot split safely comes back whole: DOCTYPE, another root, an empty root, UTF-16, no XML, nothing', () => {
    const cases = [
      doc(pkg('a') + pkg('b'), '<?xml version="1.0"?>\n<!DOCTYPE metadata [<!ENTITY p "<package/>">]>\n<metadata>'),
      doc(pkg('a') + pkg('b'), '<?xml version="1.0"?>\n<filelists>', '\n</filelists>\n'),
      enc.encode(`<?xml version="1.0"?>\n<metadata/>${pkg('a')}${pkg('b')}`),
      new Uint8Array([0xff, 0xfe, ...Array.from(enc.encode(`<${pkg('a')}${pkg('b')}`)).flatMap((b) => [b, 0])]),
      enc.encode(`garbage ${pkg('a')}${pkg('b')}`),
      new Uint8Array(0),
    ];
    for (const bytes of cases) {
      expect(splitPrimaryXml(bytes, 10)).toEqual([bytes]);
      expect(streamed(bytes, 3, 10)).toHaveLength(1);
    }
  });

  test('an endless prolog stops the splitter waiting (one part), in linear time', () => {
    const bytes = enc.encode(`<?xml version="1.0"?>\n<!-- ${'x'.repeat(MAX_PROLOG_BYTES * 8)}`);
    const t0 = performance.now();
    const parts = streamed(bytes, 1024, 100);
    expect(parts).toHaveLength(1);
    expect(parts[0]!.length).toBe(bytes.length);
    // hang guard only: a rescan per chunk would take minutes
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  test('megabytes without a package start become one part without rescanning them on every chunk', () => {
    const filler = '<x a="&gt;"/>'.repeat(800_000);
    for (const bytes of [doc(`\n<package>${filler}</package>`), doc(`${filler}\n<package/>`)]) {
      const t0 = performance.now();
      expect(streamed(bytes, 4096, 1000)).toHaveLength(1);
      expect(performance.now() - t0).toBeLessThan(5000);
    }
  });

  test('a CentOS primary.xml split in 16 KB parts loses and adds nothing', () => {
    const { primary } = readRepoDir(join(REPODATA, 'centos-stream-9-baseos-2022'));
    const text = dec.decode(primary);
    const head = text.slice(0, text.indexOf('>', text.indexOf('<metadata')) + 1);
    const parts = splitPrimaryXml(primary, 16 * 1024);
    expect(parts.length).toBeGreaterThan(50);
    expect(rejoin(parts, head)).toBe(text);
  });
});
