import { compileGlob } from '../files/glob.ts';
import { compileRe2 } from './regex.ts';
import { OVERLAY_TYPES, type OverlayInput, type OverlayType } from './types.ts';

const TAG_TYPES = new Set(['spec-add-tag', 'spec-insert-tag', 'spec-set-tag', 'spec-update-tag', 'spec-remove-tag']);
const SCOPED_SPEC_TYPES = new Set(['spec-prepend-lines', 'spec-append-lines', 'spec-search-replace']);
const ARCHIVE_EXTENSIONS = ['.tar', '.tar.gz', '.tgz', '.tar.xz', '.txz', '.tar.zst', '.tzst', '.tar.bz2', '.tbz2'];

/** Whether `name` is one of the 17 overlay types. */
export function isOverlayType(name: string): name is OverlayType {
  return (OVERLAY_TYPES as readonly string[]).includes(name);
}

/** Whether a filename looks like a tar archive azldev can open (by extension). */
export function looksLikeArchive(name: string): boolean {
  const lower = name.toLowerCase();
  return ARCHIVE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** What the overlay is called in messages: its description, or azldev's placeholder. */
export function overlayLabel(overlay: OverlayInput): string {
  return overlay.description && overlay.description !== '' ? overlay.description : '(no description)';
}

function isBaseName(value: string): boolean {
  return value !== '' && value !== '.' && value !== '..' && !value.includes('/');
}

/** azldev's load-time checks (projectconfig/overlay.go): null if valid, else the message. */
export function validateOverlay(overlay: OverlayInput): string | null {
  const type = overlay.type;
  const desc = overlayLabel(overlay);
  const missing = (field: string) => `overlay type \`${type}\` requires \`${field}\` field: ${desc}`;
  const relativePath = (value: string | undefined, field = 'file'): string | null => {
    if (!value) return missing(field);
    if (value.startsWith('/')) return `overlay type \`${type}\` requires \`${field}\` to be a relative path; found \`${value}\``;
    return null;
  };
  const baseName = (field: string, value: string | undefined): string | null => {
    if (!value) return missing(field);
    if (!isBaseName(value)) return `overlay type \`${type}\` requires \`${field}\` to be a filename only (not a path); found \`${value}\``;
    return null;
  };
  const regex = (): string | null => {
    if (!overlay.regex) return missing('regex');
    const compiled = compileRe2(overlay.regex);
    return compiled.ok ? null : `invalid regex \`${overlay.regex}\` in overlay "${desc}": ${compiled.message}`;
  };
  const sectionIfPackage = (): string | null =>
    !overlay.section && overlay.package
      ? `overlay type \`${type}\` requires \`section\` field when \`package\` is set: ${desc}`
      : null;

  if (!isOverlayType(type)) return `unknown overlay type \`${type}\`: "${desc}"`;
  if (overlay.archive !== undefined && overlay.archive !== '') {
    if (type !== 'file-remove' && type !== 'file-search-replace') return `overlay type \`${type}\` does not accept \`archive\` field: ${desc}`;
    const bad = baseName('archive', overlay.archive);
    if (bad) return bad;
    if (!looksLikeArchive(overlay.archive)) return `\`archive\` must name a tar archive (.tar, .tar.gz, .tar.xz, .tar.zst, …); found \`${overlay.archive}\``;
  }
  if (TAG_TYPES.has(type)) {
    if (!overlay.tag) return missing('tag');
    if (type !== 'spec-remove-tag' && !overlay.value) return missing('value');
    return null;
  }
  if (SCOPED_SPEC_TYPES.has(type)) {
    if (type === 'spec-search-replace') {
      const bad = regex();
      if (bad) return bad;
    } else if (!overlay.lines || overlay.lines.length === 0) {
      return missing('lines');
    }
    return sectionIfPackage();
  }
  switch (type) {
    case 'file-prepend-lines':
      return relativePath(overlay.file) ?? (!overlay.lines || overlay.lines.length === 0 ? missing('lines') : null);
    case 'file-search-replace':
      return relativePath(overlay.file) ?? regex();
    case 'file-add':
      return relativePath(overlay.file) ?? (overlay.source ? null : missing('source'));
    case 'file-remove':
      return relativePath(overlay.file);
    case 'file-rename':
      return relativePath(overlay.file) ?? baseName('replacement', overlay.replacement);
    case 'spec-remove-section':
      return overlay.section ? null : missing('section');
    case 'spec-remove-subpackage':
      if (!overlay.package) return missing('package');
      return overlay.section ? `overlay type \`${type}\` does not accept \`section\` field: ${desc}` : null;
    case 'patch-add':
      if (!overlay.source) return missing('source');
      return overlay.file ? relativePath(overlay.file) : null;
    case 'patch-remove': {
      const bad = relativePath(overlay.file);
      if (bad) return bad;
      const glob = compileGlob(overlay.file as string);
      return glob.ok ? null : `invalid glob pattern \`${overlay.file}\` in overlay "${desc}"`;
    }
    default:
      return null;
  }
}
