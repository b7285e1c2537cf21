/** SPDX 2.3 JSON for an image manifest: one package per RPM, purls, checksums, licences and dependency relationships. */
import { canonicalJson } from './canonical-json.ts';
import { rpmLicenseToSpdx, type ExtractedLicense } from './license.ts';
import type { Manifest, ManifestPackage } from './manifest.ts';
import { rpmPurl } from './purl.ts';
import { sha256Hex } from './sha256.ts';

/** Settings that are not in the manifest. */
export interface SpdxOptions {
  /** ISO 8601 UTC creation time, e.g. `2026-01-01T00:00:00Z`; passed in so output stays reproducible. */
  created: string;
  /** `creationInfo.creators`; default `Tool: azl-playground`. */
  creators?: string[];
  /** Prefix of `documentNamespace`; the content hash is appended. */
  namespaceBase?: string;
  /** purl namespace (vendor), e.g. `fedora` or `azurelinux`. Default `fedora`. */
  purlNamespace?: string;
  /** purl `distro` qualifier, e.g. `fedora-43`; omitted when unset. */
  distro?: string;
}

/** One SPDX relationship. */
export interface SpdxRelationship {
  spdxElementId: string;
  relationshipType: 'DESCRIBES' | 'CONTAINS' | 'DEPENDS_ON' | 'OPTIONAL_DEPENDENCY_OF';
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

function versionInfo(p: ManifestPackage): string {
  return `${p.epoch > 0 ? `${p.epoch}:` : ''}${p.version}-${p.release}`;
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

/** Builds the SPDX document; its namespace ends in a hash of everything except the creation info. */
export function buildSpdxDocument(manifest: Manifest, opts: SpdxOptions): SpdxDocument {
  const ids = spdxIds(manifest.packages);
  const extracted = new Map<string, ExtractedLicense>();
  const { inputs } = manifest;
  const packages: Record<string, unknown>[] = [
    {
      SPDXID: IMAGE_ID,
      name: inputs.profile ? `${inputs.image}:${inputs.profile}` : inputs.image,
      downloadLocation: 'NOASSERTION',
      filesAnalyzed: false,
      licenseConcluded: 'NOASSERTION',
      licenseDeclared: 'NOASSERTION',
      copyrightText: 'NOASSERTION',
      primaryPackagePurpose: 'OPERATING-SYSTEM',
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
      versionInfo: versionInfo(p),
      supplier: 'NOASSERTION',
      downloadLocation: p.url,
      filesAnalyzed: false,
      licenseConcluded: 'NOASSERTION',
      licenseDeclared: license.expression,
      copyrightText: 'NOASSERTION',
      externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: rpmPurl(p, opts.purlNamespace ?? 'fedora', opts.distro) }],
    };
    if (algorithm) pkg['checksums'] = [{ algorithm, checksumValue: p.pkgid.value }];
    if (p.summary) pkg['summary'] = p.summary;
    if (p.sourcerpm) pkg['sourceInfo'] = `built from source RPM ${p.sourcerpm}`;
    packages.push(pkg);
  }
  const relationships: SpdxRelationship[] = [
    { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: IMAGE_ID },
    ...manifest.packages.map((p): SpdxRelationship => ({ spdxElementId: IMAGE_ID, relationshipType: 'CONTAINS', relatedSpdxElement: ids.get(p) as string })),
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
    creationInfo: { created: opts.created, creators: opts.creators ?? ['Tool: azl-playground'] },
    ...body,
  };
}

/** The SPDX 2.3 JSON text: document header fields first, other keys sorted, so equal inputs give equal bytes. */
export function exportSpdx(manifest: Manifest, opts: SpdxOptions): string {
  return canonicalJson(buildSpdxDocument(manifest, opts), ['spdxVersion', 'dataLicense', 'SPDXID', 'name', 'documentNamespace']);
}
