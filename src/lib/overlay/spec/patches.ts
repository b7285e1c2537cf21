import { OverlayError } from '../errors.ts';
import type { Glob } from '../../files/glob.ts';
import { addTag } from './tags.ts';
import { appendToSections } from './lines.ts';
import { parseSpec, patchTagNumber, type SpecSection } from './model.ts';

/** Highest N among `PatchN` tags in all packages; bare `Patch:` tags take 0…k-1; `Patch%{n}` is ignored. -1 if none. */
export function highestPatchNumber(lines: string[]): number {
  let highest = -1;
  let unnumbered = 0;
  for (const t of parseSpec(lines).tags) {
    const n = patchTagNumber(t.tag);
    if (n > highest) highest = n;
    else if (n < 0 && t.tag.toLowerCase() === 'patch') unnumbered += 1;
  }
  return Math.max(highest, unnumbered - 1);
}

/** The spec side of patch-add: append to `%patchlist` if there is one, else add `Patch<highest+1>`. */
export function addPatchEntry(lines: string[], pkg: string, filename: string): string[] {
  const spec = parseSpec(lines);
  if (spec.sections.some((s) => s.name === '%patchlist')) return appendToSections(lines, '%patchlist', '', [filename]);
  return addTag(lines, pkg, `Patch${highestPatchNumber(lines) + 1}`, filename);
}

/** The spec side of patch-remove: drops `PatchN` tags and `%patchlist` entries matching the glob, in all packages. */
export function removePatchEntries(lines: string[], glob: Glob): string[] {
  const spec = parseSpec(lines);
  const doomed = new Set<number>();
  for (const t of spec.tags) {
    if (patchTagNumber(t.tag) >= 0 && glob.matches(t.value)) doomed.add(t.line);
  }
  lines.forEach((line, i) => {
    const owner = spec.sections[spec.sectionOfLine[i] as number] as SpecSection;
    if (owner.name !== '%patchlist' || owner.header === i) return;
    const entry = line.trim();
    if (entry !== '' && glob.matches(entry)) doomed.add(i);
  });
  if (doomed.size === 0) throw new OverlayError(`no patches matching ${JSON.stringify(glob.pattern)} found in spec`);
  return lines.filter((_, i) => !doomed.has(i));
}
