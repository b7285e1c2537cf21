/** The deviation report as JSON text: identifying keys first, the rest sorted, so equal projects give equal bytes. */
import { canonicalJson } from '../export/index.ts';
import type { DeviationReport } from './deviations.ts';

const PINNED = ['formatVersion', 'baseline', 'component', 'index', 'type', 'description', 'file', 'line'];

/** Serialises the report deterministically (two-space indent, trailing newline). */
export function deviationsJson(report: DeviationReport): string {
  return canonicalJson(report, PINNED);
}
