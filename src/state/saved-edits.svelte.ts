/** SavedEditsState: keeps the project's edits in the browser, offers them back after a reload, and can drop them. */
import { openEditStore, projectFingerprint, type EditStore, type JournalStorage, type SavedEdits, type SaveOutcome } from '../lib/project/edit-store.ts';

const SAVE_DEBOUNCE_MS = 400;

/** Where edits of the open project are saved: an example's own slot, a project of the user's, or nowhere (a share link not kept yet). */
export type SaveTarget = { kind: 'example'; id: string } | { kind: 'user'; id: string; name: string; base: string } | { kind: 'unsaved' };

/** Who wants to know where edits go and when they were saved (the tab presence). */
export interface SaveObserver {
  /** The key of the project edits now go to (an example's id or a user project's), or undefined when nothing is saved. */
  targetChanged(key: string | undefined): void;
  saved(savedAt: number): void;
}

/** The key a save target is stored under. */
export function saveKey(target: SaveTarget): string | undefined {
  return target.kind === 'unsaved' ? undefined : target.id;
}

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
  /** Set when the last save reached only the localStorage journal (IndexedDB refused it, with why): kept, but in a store of a few MB. */
  journalOnly = $state<string | undefined>(undefined);
  /** Epoch ms of the last successful save, or undefined when the project is as shipped. */
  savedAt = $state<number | undefined>(undefined);
  /** Where the next save goes. */
  get target(): SaveTarget {
    return this.currentTarget;
  }
  set target(target: SaveTarget) {
    // an edit not saved yet belongs to the project it was made in
    this.flushNow();
    this.currentTarget = target;
    this.observer?.targetChanged(saveKey(target));
  }
  private currentTarget = $state.raw<SaveTarget>({ kind: 'unsaved' });
  /** Told where edits go and when they were saved. */
  observer: SaveObserver | undefined;
  private pending: [string, string][] | undefined;

  private store: Promise<EditStore | undefined> | undefined;
  /** The store once open, for the synchronous write-ahead of a page being hidden. */
  private opened: EditStore | undefined;
  private baseline = '';
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** DBNAME: the IndexedDB database the edits live in (tests give each their own); JOURNAL: the write-ahead store (localStorage unless given; null for none). */
  constructor(
    private readonly dbName?: string,
    private readonly journal?: JournalStorage | null,
  ) {}

  /** The store (undefined where the browser keeps nothing); opened on first use, so a page that never opens a project never touches the database. */
  open(): Promise<EditStore | undefined> {
    this.store ??= openEditStore({ ...(this.dbName ? { dbName: this.dbName } : {}), ...(this.journal !== undefined ? { journal: this.journal } : {}) }).then((store) => (this.opened = store));
    return this.store;
  }

  /** The files to open PROJECT with: the saved edits if there are any, else the shipped ones. */
  async filesFor(projectId: string, shipped: ReadonlyMap<string, string>): Promise<Map<string, string>> {
    clearTimeout(this.timer);
    this.target = { kind: 'example', id: projectId };
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

  /** Saves nothing from now on until told where to (a share link opened beside the user's own edits). */
  detach(): void {
    clearTimeout(this.timer);
    this.target = { kind: 'unsaved' };
    this.restored = undefined;
    this.savedAt = undefined;
    this.problem = undefined;
  }

  /** Saves into the user's project TARGET from now on; SAVEDAT is when it was last saved, if it was. */
  useUserProject(target: Extract<SaveTarget, { kind: 'user' }>, savedAt?: number): void {
    clearTimeout(this.timer);
    this.target = target;
    this.restored = undefined;
    this.savedAt = savedAt;
    this.problem = undefined;
  }

  /** Saves FILES into the user's project TARGET now (creating it), and saves there from now on; false with `problem` set when storage refused. */
  async saveAsUserProject(target: Extract<SaveTarget, { kind: 'user' }>, files: ReadonlyMap<string, string>): Promise<boolean> {
    this.useUserProject(target);
    await this.save([...files]);
    return this.problem === undefined;
  }

  /** Notes that the files changed; they are saved shortly after (or forgotten when they are back to the shipped ones). */
  changed(files: ReadonlyMap<string, string>): void {
    clearTimeout(this.timer);
    if (this.target.kind === 'unsaved') return;
    const snapshot = [...files];
    this.pending = snapshot;
    this.timer = setTimeout(() => void this.save(snapshot), SAVE_DEBOUNCE_MS);
  }

  /**
   * Saves a pending change at once (the page is being hidden or closed). The journal gets it before
   * this returns, since the page may be gone before IndexedDB's asynchronous write finishes.
   */
  flushNow(): void {
    if (!this.pending) return;
    clearTimeout(this.timer);
    const target = this.target;
    if (target.kind !== 'unsaved') this.opened?.writeAhead(this.recordOf(target, this.pending, Date.now()));
    void this.save(this.pending);
  }

  /** Forgets the saved edits of the open project. */
  async discard(): Promise<void> {
    clearTimeout(this.timer);
    if (this.target.kind === 'example') await (await this.open())?.discard(this.target.id);
    this.restored = undefined;
    this.savedAt = undefined;
    this.problem = undefined;
  }

  private async save(files: [string, string][]): Promise<void> {
    if (this.pending === files) this.pending = undefined;
    const target = this.target;
    if (target.kind === 'unsaved') return;
    const store = await this.open();
    if (!store) {
      this.problem = 'this browser does not let the page keep your edits (neither IndexedDB nor localStorage is available); they stay until the tab is closed';
      return;
    }
    if (target.kind === 'user') {
      const savedAt = Date.now();
      this.noteSave(await store.save(this.recordOf(target, files, savedAt)), savedAt);
      return;
    }
    if ((await projectFingerprint(new Map(files))) === this.baseline) {
      await store.discard(target.id);
      this.restored = undefined;
      this.savedAt = undefined;
      this.problem = undefined;
      this.journalOnly = undefined;
      return;
    }
    const savedAt = Date.now();
    this.noteSave(await store.save(this.recordOf(target, files, savedAt)), savedAt);
  }

  /** What a save of FILES into TARGET stores. */
  private recordOf(target: Exclude<SaveTarget, { kind: 'unsaved' }>, files: [string, string][], savedAt: number): SavedEdits {
    return target.kind === 'user' ? { projectId: target.id, files, savedAt, baseline: '', name: target.name, base: target.base } : { projectId: target.id, files, savedAt, baseline: this.baseline };
  }

  private noteSave(outcome: SaveOutcome, savedAt: number): void {
    if (outcome.ok) {
      this.savedAt = savedAt;
      this.problem = undefined;
      this.journalOnly = outcome.journalOnly;
      this.observer?.saved(savedAt);
    } else {
      this.problem = outcome.message;
    }
  }
}
