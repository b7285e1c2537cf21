import { parse as parseToml } from 'smol-toml';
import type { Diagnostic } from '../diagnostics.ts';
import { baseName, compileGlob, dirName, joinPath } from './glob.ts';
import type { OverlayInput, OverlayMetadata, VirtualFiles } from './types.ts';

/** One overlay file: its shared metadata and its overlays, whose `source` paths resolve against its directory. */
export interface LoadedOverlayFile {
  path: string;
  metadata: OverlayMetadata | undefined;
  overlays: OverlayInput[];
}

/** Overlay files found for a component, and the problems met on the way. */
export interface OverlayFilesOutcome {
  files: LoadedOverlayFile[];
  diagnostics: Diagnostic[];
}

function problem(file: string, code: string, message: string, hint?: string): Diagnostic {
  return { file, line: 0, col: 0, severity: 'error', code, message, ...(hint ? { hint } : {}) };
}

/** Expands `overlay-files` patterns: per pattern, matches sorted by basename then path; duplicates dropped. */
export function expandOverlayFilePatterns(
  patterns: readonly string[],
  componentDir: string,
  projectFiles: VirtualFiles,
): { paths: string[]; diagnostics: Diagnostic[] } {
  const paths: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const all = Object.keys(projectFiles);
  const seen = new Set<string>();
  for (const pattern of patterns) {
    const full = joinPath(componentDir, pattern);
    if (full === null) {
      diagnostics.push(problem(componentDir, 'overlay/overlay-file-path', `overlay-files pattern ${JSON.stringify(pattern)} escapes the project`));
      continue;
    }
    const glob = compileGlob(full);
    if (!glob.ok) {
      diagnostics.push(problem(componentDir, 'overlay/overlay-file-glob', glob.message));
      continue;
    }
    let matches: string[];
    if (glob.glob.literal) {
      if (!(full in projectFiles)) {
        diagnostics.push(problem(full, 'overlay/overlay-file-missing', `overlay file ${JSON.stringify(full)} does not exist`));
        continue;
      }
      matches = [full];
    } else {
      matches = all.filter((p) => glob.glob.matches(p));
      matches.sort((a, b) => {
        const byBase = baseName(a).localeCompare(baseName(b));
        return byBase !== 0 ? byBase : a.localeCompare(b);
      });
    }
    for (const match of matches) {
      if (seen.has(match)) continue;
      seen.add(match);
      paths.push(match);
    }
  }
  return { paths, diagnostics };
}

function textOf(content: VirtualFiles[string]): string {
  return typeof content === 'string' ? content : new TextDecoder().decode(content);
}

/** Parses one overlay file: one `[metadata]`, one or more `[[overlays]]`, no per-overlay metadata. */
export function parseOverlayFile(path: string, text: string): { file: LoadedOverlayFile | null; diagnostics: Diagnostic[] } {
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch (error) {
    return { file: null, diagnostics: [problem(path, 'overlay/overlay-file-toml', `invalid TOML: ${error instanceof Error ? error.message : String(error)}`)] };
  }
  const overlays = doc.overlays;
  if (!Array.isArray(overlays) || overlays.length === 0) {
    return { file: null, diagnostics: [problem(path, 'overlay/overlay-file-empty', 'overlay file has no [[overlays]]', 'add at least one [[overlays]] table')] };
  }
  const diagnostics: Diagnostic[] = [];
  const kept: OverlayInput[] = [];
  overlays.forEach((entry, index) => {
    if (entry === null || typeof entry !== 'object') return;
    const overlay = entry as OverlayInput;
    if (overlay.metadata !== undefined) {
      diagnostics.push(problem(path, 'overlay/overlay-file-metadata', `overlay ${index + 1} has its own metadata; in an overlay file, metadata belongs in the file's [metadata] table`));
      return;
    }
    kept.push(overlay);
  });
  for (const key of Object.keys(doc)) {
    if (key !== 'metadata' && key !== 'overlays') diagnostics.push(problem(path, 'overlay/overlay-file-key', `unknown top-level key ${JSON.stringify(key)} in overlay file`));
  }
  return { file: { path, metadata: doc.metadata as OverlayMetadata | undefined, overlays: kept }, diagnostics };
}

/** Loads the component's overlay files from the project files, in azldev's order. */
export function loadOverlayFiles(patterns: readonly string[], componentDir: string, projectFiles: VirtualFiles): OverlayFilesOutcome {
  const expanded = expandOverlayFilePatterns(patterns, componentDir, projectFiles);
  const files: LoadedOverlayFile[] = [];
  const diagnostics = [...expanded.diagnostics];
  for (const path of expanded.paths) {
    const parsed = parseOverlayFile(path, textOf(projectFiles[path] as VirtualFiles[string]));
    diagnostics.push(...parsed.diagnostics);
    if (parsed.file) files.push(parsed.file);
  }
  return { files, diagnostics };
}

/** The directory `source` paths of an overlay file resolve against. */
export function overlayFileBaseDir(file: LoadedOverlayFile): string {
  return dirName(file.path);
}
