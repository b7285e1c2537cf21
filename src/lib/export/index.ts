/** Deterministic exports of a resolved image: manifest JSON, SPDX 2.3, kickstart, KIWI fragment, dnf5 transaction. */
export { buildManifest, exportManifestJson, manifestReason, packageUrl, withAdvisories, MANIFEST_SCHEMA_VERSION, type ManifestAdvisory, type ManifestAdvisoryPackage, type ManifestReason, type Checksum, type Manifest, type ManifestInputs, type ManifestPackage, type ManifestRepo, type ManifestTotals } from './manifest.ts';
export { buildSpdxDocument, exportSpdx, type SpdxDocument, type SpdxOptions, type SpdxRelationship } from './spdx.ts';
export { exportKickstart, CLOUD_IMAGE_DEFAULTS, type CloudImageSettings, type KickstartExportOptions, type KickstartPartitioning } from './kickstart.ts';
export { exportKiwiPackages, type KiwiExportOptions } from './kiwi.ts';
export { exportTransactionJson, fullNevra, TRANSACTION_FORMAT_VERSION } from './transaction.ts';
export { rpmLicenseToSpdx, licenseRefFor, type ExtractedLicense, type SpdxLicense } from './license.ts';
export { rpmPurl, purlEncode, type PurlQualifiers } from './purl.ts';
export { evrString, overlayNote, sourcePackageOf, type SbomOptions, type SbomOverlayChange } from './sbom-parts.ts';
export { buildCycloneDx, exportCycloneDx, type CycloneDxBom } from './cyclonedx.ts';
export { TOOL } from './tool.ts';
export { canonicalJson } from './canonical-json.ts';
export { sha256Hex } from './sha256.ts';
