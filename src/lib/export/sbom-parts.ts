/** What the SPDX and CycloneDX exporters share: options, source RPMs, version strings, overlay notes. */
import type { ManifestPackage } from './manifest.ts';
import type { PurlPackage } from './purl.ts';

/** One package the project's overlays changed, as the image build reports it. */
export interface SbomOverlayChange {
  /** NEVRA of the changed package (as in the manifest). */
  nevra: string;
  /** One line per change, e.g. `Requires: + audit`. */
  changes: string[];
  /** Each overlay behind the change: where it is written and what it says. */
  overlays: { description: string; type: string; file: string; line: number }[];
}

/** Settings both SBOM formats take beyond the manifest. */
export interface SbomOptions {
  /** ISO 8601 UTC creation time, e.g. `2026-01-01T00:00:00Z`; passed in so output stays reproducible. */
  created: string;
  /** purl namespace (vendor), e.g. `fedora`, `centos`, `azurelinux`. Default `fedora`. */
  purlNamespace?: string;
  /** purl `distro` qualifier, e.g. `fedora-43`; omitted when unset. */
  distro?: string;
  /** Packages changed by overlays, annotated with them. */
  overlayChanges?: readonly SbomOverlayChange[];
}

/** `[epoch:]version-release`, as rpm prints an EVR. */
export function evrString(p: { epoch: number; version: string; release: string }): string {
  return `${p.epoch > 0 ? `${p.epoch}:` : ''}${p.version}-${p.release}`;
}

/**
 * The source RPM a binary was built from, from its `sourcerpm` file name (`bash-5.1.8-2.el9.src.rpm`).
 * The file name carries no epoch; a source package has its binaries' epoch (one spec), so that is
 * used. Null when the name is not `name-version-release.src.rpm`.
 */
export function sourcePackageOf(p: ManifestPackage): PurlPackage | null {
  const m = /^(.+)-([^-]+)-([^-]+)\.(?:no)?src\.rpm$/.exec(p.sourcerpm);
  if (!m) return null;
  return { name: m[1] as string, epoch: p.epoch, version: m[2] as string, release: m[3] as string, arch: 'src' };
}

/** One sentence naming the overlays behind a changed package and what they changed. */
export function overlayNote(change: SbomOverlayChange): string {
  const overlays = change.overlays.map((o) => `${o.description} (${o.type}, ${o.file}:${o.line})`).join('; ');
  return `Changed by the project's overlays: ${overlays}. Changes: ${change.changes.join('; ')}.`;
}
