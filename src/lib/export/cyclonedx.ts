/**
 * CycloneDX 1.6 JSON for an image manifest: the image as the BOM's operating-system component, which
 * depends on every RPM; one component per RPM with its purl (arch, epoch, distro, repository_id),
 * SHA-256, licence expression and source RPM (pedigree ancestor); dependencies between RPMs; the
 * security advisories that affect the image as vulnerabilities with affected and fixed versions;
 * overlay-changed packages annotated with their overlays (pedigree notes and properties).
 */
import { canonicalJson } from './canonical-json.ts';
import { rpmLicenseToSpdx } from './license.ts';
import type { Manifest, ManifestAdvisory, ManifestPackage } from './manifest.ts';
import { rpmPurl } from './purl.ts';
import { evrString, overlayNote, sourcePackageOf, type SbomOptions } from './sbom-parts.ts';
import { sha256Hex } from './sha256.ts';
import { TOOL } from './tool.ts';

/** The document this exporter writes (see schemas/published/bom-1.6.SNAPSHOT.schema.json). */
export interface CycloneDxBom {
  bomFormat: 'CycloneDX';
  specVersion: '1.6';
  serialNumber: string;
  version: 1;
  metadata: Record<string, unknown>;
  components: Record<string, unknown>[];
  dependencies: { ref: string; dependsOn: string[] }[];
  vulnerabilities?: Record<string, unknown>[];
}

const IMAGE_REF = 'image';
const HASH_ALGORITHMS: Record<string, string> = { md5: 'MD5', sha: 'SHA-1', sha1: 'SHA-1', sha256: 'SHA-256', sha384: 'SHA-384', sha512: 'SHA-512' };
// Red Hat's (and Fedora's) advisory severities on CycloneDX's scale.
const SEVERITIES: Record<string, string> = { critical: 'critical', important: 'high', high: 'high', moderate: 'medium', medium: 'medium', low: 'low', none: 'none' };

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** `2022-03-15 00:00:00` (updateinfo) or an ISO time as RFC 3339 UTC; undefined when it is neither. */
function isoTime(text: string | null): string | undefined {
  if (!text) return undefined;
  const m = /^(\d{4}-\d\d-\d\d)(?:[ T](\d\d:\d\d:\d\d))?/.exec(text.trim());
  return m ? `${m[1]}T${m[2] ?? '00:00:00'}Z` : undefined;
}

/** A urn:uuid (RFC 4122 layout, version 5 and variant bits set) derived from the content, so equal inputs give equal serials. */
function serialFor(content: string): string {
  const h = sha256Hex(content);
  const variant = ((parseInt(h.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function component(p: ManifestPackage, ref: string, opts: SbomOptions, note: string | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = { type: 'library', 'bom-ref': ref, name: p.name, version: evrString(p), purl: ref };
  if (p.summary) out['description'] = p.summary;
  const alg = HASH_ALGORITHMS[p.pkgid.type.toLowerCase()];
  if (alg) out['hashes'] = [{ alg, content: p.pkgid.value }];
  const license = rpmLicenseToSpdx(p.license).expression;
  if (license !== 'NOASSERTION') out['licenses'] = [{ expression: license }];
  out['externalReferences'] = [{ type: 'distribution', url: p.url }];
  const source = sourcePackageOf(p);
  const pedigree: Record<string, unknown> = {};
  if (source) pedigree['ancestors'] = [{ type: 'library', name: source.name, version: evrString(source), purl: rpmPurl(source, opts.purlNamespace ?? 'fedora', { distro: opts.distro }) }];
  if (note) pedigree['notes'] = note;
  if (Object.keys(pedigree).length > 0) out['pedigree'] = pedigree;
  const properties = [
    { name: `${TOOL.name}:repository`, value: p.repo },
    ...(p.sourcerpm ? [{ name: `${TOOL.name}:sourcerpm`, value: p.sourcerpm }] : []),
    ...(note ? [{ name: `${TOOL.name}:overlays`, value: note }] : []),
  ];
  out['properties'] = properties;
  return out;
}

function vulnerability(a: ManifestAdvisory, refOf: ReadonlyMap<string, { ref: string; pkg: ManifestPackage }>): Record<string, unknown> | null {
  const affects = a.packages.flatMap((p) => {
    const installed = refOf.get(p.installed);
    if (!installed) return [];
    const fixed = /^.+-(?:(\d+):)?([^-]+-[^-]+)\.[^.]+$/.exec(p.fixed);
    const fixedVersion = fixed ? `${fixed[1] ? `${fixed[1]}:` : ''}${fixed[2]}` : p.fixed;
    return [{ ref: installed.ref, versions: [{ version: evrString(installed.pkg), status: 'affected' }, { version: fixedVersion, status: 'unaffected' }] }];
  });
  if (affects.length === 0) return null;
  const source = { name: a.repos[0] ?? 'updateinfo' };
  const out: Record<string, unknown> = {
    'bom-ref': `advisory:${a.id}`,
    id: a.id,
    source,
    ratings: [{ source, severity: SEVERITIES[a.severity.toLowerCase()] ?? 'unknown', method: 'other' }],
    description: a.title,
    recommendation: `Update ${a.packages.map((p) => `${p.installed} to ${p.fixed}`).join(', ')}.`,
    affects: affects.sort((x, y) => byText(x.ref, y.ref)),
  };
  if (a.cves.length > 0) out['references'] = a.cves.map((id) => ({ id, source: { name: 'CVE', url: `https://www.cve.org/CVERecord?id=${id}` } }));
  const published = isoTime(a.issued);
  if (published) out['published'] = published;
  return out;
}

/** Builds the CycloneDX 1.6 document; its serial number is derived from everything but the timestamp. */
export function buildCycloneDx(manifest: Manifest, opts: SbomOptions): CycloneDxBom {
  const namespace = opts.purlNamespace ?? 'fedora';
  const notes = new Map((opts.overlayChanges ?? []).map((c) => [c.nevra, overlayNote(c)]));
  const refOf = new Map<string, { ref: string; pkg: ManifestPackage }>();
  for (const p of manifest.packages) refOf.set(p.nevra, { ref: rpmPurl(p, namespace, { distro: opts.distro, repositoryId: p.repo }), pkg: p });
  const components = manifest.packages.map((p) => component(p, (refOf.get(p.nevra) as { ref: string }).ref, opts, notes.get(p.nevra)));

  const byName = new Map(manifest.packages.map((p) => [p.name, p]));
  const dependsOn = new Map<string, Set<string>>(manifest.packages.map((p) => [(refOf.get(p.nevra) as { ref: string }).ref, new Set<string>()]));
  for (const p of manifest.packages) {
    const ref = (refOf.get(p.nevra) as { ref: string }).ref;
    // requiredBy lists NEVRAs (or names) of the packages that need this one: invert it into dependsOn.
    for (const by of p.requiredBy) {
      const requirer = refOf.get(by) ?? (byName.get(by) ? refOf.get((byName.get(by) as ManifestPackage).nevra) : undefined);
      if (requirer && requirer.ref !== ref) dependsOn.get(requirer.ref)?.add(ref);
    }
  }
  const dependencies = [
    { ref: IMAGE_REF, dependsOn: [...dependsOn.keys()].sort(byText) },
    ...[...dependsOn.entries()].map(([ref, set]) => ({ ref, dependsOn: [...set].sort(byText) })).sort((a, b) => byText(a.ref, b.ref)),
  ];
  const vulnerabilities = (manifest.advisories ?? [])
    .filter((a) => a.type.toLowerCase() === 'security')
    .map((a) => vulnerability(a, refOf))
    .filter((v): v is Record<string, unknown> => v !== null);

  const { inputs } = manifest;
  const image: Record<string, unknown> = {
    type: 'operating-system',
    'bom-ref': IMAGE_REF,
    name: inputs.profile ? `${inputs.image}:${inputs.profile}` : inputs.image,
    description: `Image ${inputs.image} for ${inputs.arch}, project ${inputs.projectHash}`,
    properties: [
      { name: `${TOOL.name}:arch`, value: inputs.arch },
      { name: `${TOOL.name}:project-hash`, value: inputs.projectHash },
      ...manifest.repos.map((r) => ({ name: `${TOOL.name}:repository`, value: `${r.id} ${r.url}` })),
    ],
  };
  const body = { components, dependencies, image, ...(vulnerabilities.length > 0 ? { vulnerabilities } : {}) };
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: serialFor(canonicalJson(body)),
    version: 1,
    metadata: {
      timestamp: opts.created,
      tools: { components: [{ type: 'application', name: TOOL.name, version: TOOL.version }] },
      component: image,
    },
    components,
    dependencies,
    ...(vulnerabilities.length > 0 ? { vulnerabilities } : {}),
  };
}

/** The CycloneDX 1.6 JSON text: format fields first, other keys sorted, so equal inputs give equal bytes. */
export function exportCycloneDx(manifest: Manifest, opts: SbomOptions): string {
  return canonicalJson(buildCycloneDx(manifest, opts), ['bomFormat', 'specVersion', 'serialNumber', 'version']);
}
