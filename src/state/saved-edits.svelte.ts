/** SavedEditsState: keeps the project's edits in the browser, offers them back after a reload, and can drop them. */
import { openEditStore, projectFingerprint, type EditStore } from '../lib/project/edit-store.ts';

const SAVE_DEBOUNCE_MS = 400;

/** What the page says about saved edits. */
export interface RestoredEdits {
  savedAt: number;
  /** The bundled example changed since the edits were made. */
  olderBaseline: boolean;
}

/** Saved edits of the open project. */
export class SavedEditsState {
  restored = $state.raw<RestoredEdits | undefined>(undefined);
  /** Set when the last save failed (storage full or refused); the edits then live only in this tab. */
  problem = $state<string | undefined>(undefined);
  /** Epoch ms of the last successful save, or undefined when the project is as shipped. */
  savedAt = $state<number | undefined>(undefined);

  private store: Promise<EditStore | undefined> | undefined;
  private projectId = '';
  private baseline = '';
  private timer: ReturnType<typeof setTimeout> | undefined;

  // Opened on first use, so a page that never opens a project never touches the database.
  private open(): Promise<EditStore | undefined> {
    this.store ??= openEditStore();
    return this.store;
  }

  /** The files to open PROJECT with: the saved edits if there are any, else the shipped ones. */
  async filesFor(projectId: string, shipped: ReadonlyMap<string, string>): Promise<Map<string, string>> {
    this.projectId = projectId;
    this.baseline = await projectFingerprint(shipped);
    const saved = await (await this.open())?.load(projectId);
    if (!saved) {
      this.restored = undefined;
      this.savedAt = undefined;
      return new Map(shipped);
    }
    this.restored = { savedAt: saved.savedAt, olderBaseline: saved.baseline !== this.baseline };
    this.savedAt = saved.savedAt;
    return new Map(saved.files);
  }

  /** For a project the page does not ship (a checkout opened from disk): its edits stay in the tab. */
  detach(): void {
    clearTimeout(this.timer);
    this.projectId = '';
    this.restored = undefined;
    this.savedAt = undefined;
    this.problem = undefined;
  }

  /** Notes that the files changed; they are saved shortly after (or forgotten when they are back to the shipped ones). */
  changed(files: ReadonlyMap<string, string>): void {
    clearTimeout(this.timer);
    if (this.projectId === '') return;
    const snapshot = [...files];
    this.timer = setTimeout(() => void this.save(snapshot), SAVE_DEBOUNCE_MS);
  }

  /** Forgets the saved edits of the open project. */
  async discard(): Promise<void> {
    clearTimeout(this.timer);
    await (await this.open())?.discard(this.projectId);
    this.restored = undefined;
    this.savedAt = undefined;
    this.problem = undefined;
  }

  private async save(files: [string, string][]): Promise<void> {
    const store = await this.open();
    if (!store) {
      this.problem = 'this browser does not let the page keep your edits (IndexedDB is unavailable); they stay until the tab is closed';
      return;
    }
    if ((await projectFingerprint(new Map(files))) === this.baseline) {
      await store.discard(this.projectId);
      this.restored = undefined;
      this.savedAt = undefined;
      this.problem = undefined;
      return;
    }
    const savedAt = Date.now();
    const outcome = await store.save({ projectId: this.projectId, files, savedAt, baseline: this.baseline });
    if (outcome.ok) {
      this.savedAt = savedAt;
      this.problem = undefined;
    } else {
      this.problem = outcome.message;
    }
  }
}
