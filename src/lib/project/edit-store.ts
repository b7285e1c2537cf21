/**
 * The user's edits to a project, kept in IndexedDB so a reload (or a closed tab) loses nothing. Every
 * save is written first to a synchronous journal (localStorage in the browser) and cleared from it
 * once IndexedDB has it, so an IndexedDB write that fails half way (quota, a closed connection, a
 * crash) still leaves the edits to the next load; where IndexedDB is missing the journal alone keeps them.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { digestHex } from '../repo/checksum.ts';

/** Name of the database this module owns (the repository cache has its own). */
export const EDIT_STORE_DB_NAME = 'azl-playground-projects';
const DB_VERSION = 1;
/** Key prefix of journal entries, one per project. */
export const EDIT_JOURNAL_PREFIX = 'azl-playground-edits:';
/** How long an open may wait (another tab blocking an upgrade, or an open queued behind one) before the page goes on without IndexedDB. */
const OPEN_TIMEOUT_MS = 5000;

/** Ids of the user's own projects start with this; example ids never contain a colon. */
export const USER_PROJECT_PREFIX = 'my:';

/** True when ID names a project of the user's rather than an example's edits. */
export function isUserProjectId(id: string): boolean {
  return id.startsWith(USER_PROJECT_PREFIX);
}

/** A fresh id for a project of the user's. */
export function newUserProjectId(): string {
  return `${USER_PROJECT_PREFIX}${crypto.randomUUID().slice(0, 8)}`;
}

/**
 * One project's files as the user left them: an example's edits (keyed by the example's id), or a
 * project of the user's (keyed `my:…`, with a name and the example it started from).
 */
export interface SavedEdits {
  projectId: string;
  files: [string, string][];
  /** Epoch ms of the save. */
  savedAt: number;
  /** Fingerprint of the project the edits started from, to notice when the bundled example changed since. */
  baseline: string;
  /** A user project's name. */
  name?: string;
  /** The example a user project started from (share links are differences from it). */
  base?: string;
}

/** How a save went: kept in IndexedDB, kept only in the journal (with why), or not kept at all. */
export type SaveOutcome = { ok: true; journalOnly?: string } | { ok: false; message: string };

/** Saved edits by project. */
export interface EditStore {
  load(projectId: string): Promise<SavedEdits | undefined>;
  /** Every saved project, examples' edits and the user's projects (those only in the journal too). */
  list(): Promise<SavedEdits[]>;
  save(edits: SavedEdits): Promise<SaveOutcome>;
  /**
   * Writes EDITS to the journal alone, synchronously: for a page being hidden or closed, where an
   * asynchronous IndexedDB write may never finish. False where the journal refused it or is missing.
   */
  writeAhead(edits: SavedEdits): boolean;
  discard(projectId: string): Promise<void>;
  close(): void;
}

/** The synchronous second store: the subset of the Web Storage API the journal uses. */
export interface JournalStorage {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

interface EditSchema extends DBSchema {
  edits: { key: string; value: SavedEdits };
}

/** A fingerprint of a set of files (SHA-256 over the sorted paths and texts). */
export async function projectFingerprint(files: ReadonlyMap<string, string>): Promise<string> {
  const parts = [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([path, text]) => `${path}\0${text.length}\0${text}`);
  return (await digestHex('sha256', new TextEncoder().encode(parts.join('\0')))) ?? '';
}

function describeFailure(error: unknown): string {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'QuotaExceededError') return 'this browser has no room left to keep your edits; they stay until the tab is closed (free space by deleting cached repositories)';
  return `your edits could not be kept in this browser (${error instanceof Error ? error.message : String(error)}); they stay until the tab is closed`;
}

/**
 * Reads a stored record whatever version of the page wrote it: files as `[path, text][]` (now) or as
 * an object (an older shape), a missing baseline or time tolerated, a user project's name and base
 * kept; anything else is not edits.
 */
export function readSavedEdits(raw: unknown, projectId: string): SavedEdits | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const record = raw as { files?: unknown; savedAt?: unknown; baseline?: unknown; name?: unknown; base?: unknown };
  let files: [string, string][] | undefined;
  if (Array.isArray(record.files)) {
    if (!record.files.every((f) => Array.isArray(f) && f.length === 2 && typeof f[0] === 'string' && typeof f[1] === 'string')) return undefined;
    files = record.files as [string, string][];
  } else if (typeof record.files === 'object' && record.files !== null) {
    const entries = Object.entries(record.files as Record<string, unknown>);
    if (!entries.every(([, text]) => typeof text === 'string')) return undefined;
    files = entries as [string, string][];
  }
  if (!files) return undefined;
  const edits: SavedEdits = { projectId, files, savedAt: typeof record.savedAt === 'number' ? record.savedAt : 0, baseline: typeof record.baseline === 'string' ? record.baseline : '' };
  if (typeof record.name === 'string') edits.name = record.name;
  if (typeof record.base === 'string') edits.base = record.base;
  return edits;
}

/** Of two records of one project, the one saved last (the journal's on a tie: it is written first). */
function newer(journaled: SavedEdits | undefined, stored: SavedEdits | undefined): SavedEdits | undefined {
  return journaled && (!stored || journaled.savedAt >= stored.savedAt) ? journaled : stored;
}

function defaultJournal(): JournalStorage | undefined {
  try {
    return (globalThis as { localStorage?: JournalStorage }).localStorage;
  } catch {
    // reading localStorage throws where storage is disabled
    return undefined;
  }
}

async function openDatabase(name: string, openTimeoutMs: number, onLost: () => void): Promise<IDBPDatabase<EditSchema> | undefined> {
  if (typeof indexedDB === 'undefined' || indexedDB === null) return undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // An open blocked by, or queued behind, another tab's upgrade never settles by itself.
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), openTimeoutMs)));
  const opening = openDB<EditSchema>(name, DB_VERSION, {
    upgrade(database, oldVersion) {
      if (oldVersion < 1) database.createObjectStore('edits', { keyPath: 'projectId' });
    },
    // A newer page in another tab wants to upgrade: let it, and keep going on the journal.
    blocking: onLost,
    terminated: onLost,
  }).catch(() => undefined);
  const db = await Promise.race([opening, timeout]);
  clearTimeout(timer);
  if (!db) void opening.then((late) => late?.close());
  return db;
}

/** Opens the store; undefined only where neither IndexedDB nor the journal is available. */
export async function openEditStore(options: { dbName?: string; journal?: JournalStorage | null; openTimeoutMs?: number } = {}): Promise<EditStore | undefined> {
  const journal = options.journal === null ? undefined : (options.journal ?? defaultJournal());
  let db: IDBPDatabase<EditSchema> | undefined;
  db = await openDatabase(options.dbName ?? EDIT_STORE_DB_NAME, options.openTimeoutMs ?? OPEN_TIMEOUT_MS, () => {
    db?.close();
    db = undefined;
  });
  if (!db && !journal) return undefined;
  const key = (projectId: string) => `${EDIT_JOURNAL_PREFIX}${projectId}`;
  const fromJournal = (projectId: string): SavedEdits | undefined => {
    try {
      const text = journal?.getItem(key(projectId));
      return text ? readSavedEdits(JSON.parse(text), projectId) : undefined;
    } catch {
      return undefined;
    }
  };
  const journalIds = (): string[] => {
    const ids: string[] = [];
    try {
      for (let i = 0; journal && i < journal.length; i++) {
        const k = journal.key(i);
        if (k?.startsWith(EDIT_JOURNAL_PREFIX)) ids.push(k.slice(EDIT_JOURNAL_PREFIX.length));
      }
    } catch {
      // a journal that cannot be read holds nothing to offer
    }
    return ids;
  };
  const writeJournal = (edits: SavedEdits): unknown => {
    if (!journal) return new Error('localStorage is unavailable');
    try {
      journal.setItem(key(edits.projectId), JSON.stringify(edits));
      return undefined;
    } catch (error) {
      return error;
    }
  };
  return {
    async load(projectId) {
      let stored: SavedEdits | undefined;
      try {
        stored = db ? readSavedEdits(await db.get('edits', projectId), projectId) : undefined;
      } catch {
        stored = undefined;
      }
      // The journal holds a save IndexedDB did not finish; whichever is newer is what the user last had.
      return newer(fromJournal(projectId), stored);
    },
    async list() {
      const byId = new Map<string, SavedEdits>();
      try {
        for (const raw of db ? await db.getAll('edits') : []) {
          const id = (raw as { projectId?: unknown }).projectId;
          const edits = typeof id === 'string' ? readSavedEdits(raw, id) : undefined;
          if (edits) byId.set(id as string, edits);
        }
      } catch {
        // a database closed under us (another tab's upgrade) lists what the journal has
      }
      for (const id of journalIds()) {
        const chosen = newer(fromJournal(id), byId.get(id));
        if (chosen) byId.set(id, chosen);
      }
      return [...byId.values()];
    },
    writeAhead: (edits) => writeJournal(edits) === undefined,
    async save(edits) {
      const journalError = writeJournal(edits);
      const journaled = journalError === undefined;
      if (!db) return journaled ? { ok: true, journalOnly: 'IndexedDB is unavailable in this browser' } : { ok: false, message: describeFailure(journalError) };
      try {
        await db.put('edits', edits);
      } catch (error) {
        return journaled ? { ok: true, journalOnly: describeFailure(error) } : { ok: false, message: describeFailure(error) };
      }
      // Clear the journal only of what IndexedDB now holds: a later save (this tab's or another's) may have replaced it meanwhile.
      const entry = fromJournal(edits.projectId);
      if (entry && entry.savedAt <= edits.savedAt) {
        try {
          journal?.removeItem(key(edits.projectId));
        } catch {
          // a journal entry left behind is not newer than the stored record, so load still picks right
        }
      }
      return { ok: true };
    },
    async discard(projectId) {
      try {
        journal?.removeItem(key(projectId));
      } catch {
        // nothing to remove where storage is disabled
      }
      await db?.delete('edits', projectId).catch(() => undefined);
    },
    close: () => db?.close(),
  };
}
