/** Public surface of the repository layer: sources, verification, decompression, comps, search and cache. */
export * from './errors.ts';
export * from './types.ts';
export { parseRepomd, type Checksum, type RepomdData, type RepomdInfo } from './repomd.ts';
export { verifyChecksum, digestHex, toHex, type ChecksumStage } from './checksum.ts';
export { decompressFile, detectCompression, type Compression } from './decompress.ts';
export { fetchBytes, isCrossOrigin, type FetchLike, type FetchBytesOptions, type FetchedBytes, type ByteProgressCallback } from './fetch-bytes.ts';
export { expandRepoVars, parseMetalink, parseMirrorlist, repoRootOf, type Metalink, type RepoVars } from './mirrors.ts';
export { loadRepoFiles, readVerifiedFile, REPOMD_HREF, type LoadRepoContext } from './load-repo.ts';
export { fetchRepo, createUrlReader, type UrlRepoSource, type FetchRepoOptions } from './url-source.ts';
export { loadLocalRepo, createLocalReader, type LocalRepoOptions } from './local-source.ts';
export { expandLocalFiles, unpackArchive, detectArchive, type LocalFile, type LocalFileBytes, type ArchiveKind } from './archive.ts';
export { listBundledRepos, loadBundledRepo, type BundledRepoEntry, type BundleOptions } from './bundle-source.ts';
export { parseUpdateinfo, type Advisory, type AdvisoryPackage, type AdvisoryReference } from './updateinfo.ts';
export * from './comps.ts';
export { expandGroup, mergeComps, type ExpandGroupOptions, type GroupExpansion } from './comps-expand.ts';
export * from './search-index.ts';
export * from './repo-cache.ts';
export * from './cache-repo.ts';
