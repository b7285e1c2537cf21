/** The downloadable views of a built image, and the one entry point the browser and the CLI share. */
import { exportCycloneDx, exportKickstart, exportKiwiPackages, exportManifestJson, exportSpdx, exportTransactionJson, type Manifest, type SbomOverlayChange } from '../../export/index.ts';
import type { ImagePlan } from '../plan-image.ts';
import { buildImage } from './build-image.ts';
import type { ImageBuildOptions, ImageBuildResult, ImageBuildSuccess, ImageResolver, LoadedRepo } from './types.ts';

/** The export formats, as the CLI's `--format` spells them. */
export const IMAGE_EXPORT_FORMATS = ['manifest', 'spdx', 'cyclonedx', 'kickstart', 'kiwi', 'nevra', 'transaction'] as const;

/** One of the export formats. */
export type ImageExportFormat = (typeof IMAGE_EXPORT_FORMATS)[number];

/** Settings of an export beyond the build itself. */
export interface ImageExportOptions {
  format: ImageExportFormat;
  /** SPDX and CycloneDX creation time (ISO 8601 UTC); default `defaultCreated(manifest)`. */
  created?: string;
  /** Kickstart and KIWI package lines as names (default) or exact NEVRAs. */
  packages?: 'names' | 'nevra';
}

/** A build and, when it succeeded, the exported text. */
export interface ImageExportResult {
  result: ImageBuildResult;
  text: string | null;
}

/**
 * The SPDX creation time when none is given: the newest repository revision (repomd revisions are
 * Unix times), so equal inputs give equal bytes; the Unix epoch when no revision is numeric.
 */
export function defaultCreated(manifest: Manifest): string {
  const times = manifest.repos.map((r) => Number(r.revision)).filter((t) => Number.isInteger(t) && t > 0);
  const newest = times.length > 0 ? Math.max(...times) : 0;
  return new Date(newest * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The overlay-changed packages of a build that are in the image, for the SBOMs' annotations. */
function sbomOverlayChanges(build: ImageBuildSuccess): SbomOverlayChange[] {
  return build.overlayChanges
    .filter((c) => c.inImage && c.after !== null)
    .map((c) => ({ nevra: c.after as string, changes: c.changes, overlays: c.overlays }));
}

/** Writes one export of a successful build. */
export function exportImage(build: ImageBuildSuccess, opts: ImageExportOptions): string {
  const m = build.manifest;
  switch (opts.format) {
    case 'manifest':
      return exportManifestJson(m);
    case 'spdx':
      return exportSpdx(m, { created: opts.created ?? defaultCreated(m), overlayChanges: sbomOverlayChanges(build) });
    case 'cyclonedx':
      return exportCycloneDx(m, { created: opts.created ?? defaultCreated(m), overlayChanges: sbomOverlayChanges(build) });
    case 'kickstart':
      return exportKickstart(m, { packages: opts.packages ?? 'names', request: build.request });
    case 'kiwi':
      return exportKiwiPackages(m, { packages: opts.packages ?? 'names', ...(build.profile ? { profiles: build.profile.split(',') } : {}) });
    case 'nevra':
      return [...new Set(m.packages.map((p) => p.nevra))].sort().map((n) => `${n}\n`).join('');
    case 'transaction':
      return exportTransactionJson(m, build.request);
  }
}

/** Builds a planned image against REPOS and exports it in one call (`azl-playground image`). */
export async function buildImageExport(resolver: ImageResolver, plan: ImagePlan, repos: readonly LoadedRepo[], opts: ImageExportOptions, build: ImageBuildOptions = {}): Promise<ImageExportResult> {
  const result = await buildImage(resolver, plan, repos, build);
  return { result, text: result.ok ? exportImage(result, opts) : null };
}
