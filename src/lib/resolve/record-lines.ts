/** Package records as the glue's record lines (wasm/src/records.c), so packages the app makes itself reach libsolv without XML. */
import type { PackageDep, PackageRecord } from './types.ts';

/** The dependency lists in the order rpm-md's primary.xml has them (and the glue adds them). */
export const DEP_LISTS = ['provides', 'requires', 'conflicts', 'obsoletes', 'suggests', 'enhances', 'recommends', 'supplements'] as const;

/** A record the glue cannot take, with the reason. */
export interface RecordProblem {
  message: string;
}

// Values are C strings in the glue, so a NUL would cut them short; the separators are escaped.
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const escapeField = (text: string): string => text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c] as string);

function depLine(list: string, dep: PackageDep): string {
  const flags = dep.flags ?? '';
  return ['D', list, dep.name, flags, flags ? (dep.evr ?? '') : '', dep.pre ? '1' : '0'].map(escapeField).join('\t');
}

/**
 * Writes RECORDS as record lines, in order: a `P` line per package (name, arch, evr, checksum type
 * and hex value, summary, description, install and download size, location, license, sourcerpm),
 * a `D` line per dependency (list, name, flags, evr, pre) and an `F` line per file. Fields are
 * tab-separated, with `\\`, `\t`, `\n` and `\r` escaped; values go to libsolv as given (an EVR
 * exactly as written, an empty one as none), or a problem when one holds a NUL character.
 */
export function buildRecordLines(records: readonly PackageRecord[]): { lines: string } | { problem: RecordProblem } {
  const lines: string[] = [];
  for (const r of records) {
    const texts = [r.name, r.arch, r.evr, r.checksumType, r.checksum, r.summary, r.description, r.license, r.sourcerpm, r.location, ...r.files];
    const deps = DEP_LISTS.flatMap((list) => r[list]);
    if (texts.some((t) => t.includes('\0')) || deps.some((d) => d.name.includes('\0') || (d.evr ?? '').includes('\0')))
      return { problem: { message: `package ${r.name}: a value holds a NUL character, which package metadata cannot carry` } };
    const sizes = [r.installSize, r.downloadSize].map((n) => String(n));
    lines.push(['P', r.name, r.arch, r.evr, r.checksumType, r.checksum, r.summary, r.description, ...sizes, r.location, r.license, r.sourcerpm].map(escapeField).join('\t'));
    for (const list of DEP_LISTS) for (const dep of r[list]) lines.push(depLine(list, dep));
    for (const file of r.files) lines.push(`F\t${escapeField(file)}`);
  }
  return { lines: lines.map((line) => `${line}\n`).join('') };
}
