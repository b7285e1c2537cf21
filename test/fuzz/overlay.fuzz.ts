import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { gzipSync } from 'fflate';
import { createTar } from 'nanotar';
import { describe, expect } from 'vitest';
import { OVERLAY_TYPES, renderComponent, type OverlayInput } from '../../src/lib/overlay/index.ts';
import { ROOT } from '../support/wasm.ts';
import { expectLocated, guardedAsync, mutatedText, PARAMS } from './harness.ts';

const SPEC_DIRS = [join(ROOT, 'public/examples/demo/base/comps'), join(ROOT, 'test/unit/overlay/fixtures/azl')];
const SPECS = SPEC_DIRS.flatMap((dir) =>
  readdirSync(dir)
    .map((name) => join(dir, name, `${name}.spec`))
    .filter((path) => existsSync(path))
    .map((path) => readFileSync(path, 'utf8')),
);

const SPEC_TOKENS = [
  '%if', '%else', '%endif', '%if 0\n', '%{', '}', '%(', ')', '%(echo pwned > /tmp/azl-fuzz-pwned)', '%{lua: os.execute("touch /tmp/azl-fuzz-pwned")}',
  '%global x %{x}', '%define', '%package', '%package -n', '%description', '%files', '%prep', '%build', '%install', '%check', '%changelog',
  'Name:', 'Version:', 'Release:', 'Requires:', 'BuildRequires:', 'Provides:', 'Patch0:', 'Source0:', '\\\n', '\n', '\r', '\t', '\u0000', '#',
  '%{?with_x:', '%{!?x:', '%%', '%{expand:%{x}}', '%patch -P0 -p1', '%autosetup', '%setup -q', '\uFEFF',
];

const text = fc.oneof(fc.constantFrom('', 'x', 'Requires', '%{name}', 'a*a*c', '(', '[a-', '\\', '$1', '%files', 'foo bar', '*.conf', '../../etc/passwd', '/abs'), fc.string({ maxLength: 12 }));
const section = fc.oneof(fc.constantFrom('%build', '%install', '%files', '%prep', '%description', '%check', '%package', '%changelog', '%nosuch'), fc.string({ maxLength: 6 }));

/** One overlay of any of the 17 types, with fields drawn from pools that include nonsense. */
const overlayArb: fc.Arbitrary<OverlayInput> = fc.record(
  {
    type: fc.oneof(fc.constantFrom(...OVERLAY_TYPES), fc.constant('no-such-type')),
    description: text,
    file: fc.oneof(fc.constantFrom('pkg.conf', 'src.tar.gz', '*.conf', 'sub/*', '../escape', '/etc/passwd'), text),
    archive: fc.constantFrom('src.tar.gz', 'missing.tar.gz'),
    section,
    package: text,
    tag: fc.oneof(fc.constantFrom('Requires', 'BuildRequires', 'Provides', 'Version', 'Release', 'Name', 'Patch99', 'Source7'), text),
    value: text,
    regex: fc.oneof(fc.constantFrom('^Version:.*', 'a*a*a*a*a*a*c', '(a+)+b', '[Ff]edora', '.*', '^$', '(?i)x', '\\d+', 'x{2,}'), text),
    replacement: text,
    lines: fc.array(text, { maxLength: 3 }),
    source: fc.constantFrom('overlays/add.conf', 'overlays/missing.patch', '../../outside'),
  },
  { requiredKeys: ['type'] },
);

const CONF = 'setting = 1\nother = 2\n';
const ARCHIVE = gzipSync(createTar([{ name: 'src/', data: undefined }, { name: 'src/a.conf', data: CONF }, { name: 'src/b.txt', data: 'b\n' }]) as Uint8Array);

describe('overlay engine and spec model', () => {
  test.prop([mutatedText(SPECS, SPEC_TOKENS), fc.array(overlayArb, { maxLength: 5 })], PARAMS)(
    'never throws; each overlay is ok or an error with a message and a spec line',
    async (spec, overlays) => {
      const result = await guardedAsync('overlay', () =>
        renderComponent({
          component: { name: 'pkg', overlays },
          sources: { 'pkg.spec': spec, 'pkg.conf': CONF, 'src.tar.gz': ARCHIVE },
          projectFiles: { 'base/comps/pkg/overlays/add.conf': 'added\n' },
          componentDir: 'base/comps/pkg',
        }),
      );
      for (const o of result.overlays) {
        expect(['ok', 'error']).toContain(o.status);
        if (o.status === 'error') expect(o.message.length).toBeGreaterThan(0);
        expect(Number.isInteger(o.specLine) && o.specLine >= 0).toBe(true);
        for (const d of o.diagnostics) expectLocated(d);
      }
      for (const d of result.diagnostics) expectLocated(d);
      // the rendered spec exists whenever a spec was given, and nothing from the spec ran
      expect(typeof result.files['pkg.spec']).toBe('string');
      expect(existsSync('/tmp/azl-fuzz-pwned')).toBe(false);
    },
  );
});
