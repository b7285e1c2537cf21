/**
 * SPDX 2.3 JSON for an image manifest, as scanners and Red Hat's SBOM guidelines expect: the image as
 * an OPERATING_SYSTEM package that CONTAINS one package per RPM (purl with arch, epoch, distro and
 * repository_id; the RPM's checksum; SPDX licence expression), each GENERATED_FROM its source RPM
 * (a package of its own), dependency relationships, and overlay-changed packages annotated with their overlays.
 */
import { canonicalJson } from './canonical-json.ts';
import { rpmLicenseToSpdx, type ExtractedLicense } from './license.ts';
import type { Manifest, ManifestPackage } from './manifest.ts';
import { rpmPurl } from './purl.ts';
import { evrString, overlayNote, sourcePackageOf, type SbomOptions } from './sbom-parts.ts';
import { sha256Hex } from './sha256.ts';
import { TOOL } from './tool.ts';

/** Settings that are not in the manifest. */
export interface SpdxOptions extends SbomOptions {
  /** `creationInfo.creators`; default `Tool: azl-playground-<version>`. */
  creators?: string[];
  /** Prefix of `documentNamespace`; the content hash is appended. */
  namespaceBase?: string;
}

/** One SPDX relationship. */
export interface SpdxRelationship {
  spdxElementId: string;
  relationshipType: 'DESCRIBES' | 'CONTAINS' | 'DEPENDS_ON' | 'OPTIONAL_DEPENDENCY_OF' | 'GENERATED_FROM';
  relatedSpdxElement: string;
}

/** The subset of an SPDX 2.3 document this exporter writes (see schemas/spdx-2.3.schema.json). */
export interface SpdxDocument {
  spdxVersion: 'SPDX-2.3';
  dataLicense: 'CC0-1.0';
  SPDXID: 'SPDXRef-DOCUMENT';
  name: string;
  documentNamespace: string;
  creationInfo: { created: string; creators: string[] };
  packages: Record<string, unknown>[];
  relationships: SpdxRelationship[];
  hasExtractedLicensingInfos?: ExtractedLicense[];
}

const CHECKSUM_ALGORITHMS: Record<string, string> = { sha: 'SHA1', sha1: 'SHA1', sha224: 'SHA224', sha256: 'SHA256', sha384: 'SHA384', sha512: 'SHA512', md5: 'MD5' };
const IMAGE_ID = 'SPDXRef-Image';

/** SPDX ids allow letters, digits, `.` and `-`; equal sanitised NEVRAs get a numeric suffix. */
function spdxIds(packages: readonly ManifestPackage[]): Map<ManifestPackage, string> {
  const out = new Map<ManifestPackage, string>();
  const used = new Set<string>();
  for (const p of packages) {
    const base = `SPDXRef-RPM-${p.nevra.replace(/[^A-Za-z0-9.-]+/g, '-')}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    out.set(p, id);
  }
  return out;
}


/** Dependency edges: OPTIONAL_DEPENDENCY_OF for the weak dependency that pulled a package in, DEPENDS_ON for every other requirer. */
function dependencyRelationships(manifest: Manifest, ids: Map<ManifestPackage, string>): SpdxRelationship[] {
  const byNevra = new Map(manifest.packages.map((p) => [p.nevra, p]));
  const byName = new Map(manifest.packages.map((p) => [p.name, p]));
  const find = (ref: string): ManifestPackage | undefined => byNevra.get(ref) ?? byName.get(ref);
  const out: SpdxRelationship[] = [];
  for (const p of manifest.packages) {
    const id = ids.get(p) as string;
    const weakBy = p.reason.kind === 'weak-dependency' ? find(p.reason.by) : undefined;
    if (weakBy) out.push({ spdxElementId: id, relationshipType: 'OPTIONAL_DEPENDENCY_OF', relatedSpdxElement: ids.get(weakBy) as string });
    for (const ref of p.requiredBy) {
      const requirer = find(ref);
      if (!requirer || requirer === weakBy || requirer === p) continue;
      out.push({ spdxElementId: ids.get(requirer) as string, relationshipType: 'DEPENDS_ON', relatedSpdxElement: id });
    }
  }
  return out;
}

const relKey = (r: SpdxRelationship): string => `${r.spdxElementId}\u0000${r.relationshipType}\u0000${r.relatedSpdxElement}`;

/** The source packages of MANIFEST, one per source RPM file, with their SPDX ids and the binaries built from each. */
function sourcePackages(manifest: Manifest, taken: ReadonlySet<string>): { id: string; purlPackage: NonNullable<ReturnType<typeof sourcePackageOf>>; file: string; binaries: ManifestPackage[] }[] {
  const bySource = new Map<string, { id: string; purlPackage: NonNullable<ReturnType<typeof sourcePackageOf>>; file: string; binaries: ManifestPackage[] }>();
  for (const p of manifest.packages) {
    const source = sourcePackageOf(p);
    if (!source) continue;
    const entry = bySource.get(p.sourcerpm);
    if (entry) {
      entry.binaries.push(p);
      continue;
    }
    let id = `SPDXRef-SRPM-${p.sourcerpm.replace(/\.rpm$/, '').replace(/[^A-Za-z0-9.-]+/g, '-')}`;
    for (let n = 2; taken.has(id); n++) id = `${id}-${n}`;
    bySource.set(p.sourcerpm, { id, purlPackage: source, file: p.sourcerpm, binaries: [p] });
  }
  return [...bySource.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** Builds the SPDX document; its namespace ends in a hash of everything except the creation info. */
export function buildSpdxDocument(manifest: Manifest, opts: SpdxOptions): SpdxDocument {
  const ids = spdxIds(manifest.packages);
  const extracted = new Map<string, ExtractedLicense>();
  const { inputs } = manifest;
  const creators = opts.creators ?? [`Tool: ${TOOL.name}-${TOOL.version}`];
  const namespace = opts.purlNamespace ?? 'fedora';
  const changed = new Map((opts.overlayChanges ?? []).map((c) => [c.nevra, c]));
  const packages: Record<string, unknown>[] = [
    {
      SPDXID: IMAGE_ID,
      name: inputs.profile ? `${inputs.image}:${inputs.profile}` : inputs.image,
      downloadLocation: 'NOASSERTION',
      filesAnalyzed: false,
      licenseConcluded: 'NOASSERTION',
      licenseDeclared: 'NOASSERTION',
      copyrightText: 'NOASSERTION',
      primaryPackagePurpose: 'OPERATING_SYSTEM',
      comment: `Image ${inputs.image} for ${inputs.arch}, project ${inputs.projectHash}`,
    },
  ];
  for (const p of manifest.packages) {
    const license = rpmLicenseToSpdx(p.license);
    for (const e of license.extracted) extracted.set(e.licenseId, e);
    const algorithm = CHECKSUM_ALGORITHMS[p.pkgid.type.toLowerCase()];
    const pkg: Record<string, unknown> = {
      SPDXID: ids.get(p),
      name: p.name,
      versionInfo: evrString(p),
      supplier: 'NOASSERTION',
      downloadLocation: p.url,
      filesAnalyzed: false,
      licenseConcluded: 'NOASSERTION',
      licenseDeclared: license.expression,
      copyrightText: 'NOASSERTION',
      externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: rpmPurl(p, namespace, { distro: opts.distro, repositoryId: p.repo }) }],
    };
    const change = changed.get(p.nevra);
    if (change) pkg['annotations'] = [{ annotationDate: opts.created, annotationType: 'OTHER', annotator: creators[0] ?? `Tool: ${TOOL.name}`, comment: overlayNote(change) }];
    if (algorithm) pkg['checksums'] = [{ algorithm, checksumValue: p.pkgid.value }];
    if (p.summary) pkg['summary'] = p.summary;
    if (p.sourcerpm) pkg['sourceInfo'] = `built from source RPM ${p.sourcerpm}`;
    packages.push(pkg);
  }
  const sources = sourcePackages(manifest, new Set(ids.values()));
  for (const source of sources) {
    packages.push({
      SPDXID: source.id,
      name: source.purlPackage.name,
      versionInfo: evrString(source.purlPackage),
      packageFileName: source.file,
      supplier: 'NOASSERTION',
      downloadLocation: 'NOASSERTION',
      filesAnalyzed: false,
      licenseConcluded: 'NOASSERTION',
      licenseDeclared: 'NOASSERTION',
      copyrightText: 'NOASSERTION',
      primaryPackagePurpose: 'SOURCE',
      externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: rpmPurl(source.purlPackage, namespace, { distro: opts.distro }) }],
    });
  }
  const relationships: SpdxRelationship[] = [
    { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: IMAGE_ID },
    ...manifest.packages.map((p): SpdxRelationship => ({ spdxElementId: IMAGE_ID, relationshipType: 'CONTAINS', relatedSpdxElement: ids.get(p) as string })),
    ...sources.flatMap((s) => s.binaries.map((p): SpdxRelationship => ({ spdxElementId: ids.get(p) as string, relationshipType: 'GENERATED_FROM', relatedSpdxElement: s.id }))),
    ...dependencyRelationships(manifest, ids),
  ];
  const unique = [...new Map(relationships.map((r) => [relKey(r), r])).values()].sort((a, b) => (relKey(a) < relKey(b) ? -1 : 1));
  const body = {
    name: `${inputs.image}${inputs.profile ? `-${inputs.profile}` : ''}-${inputs.arch}`,
    packages,
    relationships: unique,
    ...(extracted.size > 0 ? { hasExtractedLicensingInfos: [...extracted.values()].sort((a, b) => (a.licenseId < b.licenseId ? -1 : 1)) } : {}),
  };
  const hash = sha256Hex(canonicalJson(body));
  const base = (opts.namespaceBase ?? 'https://azl-playground.invalid/spdx').replace(/\/+$/, '');
  return {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    documentNamespace: `${base}/${body.name.replace(/[^A-Za-z0-9.-]+/g, '-')}-${hash}`,
    creationInfo: { created: opts.created, creators },
    ...body,
  };
}

/** The SPDX 2.3 JSON text: document header fields first, other keys sorted, so equal inputs give equal bytes. */
export function exportSpdx(manifest: Manifest, opts: SpdxOptions): string {
  return canonicalJson(buildSpdxDocument(manifest, opts), ['spdxVersion', 'dataLicense', 'SPDXID', 'name', 'documentNamespace']);
}
