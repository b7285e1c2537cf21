import { OverlayError } from '../errors.ts';
import {
  collectConditionalPairs,
  ConditionalStructureError,
  conditionalDepthChange,
  isBlankOrComment,
  isBranchDirective,
  type ConditionalPair,
} from './conditionals.ts';
import { parseSpec, type SpecSection } from './model.ts';

/** A half-open `[start, end)` range of 0-based line indexes. */
interface LineSpan {
  start: number;
  end: number;
}

function spansError(span: LineSpan): OverlayError {
  return new OverlayError(
    `section at lines ${span.start + 1}-${span.end} has a conditional block that spans into the next section; ` +
      'use a spec-search-replace overlay to adjust conditionals before removing',
    span.start + 1,
  );
}

function hasContentBetween(lines: readonly string[], after: number, end: number): boolean {
  for (let i = after + 1; i < end; i += 1) {
    const line = lines[i] as string;
    if (!isBlankOrComment(line) && conditionalDepthChange(line) === 0) return true;
  }
  return false;
}

// azldev's balanceRange: a section's range stops before any %if/%endif whose partner lies outside
// it, so removing the section leaves the surrounding conditional intact. Content caught between a
// straddling %if and the next header, or a %else whose conditional reaches outside, cannot be
// removed safely and is an error.
function balance(span: LineSpan, lines: readonly string[], pairs: readonly ConditionalPair[]): LineSpan {
  let trimmed = span.end;
  for (const pair of pairs) {
    const ifInside = pair.ifLine >= span.start && pair.ifLine < span.end;
    const endifInside = pair.endifLine >= span.start && pair.endifLine < span.end;
    if (ifInside === endifInside) continue;
    const insideLine = ifInside ? pair.ifLine : pair.endifLine;
    trimmed = Math.min(trimmed, insideLine);
    if (ifInside && hasContentBetween(lines, pair.ifLine, span.end)) throw spansError(span);
  }
  for (let i = span.start; i < span.end; i += 1) {
    if (!isBranchDirective(lines[i] as string)) continue;
    const enclosing = pairs.find((p) => p.ifLine <= i && p.endifLine >= i);
    if (enclosing && !(enclosing.ifLine >= span.start && enclosing.endifLine < span.end)) {
      throw new OverlayError(
        `section at lines ${span.start + 1}-${span.end} contains a %else/%elif branch directive inside a conditional ` +
          'block that extends beyond the section boundary; use a spec-search-replace overlay to adjust conditionals before removing',
        i + 1,
      );
    }
  }
  if (trimmed === span.end) return span;
  if (hasContentBetween(lines, trimmed - 1, span.end)) throw spansError(span);
  return { start: span.start, end: trimmed };
}

function removeMatching(lines: string[], matches: (s: SpecSection) => boolean, notFound: () => OverlayError): string[] {
  const spec = parseSpec(lines);
  const spans = spec.sections.filter((s) => s.header >= 0 && matches(s)).map((s) => ({ start: s.header, end: s.end }));
  if (spans.length === 0) throw notFound();
  let pairs: ConditionalPair[];
  try {
    pairs = collectConditionalPairs(lines);
  } catch (error) {
    if (error instanceof ConditionalStructureError) {
      throw new OverlayError(`failed to parse conditional structure: ${error.message}`, error.line);
    }
    throw error;
  }
  // Validate every range first so a failure leaves the spec untouched.
  const balanced = spans.map((span) => balance(span, lines, pairs));
  const doomed = new Uint8Array(lines.length);
  for (const span of balanced) doomed.fill(1, span.start, span.end);
  return lines.filter((_, i) => doomed[i] === 0);
}

/** spec-remove-section: removes every section matching (section, package), header and body. */
export function removeSection(lines: string[], section: string, pkg: string): string[] {
  if (section === '') throw new OverlayError('cannot remove the global/preamble section');
  return removeMatching(
    lines,
    (s) => s.name === section && s.package === pkg,
    () => new OverlayError(`section ${JSON.stringify(section)} (package=${JSON.stringify(pkg)}) not found`),
  );
}

/** spec-remove-subpackage: removes every section whose package is `pkg`, in whichever header form it is named. */
export function removeSubpackage(lines: string[], pkg: string): string[] {
  if (pkg === '') throw new OverlayError('cannot remove sub-package with empty name');
  return removeMatching(
    lines,
    (s) => s.package === pkg,
    () => new OverlayError(`sub-package ${JSON.stringify(pkg)} not found`),
  );
}
