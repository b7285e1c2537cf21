import { lineFacts } from './line-facts.ts';

/** A matched `%if…`/`%endif` pair, as 0-based line indexes. */
export interface ConditionalPair {
  ifLine: number;
  endifLine: number;
}

const OPENERS = new Set(['%if', '%ifarch', '%ifnarch', '%ifos', '%ifnos']);
const BRANCHES = new Set(['%else', '%elif', '%elifarch', '%elifnarch', '%elifos', '%elifnos']);

function firstToken(line: string): string {
  return lineFacts(line).directive;
}

/** +1 for a line that opens a conditional, -1 for `%endif`, 0 otherwise (comments ignored). */
export function conditionalDepthChange(line: string): number {
  const token = firstToken(line);
  if (token === '%endif') return -1;
  return OPENERS.has(token) ? 1 : 0;
}

/** Whether the line is `%else`/`%elif…`, a branch inside an enclosing conditional. */
export function isBranchDirective(line: string): boolean {
  return BRANCHES.has(firstToken(line));
}

/** Whether the line is any conditional directive: opener, branch or `%endif`. */
export function isConditionalDirective(line: string): boolean {
  return conditionalDepthChange(line) !== 0 || isBranchDirective(line);
}

/** Whether the line is blank or a comment. */
export function isBlankOrComment(line: string): boolean {
  const trimmed = line.trim();
  return trimmed === '' || trimmed.startsWith('#');
}

const MACRO_DEFINITION = /^\s*%(define|global)\s/;

/** Pairs every opener with its `%endif`; throws on unmatched directives. Skips multi-line macro bodies. */
export function collectConditionalPairs(lines: readonly string[]): ConditionalPair[] {
  const pairs: ConditionalPair[] = [];
  const stack: number[] = [];
  let inMacroBody = false;
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] as string;
    // A %define body continued with backslashes may contain %if text that rpm does not see as
    // a spec-level conditional.
    if (inMacroBody) {
      inMacroBody = line.endsWith('\\');
      continue;
    }
    if (line.endsWith('\\') && MACRO_DEFINITION.test(line)) {
      inMacroBody = true;
      continue;
    }
    const change = conditionalDepthChange(line);
    if (change === 1) stack.push(i);
    else if (change === -1) {
      const open = stack.pop();
      if (open === undefined) throw new ConditionalStructureError(`unmatched %endif at line ${i + 1}`, i + 1);
      pairs.push({ ifLine: open, endifLine: i });
    }
  }
  if (stack.length > 0) {
    const line = (stack[0] as number) + 1;
    throw new ConditionalStructureError(`unmatched %if at line ${line}`, line);
  }
  return pairs;
}

/** Unbalanced `%if`/`%endif` in the spec; carries the 1-based line. */
export class ConditionalStructureError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** The innermost pair enclosing `line` (exclusive of the pair's own lines), if any. */
export function enclosingPair(pairs: readonly ConditionalPair[], line: number): ConditionalPair | undefined {
  let best: ConditionalPair | undefined;
  for (const pair of pairs) {
    if (pair.ifLine < line && pair.endifLine > line && (!best || pair.ifLine > best.ifLine)) best = pair;
  }
  return best;
}

/** The pair whose opener or `%endif` is exactly `line`. */
export function pairAt(pairs: readonly ConditionalPair[], line: number): ConditionalPair | undefined {
  return pairs.find((p) => p.ifLine === line || p.endifLine === line);
}

/** Texts of the `%if` lines enclosing `line`, outermost first; unbalanced specs give none. */
export function conditionsAt(lines: readonly string[], pairs: readonly ConditionalPair[], line: number): string[] {
  return pairs
    .filter((p) => p.ifLine < line && p.endifLine > line)
    .sort((a, b) => a.ifLine - b.ifLine)
    .map((p) => (lines[p.ifLine] as string).trim());
}
