/**
 * Loads a project from a checkout the way azldev does: `azldev.toml`, the files its includes reach,
 * then the overlay and lock files the merged config names, and nothing else. Reads run a bounded
 * number at a time, so a tree of any size never holds more open files than that.
 */
import pLimit from 'p-limit';
import { parse } from 'smol-toml';
import { expandGlob, globBase, matchesLiterally } from '../files/glob.ts';
import { finishLoad, pathsTheLoadChecks, pendingReads, refreshPaths, ROOT_CONFIG, startLoad, type LoadResult } from './load.ts';
import { comparePaths, dirname, resolvePath } from '../files/paths.ts';

/** What reading one file of a checkout gives: its text, or why it was left unread. */
export type SourceText = { text: string } | { skipped: string };

/** The entries of one directory of a checkout. */
export interface DirEntries {
  files: string[];
  dirs: string[];
}

/** A checkout on disk, in a browser folder or in an archive. */
export interface ProjectSource {
  /**
   * The file and subdirectory names in DIR (a project-relative POSIX path, `''` for the root); a
   * directory that does not exist has none. VCS data and build output are left out.
   */
  listDir(dir: string): Promise<DirEntries>;
  /** One file's text; binary or oversized files are skipped with the reason. */
  read(path: string): Promise<SourceText>;
}

/** How far a read has come. */
export interface ReadProgress {
  phase: 'listing' | 'config' | 'files';
  /** Files read so far, and files asked for so far (both grow as includes are found). */
  done: number;
  total: number;
  /** Files listed so far. */
  listed: number;
}

/** Options of `loadProjectFrom` and `CheckoutReader`. */
export interface ReadOptions {
  permissive?: boolean;
  /** Reads and directory listings in flight at once (default 32). */
  concurrency?: number;
  onProgress?: (progress: ReadProgress) => void;
}

function joinPath(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

/**
 * The files of one checkout, listed and read on demand: a directory is listed only when a pattern
 * or a named path needs it (as azldev's globbing walks only a pattern's base), a file is read only
 * when asked for, and at most `concurrency` listings or reads run at once.
 */
export class CheckoutReader {
  /** Text of every file read, by path. */
  readonly files = new Map<string, string>();
  /** Files that were not read, and why. */
  readonly unreadable = new Map<string, string>();
  private readonly paths = new Set<string>();
  private sorted: string[] | null = [];
  private readonly shallow = new Map<string, Promise<DirEntries>>();
  private readonly deep = new Map<string, Promise<void>>();
  private readonly pending = new Map<string, Promise<void>>();
  private readonly limit: ReturnType<typeof pLimit>;
  private phase: ReadProgress['phase'] = 'listing';

  constructor(
    private readonly source: ProjectSource,
    private readonly options: ReadOptions = {},
  ) {
    this.limit = pLimit(Math.max(1, options.concurrency ?? 32));
  }

  /** Every file listed so far, in directory-walk order (what glob expansion needs). */
  get sortedPaths(): readonly string[] {
    this.sorted ??= [...this.paths].sort(comparePaths);
    return this.sorted;
  }

  /** The files listed so far. */
  get existing(): ReadonlySet<string> {
    return this.paths;
  }

  /** Labels the reads that follow in progress reports. */
  setPhase(phase: ReadProgress['phase']): void {
    this.phase = phase;
  }

  /** Lists the files directly in DIR; a directory outside the checkout has none. */
  listShallow(dir: string): Promise<DirEntries> {
    let listing = this.shallow.get(dir);
    if (!listing && (dir === '..' || dir.startsWith('../') || dir.startsWith('/'))) {
      listing = Promise.resolve({ files: [], dirs: [] });
      this.shallow.set(dir, listing);
    }
    if (!listing) {
      listing = this.limit(async () => {
        const entries = await this.source.listDir(dir);
        for (const name of entries.files) this.paths.add(joinPath(dir, name));
        this.sorted = null;
        this.report();
        return entries;
      });
      this.shallow.set(dir, listing);
    }
    return listing;
  }

  /** Lists every file under DIR, recursively. */
  listDeep(dir: string): Promise<void> {
    let listing = this.deep.get(dir);
    if (!listing) {
      listing = this.listShallow(dir).then(async (entries) => {
        await Promise.all(entries.dirs.map((sub) => this.listDeep(joinPath(dir, sub))));
      });
      this.deep.set(dir, listing);
    }
    return listing;
  }

  /** Lists what PATTERN (a project-relative path or doublestar glob) can match, and no more. */
  async listFor(pattern: string): Promise<void> {
    if (matchesLiterally(pattern)) {
      await this.listShallow(dirname(pattern));
      return;
    }
    const { base, deep } = globBase(pattern);
    await (deep ? this.listDeep(base) : this.listShallow(base));
  }

  /** Reads each of PATHS that is listed and was not read before; resolves when all are in. */
  async readAll(paths: Iterable<string>): Promise<void> {
    const waits: Promise<void>[] = [];
    for (const path of paths) {
      if (!this.paths.has(path)) continue;
      let wait = this.pending.get(path);
      if (!wait) {
        wait = this.limit(async () => {
          const got = await this.source.read(path);
          if ('text' in got) this.files.set(path, got.text);
          else this.unreadable.set(path, got.skipped);
          this.report();
        });
        this.pending.set(path, wait);
      }
      waits.push(wait);
    }
    this.report();
    await Promise.all(waits);
  }

  private report(): void {
    this.options.onProgress?.({ phase: this.phase, done: this.files.size + this.unreadable.size, total: this.pending.size, listed: this.paths.size });
  }
}

// TOML puts top-level keys such as `includes` before the first table header, so only that head is
// parsed here (components.toml is 7,000 tables after it); the load parses everything again, locating errors.
const FIRST_TABLE = /^[ \t]*\[/m;

function includesIn(text: string): string[] | undefined {
  try {
    const value = (parse(text) as { includes?: unknown }).includes;
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return undefined;
  }
}

function includesOf(text: string): string[] {
  if (!text.includes('includes')) return [];
  const head = FIRST_TABLE.exec(text);
  // A head that does not parse alone was cut inside a multi-line value: parse the whole file.
  return (head ? includesIn(text.slice(0, head.index)) : undefined) ?? includesIn(text) ?? [];
}

/** Reads `azldev.toml` and every file its includes reach, recursively, listing only the directories their patterns cover. */
export async function readConfigTree(reader: CheckoutReader): Promise<void> {
  reader.setPhase('config');
  await reader.listShallow('');
  const visited = new Set<string>();
  const visit = async (path: string): Promise<void> => {
    if (visited.has(path)) return;
    visited.add(path);
    await reader.readAll([path]);
    const text = reader.files.get(path);
    if (text === undefined) return;
    const patterns = includesOf(text).map((pattern) => ({ pattern, full: resolvePath(dirname(path), pattern) }));
    await Promise.all(patterns.map(({ full }) => reader.listFor(full)));
    const matches = patterns.flatMap(({ pattern }) => expandGlob(reader.sortedPaths, reader.existing, dirname(path), pattern));
    await Promise.all(matches.map(visit));
  };
  await visit(ROOT_CONFIG);
}

/** Loads the project READER's checkout holds, listing and reading only what the load needs. */
export async function loadFromReader(reader: CheckoutReader, permissive = false): Promise<LoadResult> {
  await readConfigTree(reader);
  const pending = startLoad(reader.files, { permissive, paths: reader.sortedPaths, unreadable: reader.unreadable });
  // What the second half looks for: overlay-file patterns, the lock directory, kiwi-config-override files.
  await Promise.all(pathsTheLoadChecks(pending).map((pattern) => reader.listFor(pattern)));
  refreshPaths(pending, reader.sortedPaths);
  await reader.readAll(pendingReads(pending));
  return finishLoad(pending);
}

/** Loads the project in SOURCE; the reader holds what was listed and read. */
export async function loadProjectFrom(source: ProjectSource, options: ReadOptions = {}): Promise<{ result: LoadResult; reader: CheckoutReader }> {
  const reader = new CheckoutReader(source, options);
  const result = await loadFromReader(reader, options.permissive ?? false);
  return { result, reader };
}
