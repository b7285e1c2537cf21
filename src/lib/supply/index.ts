/** Supply-chain views of a project: how it deviates from its upstream, and what reviewers would ask about it. */
export {
  deviationReport,
  DEVIATION_REPORT_VERSION,
  UNCATEGORIZED,
  UNKNOWN_STATUS,
  type BuildOptionDeviation,
  type DeviationLoc,
  type DeviationReport,
  type DeviationTotals,
  type LocalSpecDeviation,
  type OverlayDeviation,
  type ReleaseDeviation,
  type SkippedCheckDeviation,
  type SnapshotDeviation,
  type SourceFileDeviation,
  type UpstreamDeviation,
} from './deviations.ts';
export { deviationsJson } from './deviation-json.ts';
export { deviationsMarkdown } from './deviation-markdown.ts';
export { isCommitUrl, lintOverlayConfig, LINT_RULES, type LintFinding, type LintRule, type SpecCheckOutcome } from './lint.ts';
export { matchAdvisories, NO_SEVERITY, type AdvisoryMatch, type AdvisorySource, type AffectedPackage, type AffectingAdvisory, type InstalledPackage } from './advisories.ts';
export { CAPABILITY_RULES, checkCapabilities, PACKAGE_MANAGERS, ruleOf, type CapabilityCheck, type CapabilityRule, type CheckedPackage } from './capabilities.ts';
export { compareFootprint, type FootprintChange, type FootprintComparison, type FootprintPackage } from './footprint.ts';
