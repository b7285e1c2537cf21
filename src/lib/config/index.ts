/** Public API of the azldev project model: load a TOML tree, validate it, and resolve it with provenance. */
export { finishLoad, loadProject, pathsTheLoadChecks, pendingReads, refreshPaths, ROOT_CONFIG, startLoad, type LoadOptions, type LoadResult, type PendingLoad } from './load.ts';
export { CheckoutReader, loadFromReader, loadProjectFrom, readConfigTree, type DirEntries, type ProjectSource, type ReadOptions, type ReadProgress, type SourceText } from './read-project.ts';
export { resolveComponent, componentLayers, defaultDistro, type ResolvedComponent, type ResolvedOverlay, type UpstreamSource } from './resolve.ts';
export { resolveProject, type ResolvedProject, type ResolvedInputs } from './resolve-project.ts';
export { expandRepoSet, resolveInputs, standaloneRepos, type ExpandedRepo } from './resources.ts';
export { resolvePackageConfig } from './packages.ts';
export { parseLockFile } from './lockfile.ts';
export { DEFAULTS_PATH, DEFAULTS_TOML } from './defaults.ts';
export { formatPath } from './located-tree.ts';
export type { Project, BinaryPackageEntry, OverlayFileModel } from './model.ts';
export type * from './types.ts';
