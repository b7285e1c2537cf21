/** A project's files loaded and resolved once, for every question one edit asks of them. */
import { loadProject, resolveProject, type ProjectFiles, type ResolvedProject } from '../config/index.ts';
import type { Diagnostic } from '../diagnostics.ts';

/** Project files with their azldev model resolved and the diagnostics of loading them. */
export interface LoadedProject {
  files: ProjectFiles;
  project: ResolvedProject;
  diagnostics: Diagnostic[];
  /** Read like azldev `--permissive-config` (unknown keys are warnings). */
  permissive: boolean;
}

/** Loads FILES as an azldev project and resolves it (inheritance, provenance). */
export function loadResolvedProject(files: ProjectFiles, permissive = false): LoadedProject {
  const loaded = loadProject(files, { permissive });
  return { files, project: resolveProject(loaded.project), diagnostics: loaded.diagnostics, permissive };
}

function sameFiles(a: ProjectFiles, b: ProjectFiles): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const [path, text] of a) if (b.get(path) !== text) return false;
  return true;
}

/**
 * Remembers the last project loaded, so the calls one edit causes in a worker (describe the
 * project, plan and build an image) load and resolve it once. Files cross the worker boundary as
 * copies, so they are compared by content; that costs far less than loading a tree again.
 */
export class ProjectLoader {
  private last: LoadedProject | undefined;
  /** How many times a project was actually loaded (tests prove one load per edit with it). */
  loads = 0;

  /** The loaded project for FILES, from memory when the files and mode equal the last ones. */
  load(files: ProjectFiles, permissive = false): LoadedProject {
    if (this.last && this.last.permissive === permissive && sameFiles(this.last.files, files)) return this.last;
    this.loads += 1;
    this.last = loadResolvedProject(files, permissive);
    return this.last;
  }
}
