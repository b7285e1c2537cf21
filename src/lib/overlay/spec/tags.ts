import { OverlayError } from '../errors.ts';
import { conditionalDepthChange } from './conditionals.ts';
import { appendToSections, sectionNotFound } from './lines.ts';
import { findSections, parseSpec, tagFamily, tagsOfPackage, type SpecSection, type SpecTag } from './model.ts';

function packageSectionName(pkg: string): string {
  return pkg === '' ? '' : '%package';
}

/** Existing tags of `pkg` whose name equals `tag` case-insensitively. */
export function existingTags(lines: string[], pkg: string, tag: string): SpecTag[] {
  const lower = tag.toLowerCase();
  return tagsOfPackage(parseSpec(lines), pkg).filter((t) => t.tag.toLowerCase() === lower);
}

/** spec-add-tag: appends `Tag: value` to the end of the package's preamble, even if the tag exists (as azldev's code does). */
export function addTag(lines: string[], pkg: string, tag: string, value: string): string[] {
  return appendToSections(lines, packageSectionName(pkg), pkg, [`${tag}: ${value}`]);
}

/** spec-update-tag: rewrites every instance of the tag in the package to `Tag: value`; throws if none. */
export function updateTag(lines: string[], pkg: string, tag: string, value: string): string[] {
  const found = existingTags(lines, pkg, tag);
  if (found.length === 0) throw new OverlayError(`tag ${JSON.stringify(tag)} not found in spec (package=${JSON.stringify(pkg)})`);
  const out = [...lines];
  for (const t of found) out[t.line] = `${tag}: ${value}`;
  return out;
}

/** spec-set-tag: update-tag, falling back to add-tag when the tag does not exist. */
export function setTag(lines: string[], pkg: string, tag: string, value: string): string[] {
  if (existingTags(lines, pkg, tag).length > 0) return updateTag(lines, pkg, tag, value);
  return addTag(lines, pkg, tag, value);
}

/** spec-remove-tag: removes every instance (only whole-value matches, case-insensitively, when `value` is set). */
export function removeTag(lines: string[], pkg: string, tag: string, value: string): string[] {
  const wanted = value.toLowerCase();
  const doomed = new Set(
    existingTags(lines, pkg, tag)
      .filter((t) => value === '' || t.value.toLowerCase() === wanted)
      .map((t) => t.line),
  );
  if (doomed.size === 0) {
    throw new OverlayError(`tag ${JSON.stringify(tag)} with value ${JSON.stringify(value)} not found in spec (package=${JSON.stringify(pkg)})`);
  }
  return lines.filter((_, i) => !doomed.has(i));
}

// azldev's skipPastConditional: depth is counted from the top of the file; if the spot is
// inside a conditional, it moves to the %endif that closes it (within the section).
function skipPastConditional(lines: readonly string[], after: number, sectionEnd: number): number {
  let depth = 0;
  for (let i = 0; i <= after && i < lines.length; i += 1) depth += conditionalDepthChange(lines[i] as string);
  if (depth <= 0) return after;
  for (let i = after + 1; i < sectionEnd && i < lines.length; i += 1) {
    depth += conditionalDepthChange(lines[i] as string);
    if (depth <= 0) return i;
  }
  return after;
}

/** spec-insert-tag: after the last tag of the same family, else after the last tag, else as add-tag. */
export function insertTag(lines: string[], pkg: string, tag: string, value: string): string[] {
  const spec = parseSpec(lines);
  const sectionName = packageSectionName(pkg);
  const sections = findSections(spec, sectionName, pkg);
  if (sections.length === 0) throw sectionNotFound(sectionName, pkg);
  const family = tagFamily(tag);
  let lastFamily = -1;
  let lastAny = -1;
  let sectionEnd = lines.length;
  for (const t of spec.tags) {
    if (!sections.includes(t.section)) continue;
    lastAny = t.line;
    if (tagFamily(t.tag) === family) lastFamily = t.line;
  }
  const anchor = lastFamily >= 0 ? lastFamily : lastAny;
  if (anchor < 0) return addTag(lines, pkg, tag, value);
  const owner = spec.sections[spec.sectionOfLine[anchor] as number] as SpecSection;
  sectionEnd = owner.end;
  const after = skipPastConditional(lines, anchor, sectionEnd);
  const out = [...lines];
  out.splice(after + 1, 0, `${tag}: ${value}`);
  return out;
}

