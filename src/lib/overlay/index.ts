export { renderComponent, locateSpec } from './render.ts';
export { bumpRelease, planRelease, releaseTag, rpmautospecNote, usesAutorelease, type ReleaseCalculation, type ReleasePlan, type ReleaseRule } from './release.ts';
export { anchoredAlternative, anchorToLine } from './fragility.ts';
export { validateOverlay, isOverlayType, looksLikeArchive } from './validate.ts';
export { compileRe2, replaceAllLiteral, type Re2CompileResult, type Re2Pattern } from './regex.ts';
export { compileGlob, type Glob } from '../files/glob.ts';
export { parseSpec, splitSpecLines, joinSpecLines, type ParsedSpec, type SpecSection, type SpecTag } from './spec/model.ts';
export { derivePackageChanges, describePackages, splitDependencies } from './effects/derive.ts';
export { macrosFileContents } from './synthetic.ts';
export { unifiedDiff } from './diff.ts';
export { fileLineOwners, type LineOwners } from './line-owners.ts';
export type {
  DependencyKind,
  PackageChangeSet,
  SpecDependency,
  ValueChange,
  ExpansionOptions,
} from './effects/types.ts';
export { DEPENDENCY_KINDS } from './effects/types.ts';
export { OVERLAY_TYPES } from './types.ts';
export type {
  BuildInput,
  ComponentOverlayConfig,
  FileChange,
  FileContent,
  LineRange,
  OverlayInput,
  OverlayMetadata,
  OverlayOrigin,
  OverlayResult,
  OverlayType,
  RenderRequest,
  RenderResult,
  ResolvedOverlayInput,
  SourceFileInput,
  VirtualFiles,
} from './types.ts';
