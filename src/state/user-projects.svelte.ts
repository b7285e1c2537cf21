/** UserProjectsState: the user's own named projects kept in the browser — listing and opening them. */
import { isUserProjectId, type SavedEdits } from '../lib/project/edit-store.ts';
import { loadExampleProject } from '../lib/project/examples.ts';
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
