/** Image builds: a project's image resolved against matched repositories, with overlays shadowing upstream packages, and its exports. */
export { buildImage } from './build-image.ts';
export { buildImageExport, defaultCreated, exportImage, IMAGE_EXPORT_FORMATS, type ImageExportFormat, type ImageExportOptions, type ImageExportResult } from './exports.ts';
export { architectureMismatch, listImages, topLevelKickstarts } from './catalog.ts';
export { describeImage, type DescribedRequest, type DescribeOptions } from './image-request.ts';
export { matchRepos, wantedRepos, type WantedRepo } from './repos.ts';
export { componentSourceName, componentSpecPath, renderOverlaidComponents, syntheticCommitsOf, DIST_PLACEHOLDER, type AttributedChange, type ComponentChanges } from './overlays.ts';
export { buildShadow, OVERLAY_REPO_ID, OVERLAY_REPO_URL, type ShadowResult } from './shadow.ts';
export { escapeXml, readBackRecords, writePrimaryXml } from './primary-xml.ts';
export { contentBytes, loadedRepoFromFiles, loadedRepoFromSession, loadedReposFromSession } from './loaded-repo.ts';
export type * from './types.ts';
