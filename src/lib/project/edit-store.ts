/** The user's edits to a project, kept in IndexedDB so a reload (or a closed tab) loses nothing. */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { digestHex } from '../repo/checksum.ts';

/** Name of the database this module owns (the repository cache has its own). */
export const EDIT_STORE_DB_NAME = 'azl-playground-projects';
const DB_VERSION = 1;

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

/** How a save went; storage can be full or refused (private windows). */
export type SaveOutcome = { ok: true } | { ok: false; message: string };

/** Saved edits by project. */
export interface EditStore {
  load(projectId: string): Promise<SavedEdits | undefined>;
  /** Every saved project, examples' edits and the user's projects. */
  list(): Promise<SavedEdits[]>;
  save(edits: SavedEdits): Promise<SaveOutcome>;
  discard(projectId: string): Promise<void>;
  close(): void;
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

/** Opens the store; resolves to undefined where IndexedDB is missing or refused, and the page goes on without it. */
export async function openEditStore(options: { dbName?: string } = {}): Promise<EditStore | undefined> {
  let db: IDBPDatabase<EditSchema>;
  try {
    db = await openDB<EditSchema>(options.dbName ?? EDIT_STORE_DB_NAME, DB_VERSION, {
      upgrade(database) {
        database.createObjectStore('edits', { keyPath: 'projectId' });
      },
    });
  } catch {
    return undefined;
  }
  return {
    load: (projectId) => db.get('edits', projectId),
    list: () => db.getAll('edits'),
    async save(edits) {
      try {
        await db.put('edits', edits);
        return { ok: true };
      } catch (error) {
        return { ok: false, message: describeFailure(error) };
      }
    },
    async discard(projectId) {
      await db.delete('edits', projectId);
    },
    close: () => db.close(),
  };
}
