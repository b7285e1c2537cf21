/** Public API of the azldev project model: load a TOML tree, validate it, and resolve it with provenance. */
export { loadProject, ROOT_CONFIG, type LoadOptions, type LoadResult } from './load.ts';
export { resolveComponent, componentLayers, defaultDistro, type ResolvedComponent, type ResolvedOverlay, type UpstreamSource } from './resolve.ts';
export { resolveProject, type ResolvedProject, type ResolvedInputs } from './resolve-project.ts';
export { expandRepoSet, resolveInputs, type ExpandedRepo } from './resources.ts';
export { resolvePackageConfig } from './packages.ts';
export { parseLockFile } from './lockfile.ts';
export { DEFAULTS_PATH, DEFAULTS_TOML } from './defaults.ts';
export type { Project, BinaryPackageEntry, OverlayFileModel } from './model.ts';
export type * from './types.ts';
