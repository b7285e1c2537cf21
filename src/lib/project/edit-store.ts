/** The user's edits to a project, kept in IndexedDB so a reload (or a closed tab) loses nothing. */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { digestHex } from '../repo/checksum.ts';

/** Name of the database this module owns (the repository cache has its own). */
export const EDIT_STORE_DB_NAME = 'azl-playground-projects';
const DB_VERSION = 1;

/** One project's files as the user left them. */
export interface SavedEdits {
  projectId: string;
  files: [string, string][];
  /** Epoch ms of the save. */
  savedAt: number;
  /** Fingerprint of the project the edits started from, to notice when the bundled example changed since. */
  baseline: string;
}

/** How a save went; storage can be full or refused (private windows). */
export type SaveOutcome = { ok: true } | { ok: false; message: string };

/** Saved edits by project. */
export interface EditStore {
  load(projectId: string): Promise<SavedEdits | undefined>;
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
