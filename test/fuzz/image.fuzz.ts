import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { parseKickstart } from '../../src/lib/image/kickstart/parser.ts';
import { kickstartToRequest } from '../../src/lib/image/kickstart/to-request.ts';
import { parseKiwi } from '../../src/lib/image/kiwi/description.ts';
import { kiwiToRequest } from '../../src/lib/image/kiwi/to-request.ts';
import { ROOT, SHARED } from '../support/wasm.ts';
import { expectLocated, guarded, mutatedText, PARAMS, XML_TOKENS } from './harness.ts';

const DEMO_IMAGES = join(ROOT, 'public/examples/demo/base/images');
const KIWI = ['vm-base/vm-base.kiwi', 'container-base/container-base.kiwi'].map((p) => readFileSync(join(DEMO_IMAGES, p), 'utf8'));
const KS_DIR = join(SHARED, 'fixtures/kickstart/fedora-kickstarts-f43');
const KICKSTARTS = [
  ...['cloud-base.ks', 'cloud-packages.ks'].map((p) => readFileSync(join(DEMO_IMAGES, 'kickstart', p), 'utf8')),
  ...readdirSync(KS_DIR).filter((n) => n.endsWith('.ks')).sort().slice(0, 12).map((n) => readFileSync(join(KS_DIR, n), 'utf8')),
];
const KS_TOKENS = [
  '%packages', '%end', '%post', '%pre', '%include other.ks', '%include ../../../etc/passwd', '%include /etc/passwd', '%ksappend x.ks', '-', '@', '@^', '*', '--nobase',
  '--excludedocs', '--exclude-weakdeps', '--ignoremissing', '--instLangs=', 'repo --name=x --baseurl=', 'url --url=', '"', "'", '\\', '#', '\n', '\u0000', '%include self.ks',
];

describe('image descriptions', () => {
  test.prop([mutatedText(KIWI, [...XML_TOKENS, '<packages type="image">', '<package name="x"/>', '<profiles>', 'profiles="a,b"', '<namedCollection name="c"/>'])], PARAMS)(
    'KIWI reader: never throws; every diagnostic is located in the file',
    (xml) => {
      guarded('kiwi', () => {
        const parsed = parseKiwi(new Map([['image.kiwi', xml]]), 'image.kiwi');
        for (const d of parsed.diagnostics) expectLocated(d, ['image.kiwi']);
        if (parsed.description) kiwiToRequest(parsed.description, {});
      });
    },
  );

  test.prop([mutatedText(KICKSTARTS, KS_TOKENS), mutatedText(KICKSTARTS, KS_TOKENS)], PARAMS)(
    'kickstart parser: never throws (includes, cycles and escapes included); every diagnostic is located',
    (main, other) => {
      guarded('kickstart', () => {
        const files = new Map([['self.ks', `${main}\n%include other.ks\n`], ['other.ks', other], ['x.ks', '%include self.ks\n']]);
        const parsed = parseKickstart(files, 'self.ks');
        for (const d of parsed.diagnostics) expectLocated(d, files.keys());
        const request = kickstartToRequest(parsed.document);
        expect(request).toBeDefined();
      });
    },
  );
});
