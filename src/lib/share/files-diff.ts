/** A project as a difference from the example it started from, the way share links and embeds carry it. */

/** The files of CURRENT that differ from BASE (changed or added: their text; deleted: null), in path order. */
export function filesDiff(base: ReadonlyMap<string, string>, current: ReadonlyMap<string, string>): Record<string, string | null> {
  const diff: Record<string, string | null> = {};
  const paths = [...new Set([...base.keys(), ...current.keys()])].sort();
  for (const path of paths) {
    const now = current.get(path);
    if (now === undefined) diff[path] = null;
    else if (base.get(path) !== now) diff[path] = now;
  }
  return diff;
}

/** BASE with DIFF applied: texts replace or add files, null deletes them. */
export function applyFilesDiff(base: ReadonlyMap<string, string>, diff: Readonly<Record<string, string | null>>): Map<string, string> {
  const files = new Map(base);
  for (const [path, text] of Object.entries(diff)) {
    if (text === null) files.delete(path);
    else files.set(path, text);
  }
  return files;
}

/** One repository whose metadata differs between a link and the page. */
export interface MetadataDifference {
  repoId: string;
  /** The repomd.xml sha256 the link was made with. */
  linked: string;
  /** What the page has now; null when the page did not load that repository at all. */
  current: string | null;
}

/** Repositories whose metadata in CURRENT is not what LINKED recorded (ids only in CURRENT are not differences: the link did not know them). */
export function metadataDifferences(linked: Readonly<Record<string, string>>, current: Readonly<Record<string, string>>): MetadataDifference[] {
  return Object.keys(linked)
    .sort()
    .flatMap((repoId) => (current[repoId] === linked[repoId] ? [] : [{ repoId, linked: linked[repoId] as string, current: current[repoId] ?? null }]));
}
