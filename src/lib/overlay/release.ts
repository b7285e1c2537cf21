/**
 * azldev's release calculation during render (`release.calculation`): after the overlays, a static
 * Release is bumped by the number of synthetic commits azldev puts on the component's history;
 * `%autorelease` is left to rpmautospec; `manual` is left alone.
 */
import { parseSpec, tagsOfPackage } from './spec/model.ts';

/**
 * Which static Release values azldev bumps. `azldev-1.0`: only an integer, optionally followed by
 * `%{?dist}` or `%{dist}` (narrowed in azldev commit 0ce1bc8; 1.0.0 has it). `april-2026`: any value
 * that starts with an integer, the rest kept (the azldev that rendered the April 2026 Azure Linux tree).
 */
export type ReleaseRule = 'azldev-1.0' | 'april-2026';

const STATIC_RELEASE: Record<ReleaseRule, RegExp> = {
  'azldev-1.0': /^(\d+)(%\{\??dist\})?$/,
  'april-2026': /^(\d+)(.*)$/,
};

// The forms of %autorelease azldev recognises: bare, braced, braced with arguments, conditional.
const AUTORELEASE = /%(\{[?]?autorelease($|[}\s])|autorelease($|\s))/;
const AUTOCHANGELOG = /%(\{autochangelog\}|autochangelog($|\s))/;

/** The release modes of `release.calculation`; an absent value means `auto`. */
export type ReleaseCalculation = 'auto' | 'manual' | 'autorelease' | 'static';

/** What release calculation does to a rendered spec. */
export type ReleasePlan =
  | { kind: 'none'; reason: string }
  | { kind: 'rpmautospec' }
  | { kind: 'bump'; from: string; to: string; line: number }
  | { kind: 'error'; message: string; line: number };

/** The main package's Release value and its 1-based line: the last Release tag, as azldev reads it. */
export function releaseTag(lines: string[]): { value: string; line: number } | undefined {
  const tags = tagsOfPackage(parseSpec(lines), '').filter((t) => t.tag.toLowerCase() === 'release');
  const last = tags.at(-1);
  return last ? { value: last.value.trim(), line: last.line + 1 } : undefined;
}

/** VALUE with its leading integer raised by COUNT under RULE, or null when RULE does not allow bumping it. */
export function bumpRelease(value: string, count: number, rule: ReleaseRule): string | null {
  const match = STATIC_RELEASE[rule].exec(value);
  if (!match) return null;
  return `${Number(match[1]) + count}${match[2] ?? ''}`;
}

/** Whether a Release value uses `%autorelease`. */
export function usesAutorelease(value: string): boolean {
  return AUTORELEASE.test(value);
}

/** Whether the spec's `%changelog` uses `%autochangelog`. */
export function usesAutochangelog(lines: string[]): boolean {
  const spec = parseSpec(lines);
  return spec.sections.some((s) => s.name === '%changelog' && lines.slice(s.bodyStart, s.end).some((l) => AUTOCHANGELOG.test(l)));
}

/** What azldev's render does to the Release of LINES with CALCULATION after COMMITS synthetic commits. */
export function planRelease(lines: string[], calculation: ReleaseCalculation, commits: number, rule: ReleaseRule): ReleasePlan {
  if (commits <= 0) return { kind: 'none', reason: 'no synthetic commits, so nothing to bump' };
  if (calculation === 'manual') return { kind: 'none', reason: 'release.calculation = "manual"' };
  if (calculation === 'autorelease') return { kind: 'rpmautospec' };
  const tag = releaseTag(lines);
  if (!tag) return { kind: 'error', message: 'the spec has no Release tag in its main package, so azldev cannot calculate the release', line: 0 };
  if (usesAutorelease(tag.value)) {
    if (calculation === 'static') {
      return { kind: 'error', message: `release.calculation = "static" but the Release tag uses %autorelease; set release.calculation = "autorelease" instead`, line: tag.line };
    }
    return { kind: 'rpmautospec' };
  }
  const to = bumpRelease(tag.value, commits, rule);
  if (to !== null) return { kind: 'bump', from: tag.value, to, line: tag.line };
  const older = rule === 'azldev-1.0' ? bumpRelease(tag.value, commits, 'april-2026') : null;
  const before = older === null ? '' : ` (the azldev that rendered the April 2026 tree bumped any leading integer and wrote ${older}; azldev 0ce1bc8 narrowed the rule to an integer with an optional %{?dist})`;
  return {
    kind: 'error',
    message: `the Release tag value ${JSON.stringify(tag.value)} cannot be bumped automatically${before}; set release.calculation = "manual" and, if needed, a spec-set-tag overlay for Release`,
    line: tag.line,
  };
}

/** The note the rendered view shows where rpmautospec would run: it needs dist-git history the playground does not have. */
export function rpmautospecNote(lines: string[]): string | null {
  const tag = releaseTag(lines);
  const release = tag !== undefined && usesAutorelease(tag.value);
  const changelog = usesAutochangelog(lines);
  if (!release && !changelog) return null;
  const macros = [release ? '%autorelease' : '', changelog ? '%autochangelog' : ''].filter((m) => m !== '').join(' and ');
  return `${macros} stay as written here: azldev runs rpmautospec (process-distgit) over the component's dist-git history, upstream commits plus its synthetic ones, to turn them into a release number and changelog entries; that history is not available offline, so the spec azldev commits has concrete values where this one has the macros`;
}
