import type { Diagnostic } from '../diagnostics.ts';
import { OverlayError } from './errors.ts';
import { addFile, prependLinesToFiles, removeFiles, renameFile, searchReplaceInFiles } from './files/ops.ts';
import type { SourceTree } from './files/tree.ts';
import { fragilityNotes } from './fragility.ts';
import { compileGlob } from '../files/glob.ts';
import { basename, joinPath } from '../files/paths.ts';
import { appendLines, prependLines, searchReplace } from './spec/lines.ts';
import { addPatchEntry, removePatchEntries } from './spec/patches.ts';
import { removeSection, removeSubpackage } from './spec/sections.ts';
import { addTag, existingTags, insertTag, removeTag, setTag, updateTag } from './spec/tags.ts';
import type { OverlayInput, VirtualFiles } from './types.ts';

/** The files an overlay works on: the spec as lines (null if there is none) and every other source file. */
export interface WorkState {
  specPath: string;
  spec: string[] | null;
  tree: SourceTree;
  /** Project files that `source` paths point at. */
  projectFiles: VirtualFiles;
}

/** Where an overlay's relative `source` resolves from: its component file's or overlay file's directory. */
export interface OverlayContext {
  baseDir: string;
}

function requireSpec(state: WorkState): string[] {
  if (state.spec === null) throw new OverlayError(`spec file ${JSON.stringify(state.specPath)} not found in sources`);
  return state.spec;
}

function note(state: WorkState, severity: Diagnostic['severity'], code: string, message: string, line = 0, hint?: string): Diagnostic {
  return { file: state.specPath, line, col: 0, severity, code, message, ...(hint ? { hint } : {}) };
}

function readSource(state: WorkState, ctx: OverlayContext, source: string): { path: string; content: VirtualFiles[string] | undefined } {
  const path = joinPath(ctx.baseDir, source) ?? source;
  return { path, content: state.projectFiles[path] };
}

function applySpecOverlay(state: WorkState, overlay: OverlayInput, notes: Diagnostic[]): void {
  const pkg = overlay.package ?? '';
  const section = overlay.section ?? '';
  const tag = overlay.tag ?? '';
  const value = overlay.value ?? '';
  const spec = requireSpec(state);
  switch (overlay.type) {
    case 'spec-add-tag': {
      const existing = existingTags(spec, pkg, tag);
      if (existing.length > 0) {
        notes.push(
          note(state, 'warning', 'overlay/add-tag-existing',
            `tag ${tag} already exists (line ${(existing[0]?.line ?? 0) + 1}); azldev's code adds a second one, although its docs say spec-add-tag fails here`,
            (existing[0]?.line ?? 0) + 1, 'use spec-set-tag or spec-update-tag to change the existing tag'),
        );
      }
      state.spec = addTag(spec, pkg, tag, value);
      return;
    }
    case 'spec-insert-tag':
      state.spec = insertTag(spec, pkg, tag, value);
      return;
    case 'spec-set-tag':
      state.spec = setTag(spec, pkg, tag, value);
      return;
    case 'spec-update-tag':
      state.spec = updateTag(spec, pkg, tag, value);
      return;
    case 'spec-remove-tag':
      state.spec = removeTag(spec, pkg, tag, value);
      return;
    case 'spec-prepend-lines':
      state.spec = prependLines(spec, section, pkg, overlay.lines ?? []);
      return;
    case 'spec-append-lines':
      state.spec = appendLines(spec, section, pkg, overlay.lines ?? []);
      return;
    case 'spec-search-replace': {
      const outcome = searchReplace(spec, section, pkg, overlay.regex ?? '', overlay.replacement ?? '');
      notes.push(...fragilityNotes(spec, overlay).map((n) => note(state, n.severity, 'overlay/fragile-pattern', n.message, n.line, n.hint)));
      state.spec = outcome.lines;
      return;
    }
    case 'spec-remove-section':
      state.spec = removeSection(spec, section, pkg);
      return;
    case 'spec-remove-subpackage':
      state.spec = removeSubpackage(spec, pkg);
      return;
    default:
      throw new OverlayError(`invalid overlay type found: ${overlay.type}`);
  }
}

/** Applies one (already validated, non-archive) overlay to the work state; throws OverlayError on failure. */
export function applyOverlay(state: WorkState, overlay: OverlayInput, ctx: OverlayContext): Diagnostic[] {
  const notes: Diagnostic[] = [];
  const file = overlay.file ?? '';
  switch (overlay.type) {
    case 'patch-add': {
      const source = overlay.source ?? '';
      const destination = file !== '' ? file : basename(source);
      // azldev edits the spec first and copies the file second, without rolling back.
      state.spec = addPatchEntry(requireSpec(state), overlay.package ?? '', destination);
      const { path, content } = readSource(state, ctx, source);
      addFile(state.tree, destination, content, path);
      return notes;
    }
    case 'patch-remove': {
      const glob = compileGlob(file);
      if (!glob.ok) throw new OverlayError(glob.error.message);
      state.spec = removePatchEntries(requireSpec(state), glob.value);
      removeFiles(state.tree, file);
      return notes;
    }
    case 'file-prepend-lines':
      prependLinesToFiles(state.tree, file, overlay.lines ?? []);
      return notes;
    case 'file-search-replace':
      searchReplaceInFiles(state.tree, file, overlay.regex ?? '', overlay.replacement ?? '');
      return notes;
    case 'file-add': {
      const { path, content } = readSource(state, ctx, overlay.source ?? '');
      addFile(state.tree, file, content, path);
      return notes;
    }
    case 'file-remove':
      removeFiles(state.tree, file);
      return notes;
    case 'file-rename':
      renameFile(state.tree, file, overlay.replacement ?? '');
      return notes;
    default:
      applySpecOverlay(state, overlay, notes);
      return notes;
  }
}

/** A one-line summary for overlays without a description. */
export function describeOverlay(overlay: OverlayInput): string {
  if (overlay.description) return overlay.description;
  const scope = [overlay.section, overlay.package].filter(Boolean).join(' ');
  const where = scope ? ` in ${scope}` : '';
  switch (overlay.type) {
    case 'spec-add-tag':
    case 'spec-insert-tag':
    case 'spec-set-tag':
    case 'spec-update-tag':
      return `${overlay.type} ${overlay.tag}: ${overlay.value}${overlay.package ? ` (package ${overlay.package})` : ''}`;
    case 'spec-remove-tag':
      return `spec-remove-tag ${overlay.tag}${overlay.value ? `: ${overlay.value}` : ''}${overlay.package ? ` (package ${overlay.package})` : ''}`;
    case 'spec-search-replace':
    case 'file-search-replace':
      return `${overlay.type} /${overlay.regex}/${overlay.file ? ` in ${overlay.file}` : where}`;
    case 'spec-prepend-lines':
    case 'spec-append-lines':
      return `${overlay.type} (${overlay.lines?.length ?? 0} lines)${where || ' (whole file)'}`;
    case 'spec-remove-section':
      return `spec-remove-section ${scope}`;
    case 'spec-remove-subpackage':
      return `spec-remove-subpackage ${overlay.package}`;
    default:
      return `${overlay.type} ${overlay.file ?? overlay.source ?? ''}`.trim();
  }
}
