import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect } from 'vitest';
import { buildManifest, exportManifestJson, type Manifest, type ManifestRepo } from '../../src/lib/export/index.ts';
import type { ResolvedPackage } from '../../src/lib/resolve/types.ts';
import { ROOT } from '../support/wasm.ts';
import { guarded, PARAMS } from './harness.ts';

// There is no manifest reader in the app: the manifest is only written. Its reader is the schema, so
// the round trip is built → exported → parsed → schema-checked → exported again, byte for byte.
const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'schemas/manifest.v1.schema.json'), 'utf8')) as object);

const word = fc.oneof(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._+-]{0,20}$/), fc.constantFrom('<script>alert(1)</script>', 'a"b', 'ü', '😀', 'x\u0000y', '../../etc'));
const hex = fc.stringMatching(/^[0-9a-f]{64}$/);
const reason = fc.oneof(
  fc.record({ kind: fc.constant('user' as const), spec: word, text: word }),
  fc.record({ kind: fc.constant('group' as const), group: word, groupPackageType: fc.constantFrom('mandatory' as const, 'default' as const, 'optional' as const, 'conditional' as const), text: word }),
  fc.record({ kind: fc.constant('dependency' as const), by: word, requirement: word, text: word }),
  fc.record({ kind: fc.constant('weak-dependency' as const), by: word, requirement: word, weakKind: fc.constantFrom('recommends' as const, 'supplements' as const), text: word }),
  fc.record({ kind: fc.constant('unknown' as const), rule: word, text: word }),
);
const pkg: fc.Arbitrary<ResolvedPackage> = fc
  .record({ name: word, epoch: fc.nat({ max: 99 }), version: word, release: word, arch: fc.constantFrom('x86_64', 'noarch', 'aarch64'), repo: fc.constantFrom('fedora', 'updates'), summary: fc.string({ maxLength: 40 }), license: fc.oneof(fc.constantFrom('MIT', 'GPL-2.0-or-later AND (MIT OR BSD-3-Clause)', 'GPLv2+', '', 'Public Domain'), fc.string({ maxLength: 20 })), sourcerpm: word, checksum: fc.record({ type: fc.constant('sha256'), value: hex }), downloadSize: fc.nat(), installSize: fc.nat(), reason, requiredBy: fc.array(word, { maxLength: 3 }) })
  .map((p) => ({ ...p, nevra: `${p.name}-${p.epoch ? `${p.epoch}:` : ''}${p.version}-${p.release}.${p.arch}`, location: `Packages/${p.name}.rpm` }) as ResolvedPackage);
const REPOS: ManifestRepo[] = [
  { id: 'fedora', url: 'https://example.org/fedora/', revision: '1', checksum: { type: 'sha256', value: 'a'.repeat(64) } },
  { id: 'updates', url: 'https://example.org/updates/', revision: null, checksum: null },
];

describe('manifest', () => {
  test.prop([fc.uniqueArray(pkg, { maxLength: 8, selector: (p) => p.nevra }), fc.array(word, { maxLength: 3 }), word], PARAMS)(
    'schema-checked round trip: what is written validates, and reads back to the same bytes',
    (packages, excludes, image) => {
      guarded('manifest', () => {
        const json = exportManifestJson(buildManifest(packages, { projectHash: `sha256:${'0'.repeat(64)}`, image, profile: null, arch: 'x86_64', weakDeps: true, best: true, excludes }, REPOS));
        const doc = JSON.parse(json) as Manifest;
        expect(validate(doc), ajv.errorsText(validate.errors)).toBe(true);
        expect(exportManifestJson(doc)).toBe(json);
      });
    },
  );
});
