import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import parseSpdx from 'spdx-expression-parse';
import { describe, expect, it } from 'vitest';
import { buildSpdxDocument, exportManifestJson, exportSpdx } from '../../../src/lib/export/index.ts';
import { manifest } from './fixture.ts';

const SCHEMAS = join(import.meta.dirname, '../../../schemas');
const load = (name: string): object => JSON.parse(readFileSync(join(SCHEMAS, name), 'utf8')) as object;

const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
const validateManifest = ajv.compile(load('manifest.v1.schema.json'));
const validateSpdx = ajv.compile(load('spdx-2.3.schema.json'));

describe('manifest schema', () => {
  it('validates the exported manifest', () => {
    const doc = JSON.parse(exportManifestJson(manifest())) as unknown;
    expect(validateManifest(doc), ajv.errorsText(validateManifest.errors)).toBe(true);
  });

  it('puts schemaVersion first', () => {
    expect(exportManifestJson(manifest()).startsWith('{\n  "schemaVersion": 1,\n')).toBe(true);
  });

  it('rejects a manifest missing a package field or with a wrong schema version', () => {
    const doc = JSON.parse(exportManifestJson(manifest())) as { schemaVersion: number; packages: Record<string, unknown>[] };
    delete doc.packages[0]?.['pkgid'];
    expect(validateManifest(doc)).toBe(false);
    const other = JSON.parse(exportManifestJson(manifest())) as { schemaVersion: number };
    other.schemaVersion = 2;
    expect(validateManifest(other)).toBe(false);
  });
});

describe('SPDX 2.3 schema', () => {
  const doc = JSON.parse(exportSpdx(manifest(), { created: '2026-01-01T00:00:00Z' })) as ReturnType<typeof buildSpdxDocument>;

  it('validates the exported document', () => {
    expect(validateSpdx(doc), ajv.errorsText(validateSpdx.errors)).toBe(true);
  });

  it('declares every licence as a parseable SPDX expression whose LicenseRefs are declared', () => {
    const declared = new Set((doc.hasExtractedLicensingInfos ?? []).map((e) => e.licenseId));
    for (const p of doc.packages) {
      const lic = p['licenseDeclared'] as string;
      if (lic === 'NOASSERTION') continue;
      expect(() => parseSpdx(lic)).not.toThrow();
      for (const ref of lic.match(/LicenseRef-[A-Za-z0-9.-]+/g) ?? []) expect(declared.has(ref), ref).toBe(true);
    }
  });

  it('relates only elements that exist', () => {
    const ids = new Set(['SPDXRef-DOCUMENT', ...doc.packages.map((p) => p['SPDXID'] as string)]);
    for (const r of doc.relationships) {
      expect(ids.has(r.spdxElementId)).toBe(true);
      expect(ids.has(r.relatedSpdxElement)).toBe(true);
    }
  });

  it('rejects an unknown relationship type, a bad SPDXID and a missing namespace', () => {
    const bad1 = structuredClone(doc);
    (bad1.relationships[0] as { relationshipType: string }).relationshipType = 'REQUIRES';
    expect(validateSpdx(bad1)).toBe(false);
    const bad2 = structuredClone(doc);
    (bad2.packages[1] as Record<string, unknown>)['SPDXID'] = 'SPDXRef-has space';
    expect(validateSpdx(bad2)).toBe(false);
    const bad3: Partial<typeof doc> = structuredClone(doc);
    delete bad3.documentNamespace;
    expect(validateSpdx(bad3)).toBe(false);
  });
});
