/** UserProjectsState: the user's own named projects kept in the browser — new, duplicate, rename, delete, open, and made from a .zip or a folder. */
import { isUserProjectId, newUserProjectId, type SavedEdits } from '../lib/project/edit-store.ts';
import { loadExampleProject } from '../lib/project/examples.ts';
import { readListedProject, type ListedFile, type ReadProject } from '../lib/project/zip.ts';
import { err, ok, type Result } from '../lib/result.ts';
import type { FetchLike } from '../lib/repo/index.ts';
import type { AppStatus } from './app-status.svelte.ts';
import type { ProjectState } from './project.svelte.ts';

/** One of the user's projects as the project menu lists it. */
export interface UserProjectSummary {
  id: string;
  name: string;
  base: string;
  savedAt: number;
  files: number;
}

/** Where the page lives, for reading the example a project started from. */
export interface UserProjectsEnvironment {
  fetch: FetchLike;
  appBaseUrl: string;
}

/** Summary of a stored project of the user's. */
function summaryOf(record: SavedEdits): UserProjectSummary {
  return { id: record.projectId, name: record.name ?? record.projectId, base: record.base ?? 'demo', savedAt: record.savedAt, files: record.files.length };
}

/** A project made from an archive or a folder: its id, and the files left out with why. */
export interface ImportedProject {
  id: string;
  skipped: ReadProject['skipped'];
}

/** The user's projects. */
export class UserProjectsState {
  list = $state.raw<UserProjectSummary[]>([]);

  constructor(
    private readonly project: ProjectState,
    private readonly status: AppStatus,
    private readonly env: UserProjectsEnvironment,
  ) {}

  /** Re-reads the list from the store, newest first. */
  async refresh(): Promise<void> {
    const store = await this.project.saved.open();
    const records = (await store?.list()) ?? [];
    this.list = records
      .filter((r) => isUserProjectId(r.projectId))
      .map(summaryOf)
      .sort((a, b) => b.savedAt - a.savedAt || a.name.localeCompare(b.name));
  }

  /** Keeps FILES as a new project called NAME that started from example BASE; its id, or why storage refused it. */
  async create(name: string, base: string, files: ReadonlyMap<string, string>): Promise<Result<string, string>> {
    const store = await this.project.saved.open();
    if (!store) return err('this browser does not let the page keep projects (neither IndexedDB nor localStorage is available)');
    const id = newUserProjectId();
    const saved = await store.save({ projectId: id, files: [...files], savedAt: Date.now(), baseline: '', name: name.trim() || 'Untitled project', base });
    if (!saved.ok) return err(saved.message);
    await this.refresh();
    return ok(id);
  }

  /** A new project from the open one's files, called NAME (default: its name with "(copy)"). */
  duplicate(name?: string): Promise<Result<string, string>> {
    return this.create(name ?? `${this.project.name} (copy)`, this.project.id, this.project.files);
  }

  /** Renames the open project (a project of the user's; examples keep their names). */
  async rename(name: string): Promise<Result<true, string>> {
    const target = this.project.saved.target;
    const clean = name.trim();
    if (target.kind !== 'user') return err('only your own projects can be renamed; duplicate the example first');
    if (!clean) return err('give the project a name');
    const store = await this.project.saved.open();
    const record = await store?.load(target.id);
    if (!store || !record) return err('the project is no longer kept in this browser');
    const saved = await store.save({ ...record, name: clean });
    if (!saved.ok) return err(saved.message);
    this.project.saved.useUserProject({ ...target, name: clean }, this.project.saved.savedAt);
    this.project.name = clean;
    await this.refresh();
    return ok(true);
  }

  /** Deletes the user's project ID from this browser. */
  async remove(id: string): Promise<void> {
    if (!isUserProjectId(id)) return;
    await (await this.project.saved.open())?.discard(id);
    await this.refresh();
  }

  /**
   * A new project called NAME from FILES, listed from a .zip or a chosen folder and within a
   * project's limits (see `planOpen`): every file is read now; refused with the reason when one
   * cannot be read or none is text.
   */
  async importListed(name: string, files: readonly ListedFile[]): Promise<Result<ImportedProject, string>> {
    const read = await readListedProject(files);
    if (!read.ok) return err(`${name}: ${read.error}`);
    return this.importRead(name, read.value);
  }

  private async importRead(name: string, read: ReadProject): Promise<Result<ImportedProject, string>> {
    if (read.files.size === 0) return err(`${name} holds no text file to make a project of`);
    const created = await this.create(name, 'demo', read.files);
    return created.ok ? ok({ id: created.value, skipped: read.skipped }) : created;
  }

  /** Opens the user's project ID; false (with the reason in the banner) when it is not there. */
  async open(id: string): Promise<boolean> {
    const store = await this.project.saved.open();
    const record = await store?.load(id);
    if (!record) {
      this.status.fail({ source: 'example project', message: `This browser keeps no project with the id "${id}".`, hint: 'It was deleted, or kept in another browser or profile. The demo project is open instead.' });
      return false;
    }
    const base = record.base ?? 'demo';
    const example = await loadExampleProject(this.env.fetch, this.env.appBaseUrl, base);
    if (!example.ok) {
      this.status.fail({ source: 'example project', message: `Your project "${record.name ?? id}" starts from the ${base} example, which could not be read.`, hint: example.error.kind === 'unreadable' ? `${example.error.url}: ${example.error.message}.` : 'This site no longer ships it.' });
      return false;
    }
    this.project.saved.useUserProject({ kind: 'user', id, name: record.name ?? id, base }, record.savedAt);
    await this.project.open(example.value, { files: new Map(record.files), name: record.name ?? id });
    return true;
  }
}
