import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import parseSpdx from 'spdx-expression-parse';
import { describe, expect, it } from 'vitest';
import { buildCycloneDx, buildSpdxDocument, exportCycloneDx, exportManifestJson, exportSpdx, sourcePackageOf, TOOL, withAdvisories, type CycloneDxBom } from '../../../src/lib/export/index.ts';
import { ADVISORIES, OVERLAY_CHANGES, advisedManifest, manifest } from './fixture.ts';

const ROOT = join(import.meta.dirname, '../../..');
const load = (path: string): object => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as object;

// The published schemas, unchanged (schemas/published/PROVENANCE.md). They use formats ajv-formats
// does not define (iri-reference, idn-email); those are accepted as strings, as draft-07 allows.
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addFormat('iri-reference', true);
ajv.addFormat('idn-email', true);
// The CycloneDX schema refers to these by file name, relative to its own $id.
ajv.addSchema(load('schemas/published/spdx.SNAPSHOT.schema.json'), 'http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json');
ajv.addSchema(load('schemas/published/jsf-0.82.SNAPSHOT.schema.json'), 'http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json');
const validateCycloneDx = ajv.compile(load('schemas/published/bom-1.6.SNAPSHOT.schema.json'));
const validatePublishedSpdx = ajv.compile(load('schemas/published/spdx-2.3.schema.json'));
const strict = new Ajv({ allErrors: true, strict: true });
addFormats(strict);
const validateSpdxSubset = strict.compile(load('schemas/spdx-2.3.schema.json'));
const validateManifest = strict.compile(load('schemas/manifest.v1.schema.json'));

const OPTS = { created: '2026-01-01T00:00:00Z', distro: 'fedora-43', overlayChanges: OVERLAY_CHANGES };

describe('the published schemas', () => {
  it('accept the SPDX 2.3 export (and the playground\'s stricter subset does too)', () => {
    const doc = JSON.parse(exportSpdx(manifest(), OPTS)) as unknown;
    expect(validatePublishedSpdx(doc), ajv.errorsText(validatePublishedSpdx.errors)).toBe(true);
    expect(validateSpdxSubset(doc), strict.errorsText(validateSpdxSubset.errors)).toBe(true);
  });

  it('accept the CycloneDX 1.6 export, vulnerabilities included', () => {
    const doc = JSON.parse(exportCycloneDx(advisedManifest(), OPTS)) as CycloneDxBom;
    expect(validateCycloneDx(doc), ajv.errorsText(validateCycloneDx.errors)).toBe(true);
    expect(doc.vulnerabilities).toHaveLength(1);
  });

  it('reject what a scanner would reject, so the validation can fail', () => {
    const spdx = JSON.parse(exportSpdx(manifest(), OPTS)) as { packages: Record<string, unknown>[] };
    (spdx.packages[0] as Record<string, unknown>)['primaryPackagePurpose'] = 'OPERATING-SYSTEM';
    expect(validatePublishedSpdx(spdx)).toBe(false);
    const cdx = JSON.parse(exportCycloneDx(advisedManifest(), OPTS)) as CycloneDxBom;
    (cdx.components[0] as Record<string, unknown>)['type'] = 'rpm';
    expect(validateCycloneDx(cdx)).toBe(false);
    const noSerial = JSON.parse(exportCycloneDx(advisedManifest(), OPTS)) as Partial<CycloneDxBom>;
    noSerial.serialNumber = 'urn:uuid:not-a-uuid';
    expect(validateCycloneDx(noSerial)).toBe(false);
  });

  it('accept a manifest with advisories, and the manifest keeps its bytes when there are none', () => {
    const doc = JSON.parse(exportManifestJson(advisedManifest())) as { advisories: unknown[]; totals: { advisories: unknown } };
    expect(validateManifest(doc), strict.errorsText(validateManifest.errors)).toBe(true);
    expect(doc.totals.advisories).toEqual({ total: 2, bySeverity: { Important: 1, None: 1 } });
    expect(doc.advisories.map((a) => (a as { id: string }).id)).toEqual(['FEDORA-2026-0a1b2c3d4e', 'FEDORA-2026-9a8b7c6d5e']);
    expect(exportManifestJson(withAdvisories(manifest(), []))).toBe(exportManifestJson(manifest()));
  });
});

describe('SPDX 2.3 as scanners and Red Hat\'s SBOM guidelines expect', () => {
  const doc = buildSpdxDocument(manifest(), OPTS);
  const byId = new Map(doc.packages.map((p) => [p['SPDXID'] as string, p]));
  const purl = (p: Record<string, unknown> | undefined) => (p?.['externalRefs'] as { referenceLocator: string }[])[0]?.referenceLocator;

  it('makes the image an OPERATING_SYSTEM package that CONTAINS every RPM', () => {
    expect(byId.get('SPDXRef-Image')?.['primaryPackagePurpose']).toBe('OPERATING_SYSTEM');
    const contains = doc.relationships.filter((r) => r.relationshipType === 'CONTAINS' && r.spdxElementId === 'SPDXRef-Image');
    expect(contains).toHaveLength(manifest().packages.length);
  });

  it('gives each RPM a purl with arch, epoch, distro and repository_id, and its SHA-256', () => {
    const vim = byId.get('SPDXRef-RPM-vim-minimal-2-9.1.1000-1.fc43.x86-64');
    expect(purl(vim)).toBe('pkg:rpm/fedora/vim-minimal@9.1.1000-1.fc43?arch=x86_64&distro=fedora-43&epoch=2&repository_id=fedora');
    expect(vim?.['checksums']).toEqual([{ algorithm: 'SHA256', checksumValue: manifest().packages.find((p) => p.name === 'vim-minimal')?.pkgid.value }]);
  });

  it('lists each source RPM once as a SOURCE package, and every binary GENERATED_FROM it', () => {
    const sources = doc.packages.filter((p) => p['primaryPackagePurpose'] === 'SOURCE');
    expect(sources.map((p) => p['packageFileName'])).toEqual(manifest().packages.map((p) => p.sourcerpm).filter((v, i, a) => a.indexOf(v) === i).sort());
    const gcc = sources.find((p) => p['name'] === 'gcc');
    expect(purl(gcc)).toBe('pkg:rpm/fedora/gcc@15.2.1-1.fc43?arch=src&distro=fedora-43');
    const generated = doc.relationships.filter((r) => r.relationshipType === 'GENERATED_FROM');
    expect(generated).toHaveLength(manifest().packages.length);
    expect(generated.find((r) => r.spdxElementId === 'SPDXRef-RPM-libstdc--15.2.1-1.fc43.x86-64')?.relatedSpdxElement).toBe(gcc?.['SPDXID']);
  });

  it('names the tool and its version as creator, and annotates an overlay-changed package with its overlays', () => {
    expect(doc.creationInfo.creators).toEqual([`Tool: ${TOOL.name}-${TOOL.version}`]);
    const annotations = byId.get('SPDXRef-RPM-vim-minimal-2-9.1.1000-1.fc43.x86-64')?.['annotations'] as { comment: string }[];
    expect(annotations[0]?.comment).toBe("Changed by the project's overlays: visudo needs a user database (spec-add-tag, base/comps/vim/vim.comp.toml:6). Changes: Requires: + shadow-utils.");
  });

  it('declares only parseable licence expressions', () => {
    for (const p of doc.packages) if (p['licenseDeclared'] !== 'NOASSERTION') expect(() => parseSpdx(p['licenseDeclared'] as string)).not.toThrow();
  });
});

describe('CycloneDX 1.6', () => {
  const bom = buildCycloneDx(advisedManifest(), OPTS);
  const vim = bom.components.find((c) => c['name'] === 'vim-minimal') as Record<string, unknown>;

  it('describes the image as the operating-system component that depends on every RPM', () => {
    expect((bom.metadata['component'] as Record<string, unknown>)['type']).toBe('operating-system');
    expect(bom.dependencies[0]).toEqual({ ref: 'image', dependsOn: bom.components.map((c) => c['bom-ref'] as string).sort() });
    expect(bom.metadata['tools']).toEqual({ components: [{ type: 'application', name: TOOL.name, version: TOOL.version }] });
  });

  it('gives each RPM its purl, SHA-256, licence expression and source RPM', () => {
    expect(vim['purl']).toBe('pkg:rpm/fedora/vim-minimal@9.1.1000-1.fc43?arch=x86_64&distro=fedora-43&epoch=2&repository_id=fedora');
    expect(vim['version']).toBe('2:9.1.1000-1.fc43');
    expect(vim['hashes']).toEqual([{ alg: 'SHA-256', content: manifest().packages.find((p) => p.name === 'vim-minimal')?.pkgid.value }]);
    expect(vim['licenses']).toEqual([{ expression: 'Vim AND MIT' }]);
    expect((vim['pedigree'] as { ancestors: unknown[] }).ancestors).toEqual([{ type: 'library', name: 'vim', version: '2:9.1.1000-1.fc43', purl: 'pkg:rpm/fedora/vim@9.1.1000-1.fc43?arch=src&distro=fedora-43&epoch=2' }]);
    expect((vim['pedigree'] as { notes: string }).notes).toContain('visudo needs a user database');
  });

  it('turns requiredBy into dependsOn: glibc is needed by bash, libstdc++ and shadow-utils', () => {
    const glibc = bom.components.find((c) => c['name'] === 'glibc')?.['bom-ref'];
    const dependents = bom.dependencies.filter((d) => d.dependsOn.includes(glibc as string)).map((d) => d.ref);
    expect(dependents.filter((r) => r !== 'image').map((r) => r.replace(/^pkg:rpm\/fedora\/|@.*$/g, ''))).toEqual(['bash', 'libstdc%2B%2B', 'shadow-utils']);
  });

  it('lists security advisories as vulnerabilities with the affected and the fixed version, and leaves bug fixes out', () => {
    expect(bom.vulnerabilities).toEqual([
      {
        'bom-ref': 'advisory:FEDORA-2026-9a8b7c6d5e',
        id: 'FEDORA-2026-9a8b7c6d5e',
        source: { name: 'updates-testing' },
        ratings: [{ source: { name: 'updates-testing' }, severity: 'high', method: 'other' }],
        description: 'glibc-2.42-5.fc43',
        recommendation: 'Update glibc-2.42-4.fc43.x86_64 to glibc-2.42-5.fc43.x86_64.',
        references: [
          { id: 'CVE-2026-0001', source: { name: 'CVE', url: 'https://www.cve.org/CVERecord?id=CVE-2026-0001' } },
          { id: 'CVE-2026-0002', source: { name: 'CVE', url: 'https://www.cve.org/CVERecord?id=CVE-2026-0002' } },
        ],
        published: '2026-01-10T02:03:04Z',
        affects: [{ ref: 'pkg:rpm/fedora/glibc@2.42-4.fc43?arch=x86_64&distro=fedora-43&repository_id=updates', versions: [{ version: '2.42-4.fc43', status: 'affected' }, { version: '2.42-5.fc43', status: 'unaffected' }] }],
      },
    ]);
    expect(ADVISORIES.filter((a) => a.type === 'bugfix')).toHaveLength(1);
  });

  it('keeps its serial number when only the time changes, and changes it with the content', () => {
    const later = buildCycloneDx(advisedManifest(), { ...OPTS, created: '2027-01-01T00:00:00Z' });
    expect(later.serialNumber).toBe(bom.serialNumber);
    expect(buildCycloneDx(manifest(), OPTS).serialNumber).not.toBe(bom.serialNumber);
  });
});

describe('SBOM parts', () => {
  it('reads the source package from the sourcerpm file name, with the binary\'s epoch', () => {
    const shadow = manifest().packages.find((p) => p.name === 'shadow-utils');
    expect(shadow && sourcePackageOf(shadow)).toEqual({ name: 'shadow-utils', epoch: 2, version: '4.18.0', release: '3.fc43', arch: 'src' });
    expect(shadow && sourcePackageOf({ ...shadow, sourcerpm: '' })).toBeNull();
  });

  it('names the version package.json has', () => {
    expect(TOOL.version).toBe((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
  });
});
