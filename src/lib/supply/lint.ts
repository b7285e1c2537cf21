/**
 * What reviewers of the real tree ask of an overlay (azurelinux#17887, #17888, #17964, #18773): a
 * description, metadata, a commit link on a backport, a bug link on a workaround, a pattern
 * anchored to whole lines where it can be, and that it still applies to the spec it targets.
 */
import type { DeviationLoc, OverlayDeviation } from './deviations.ts';

/** The rules, as the report and the CLI name them. */
export const LINT_RULES = [
  'overlay-no-description',
  'overlay-no-metadata',
  'backport-without-commit',
  'workaround-without-bug',
  'unanchored-pattern',
  'overlay-does-not-apply',
] as const;

/** One of the lint rules. */
export type LintRule = (typeof LINT_RULES)[number];

/** One finding about one overlay (or, with `overlay` null, about a component's overlays as a whole). */
export interface LintFinding extends DeviationLoc {
  rule: LintRule;
  severity: 'error' | 'warning' | 'info';
  component: string;
  /** The overlay's index in the component's apply order. */
  overlay: number | null;
  message: string;
  hint?: string;
  /** For `unanchored-pattern`: the anchored regex, checked to render the same spec. */
  suggestedRegex?: string;
}

/** The checks that need the spec (run by `checkOverlaysAgainstSpecs` in lib/project): which components were rendered, which could not be, and what was found. */
export interface SpecCheckOutcome {
  /** Components whose overlays were applied to their spec. */
  checked: string[];
  /** Components with overlays whose spec is not in the project, so nothing could be applied. */
  unchecked: { component: string; spec: string; overlays: number }[];
  findings: LintFinding[];
}

// A commit in the URL: GitHub/GitLab/Gitea `/commit/<sha>`, Pagure (src.fedoraproject.org) `/c/<sha>`,
// cgit `?id=<sha>`, Mercurial `/rev/<sha>`, or a full 40-digit hash anywhere in the path.
const COMMIT_URL = /\/(?:-\/)?commits?\/[0-9a-f]{7,40}\b|\/c\/[0-9a-f]{7,40}\b|[?&;]id=[0-9a-f]{7,40}\b|\/rev\/[0-9a-f]{7,40}\b|\/[0-9a-f]{40}(?:[/?#.]|$)/i;
// Descriptions that call themselves temporary, as the April tree's "WORKAROUND: …" ones do.
const WORKAROUND_WORDS = /\b(?:workaround|temporar(?:y|ily)|hack|FIXME|TODO)\b/i;

/** Whether URL points at one commit (not a repository, a branch or a pull request). */
export function isCommitUrl(url: string): boolean {
  return COMMIT_URL.test(url);
}

function finding(o: OverlayDeviation, rule: LintRule, severity: LintFinding['severity'], message: string, hint?: string): LintFinding {
  return { rule, severity, component: o.component, overlay: o.index, file: o.file, line: o.line, message, ...(hint ? { hint } : {}) };
}

/** The checks that need only the configuration: description, metadata, commit and bug links. */
export function lintOverlayConfig(overlays: readonly OverlayDeviation[]): LintFinding[] {
  const out: LintFinding[] = [];
  for (const o of overlays) {
    const label = `${o.component} overlay ${o.index + 1} (${o.type})`;
    if (o.description === null) {
      out.push(finding(o, 'overlay-no-description', 'warning', `${label} has no description`, 'say in `description` what the overlay changes and why it is needed (azurelinux#17887)'));
    }
    if (o.category === null) {
      out.push(finding(o, 'overlay-no-metadata', 'warning', `${label} has no metadata`, 'move it to an overlays/*.overlay.toml file with [metadata] category and upstream-status, so reviewers can tell when it can be dropped'));
    }
    if (o.category === 'upstream-backport' && !o.commits.some(isCommitUrl)) {
      out.push(finding(o, 'backport-without-commit', 'error',
        o.commits.length === 0 ? `${label} is a backport without a commit link` : `${label} is a backport whose commits name no commit: ${o.commits.join(', ')}`,
        'add commits = [{ url = "https://…/commit/<hash>" }] for the upstream change it carries'));
    }
    const workaround = o.category === 'azl-temp-workaround' || (o.description !== null && WORKAROUND_WORDS.test(o.description));
    if (workaround && o.bugs.length === 0) {
      out.push(finding(o, 'workaround-without-bug', 'warning',
        `${label} is a ${o.category === 'azl-temp-workaround' ? 'temporary workaround' : 'workaround by its description'} without a bug link`,
        'add bugs = [{ url = "…" }] for the issue that tracks removing it (azurelinux#17888)'));
    }
  }
  return out;
}
