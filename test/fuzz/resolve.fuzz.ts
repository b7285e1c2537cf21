import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { fc, test } from '@fast-check/vitest';
import { beforeAll, describe, expect } from 'vitest';
import { inThreadConverter } from '../../src/lib/resolve/parts.ts';
import { Resolver } from '../../src/lib/resolve/resolver.ts';
import { PrimaryXmlSplitter, splitPrimaryXml } from '../../src/lib/resolve/xml-parts.ts';
import { REPODATA, resolverModule } from '../support/wasm.ts';
import { guarded, guardedAsync, mutatedText, PARAMS, XML_TOKENS } from './harness.ts';

const BASH = join(REPODATA, 'fedora32-el8-closures-bazeldnf/bash-fc32/repodata');
const PRIMARY_FULL = gunzipSync(readFileSync(join(BASH, 'primary.xml.gz'))).toString('utf8');
/** The first four packages of the bash closure: a valid primary.xml with room for a few parts. */
const PRIMARY = `${PRIMARY_FULL.slice(0, PRIMARY_FULL.split('</package>', 4).join('</package>').length)}</package>\n</metadata>\n`;
const PART_TOKENS = [...XML_TOKENS, '<package type="rpm">', '<package>', '</package>', '<!-- <package type="rpm"> -->', '<![CDATA[<package>]]>', '<packager/>', '</metadata>', '<metadata>'];
const enc = new TextEncoder();

describe('primary.xml in parts', () => {
  test.prop([mutatedText([PRIMARY], PART_TOKENS), fc.integer({ min: 1, max: 700 }), fc.integer({ min: 64, max: 2000 })], PARAMS)(
    'the splitter cuts streamed input as it cuts it whole, and loses no byte',
    (xml, chunk, target) => {
      guarded('xml-parts', () => {
        const bytes = enc.encode(xml);
        const whole = splitPrimaryXml(bytes, target);
        const splitter = new PrimaryXmlSplitter(target);
        const streamed: Uint8Array[] = [];
        for (let i = 0; i < bytes.length; i += chunk) streamed.push(...splitter.push(bytes.slice(i, i + chunk)));
        streamed.push(...splitter.finish());
        expect(streamed.map((p) => Buffer.from(p).toString('hex'))).toEqual(whole.map((p) => Buffer.from(p).toString('hex')));
        expect(whole.reduce((n, p) => n + p.length, 0)).toBeGreaterThanOrEqual(bytes.length);
      });
    },
  );

  let module: WebAssembly.Module;
  let whole: Resolver;
  let parts: Resolver;
  beforeAll(async () => {
    module = await resolverModule();
    whole = await Resolver.create(module);
    parts = await Resolver.create(module);
  });

  test.prop([mutatedText([PRIMARY], PART_TOKENS), fc.integer({ min: 64, max: 2000 })], PARAMS)(
    'libsolv in wasm: parsed in parts, the same repository (.solv bytes) or the same error as one parse',
    async (xml, target) => {
      await guardedAsync('primary-parts', async () => {
        const primary = enc.encode(xml);
        const a = await whole.loadRpmmd({ id: 'fuzz' }, { primary });
        const open = () => ({ converters: [inThreadConverter(module), inThreadConverter(module)], close: () => undefined });
        const b = await parts.loadRpmmdInParts({ id: 'fuzz' }, { primary }, open, target);
        if (!a.ok) expect(b).toEqual(a);
        else {
          expect(b.ok).toBe(true);
          expect(Buffer.from(parts.solvOf('fuzz')!).equals(Buffer.from(whole.solvOf('fuzz')!))).toBe(true);
        }
      });
    },
  );
});
