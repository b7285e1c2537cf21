/** A compact package search index (name, summary, provides) that answers a keystroke in a few milliseconds over ~60k packages. */
import type { PackageListEntry } from '../resolve/resolver.ts';

/** One package as the resolver hands it over for indexing (`Resolver.packageList`). */
export type SearchPackageInput = PackageListEntry;

/** One build of a package name: the index groups builds by name. */
export interface SearchVariant {
  evr: string;
  arch: string;
  repo: string;
}

/** Why a package matched, best first. */
export type SearchMatchKind = 'name-exact' | 'name-prefix' | 'name' | 'provides-exact' | 'provides' | 'summary';

/** One search result: a package name with all its builds. */
export interface SearchHit {
  name: string;
  summary: string;
  match: SearchMatchKind;
  variants: SearchVariant[];
}

/** The serialisable form of the index (structured-clone safe, so it can be cached in IndexedDB as is). */
export interface SearchIndexData {
  version: 1;
  /** Package names, ordered by length then name, so scanning order is already result order within a tier. */
  names: string[];
  summaries: string[];
  /** `\n`-joined lowercase names; `nameStarts[i]` is where row i begins (one extra entry marks the end). */
  nameHay: string;
  nameStarts: Int32Array;
  summaryHay: string;
  summaryStarts: Int32Array;
  /** Lowercase provides, `\n`-terminated, grouped by row; `provideStarts[i]` is where row i's provides begin. */
  provideHay: string;
  provideStarts: Int32Array;
  variantStarts: Int32Array;
  variantEvrs: string[];
  variantArches: string[];
  variantRepos: Uint16Array;
  repos: string[];
}

const TIERS: SearchMatchKind[] = ['name-exact', 'name-prefix', 'name', 'provides-exact', 'provides', 'summary'];
const NO_MATCH = 255;

/** Joins items into one `\n`-terminated haystack with row starts; lowercased in one pass when that keeps every offset. */
function joinHay(items: string[], lower: boolean): { hay: string; starts: Int32Array } {
  const starts = new Int32Array(items.length + 1);
  let pos = 0;
  for (let i = 0; i < items.length; i++) {
    starts[i] = pos;
    pos += (items[i] as string).length + 1;
  }
  starts[items.length] = pos;
  if (!items.length) return { hay: '', starts };
  const joined = `${items.join('\n')}\n`;
  if (!lower) return { hay: joined, starts };
  const lowered = joined.toLowerCase();
  // A few characters (e.g. U+0130) grow when lowercased; only then lowercase item by item, which keeps offsets right.
  if (lowered.length === joined.length) return { hay: lowered, starts };
  return { hay: `${items.map((item) => fitLower(item)).join('\n')}\n`, starts };
}

function fitLower(item: string): string {
  const lowered = item.toLowerCase();
  return lowered.length === item.length ? lowered : item;
}

/** Builds the index from the resolver's package list; builds of one name share a row. */
export function buildSearchIndex(packages: SearchPackageInput[]): SearchIndexData {
  const byName = new Map<string, { summary: string; provides: string[]; variants: SearchPackageInput[] }>();
  for (const pkg of packages) {
    const row = byName.get(pkg.name);
    if (!row) byName.set(pkg.name, { summary: pkg.summary, provides: pkg.provides, variants: [pkg] });
    else {
      // Builds of one name mostly provide the same things; merge only when there is more than one build.
      row.provides = [...new Set([...row.provides, ...pkg.provides])];
      row.variants.push(pkg);
    }
  }
  const names = [...byName.keys()].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  const rows = names.map((n) => byName.get(n) as { summary: string; provides: string[]; variants: SearchPackageInput[] });
  const nameJoin = joinHay(names, true);
  const summaries = rows.map((r) => (r.summary.includes('\n') ? r.summary.replace(/\n/g, ' ') : r.summary));
  const summaryJoin = joinHay(summaries, true);
  const provideStarts = new Int32Array(rows.length + 1);
  const provideParts: string[] = [];
  let pos = 0;
  for (let i = 0; i < rows.length; i++) {
    provideStarts[i] = pos;
    for (const p of (rows[i] as { provides: string[] }).provides) {
      const clean = p.includes('\n') ? p.replace(/\n/g, ' ') : p;
      provideParts.push(clean);
      pos += clean.length + 1;
    }
  }
  provideStarts[rows.length] = pos;
  const repos: string[] = [];
  const repoIds = new Map<string, number>();
  const variantStarts = new Int32Array(rows.length + 1);
  const variantEvrs: string[] = [];
  const variantArches: string[] = [];
  const variantRepoList: number[] = [];
  rows.forEach((row, i) => {
    variantStarts[i] = variantEvrs.length;
    for (const v of row.variants) {
      let id = repoIds.get(v.repo);
      if (id === undefined) {
        id = repos.length;
        repos.push(v.repo);
        repoIds.set(v.repo, id);
      }
      variantEvrs.push(v.evr);
      variantArches.push(v.arch);
      variantRepoList.push(id);
    }
  });
  variantStarts[rows.length] = variantEvrs.length;
  return {
    version: 1,
    names,
    summaries,
    nameHay: nameJoin.hay,
    nameStarts: nameJoin.starts,
    summaryHay: summaryJoin.hay,
    summaryStarts: summaryJoin.starts,
    provideHay: joinHay(provideParts, true).hay,
    provideStarts,
    variantStarts,
    variantEvrs,
    variantArches,
    variantRepos: Uint16Array.from(variantRepoList),
    repos,
  };
}

/** Advances `row` until `starts[row + 1] > pos`; matches arrive in increasing order, so the walk is linear overall. */
function rowAt(starts: Int32Array, row: number, pos: number): number {
  while ((starts[row + 1] as number) <= pos) row++;
  return row;
}

function markNames(index: SearchIndexData, token: string, best: Uint8Array): void {
  const { nameHay: hay, nameStarts: starts } = index;
  let row = 0;
  let pos = hay.indexOf(token);
  while (pos >= 0) {
    row = rowAt(starts, row, pos);
    const start = starts[row] as number;
    const end = (starts[row + 1] as number) - 1;
    const tier = pos === start ? (end - start === token.length ? 0 : 1) : 2;
    if (tier < (best[row] as number)) best[row] = tier;
    // The first match in a row is its earliest, so the best this row can get; jump to the next row.
    pos = hay.indexOf(token, end + 1);
  }
}

function markProvides(index: SearchIndexData, token: string, best: Uint8Array): void {
  const { provideHay: hay, provideStarts: starts } = index;
  let row = 0;
  let nextEntryStart = 0;
  let pos = hay.indexOf(token);
  while (pos >= 0) {
    row = rowAt(starts, row, pos);
    const rowEnd = starts[row + 1] as number;
    if ((best[row] as number) <= 3) {
      pos = hay.indexOf(token, rowEnd);
      continue;
    }
    const entryStart = pos === 0 ? 0 : hay.lastIndexOf('\n', pos - 1) + 1;
    const after = hay.charCodeAt(pos + token.length);
    // `name = 1.2` and `name(x86-64)` still count as exact provides of `name`.
    const exact = pos === entryStart && (after === 10 || after === 32 || after === 40);
    if (exact) {
      best[row] = 3;
      pos = hay.indexOf(token, rowEnd);
      continue;
    }
    if ((best[row] as number) > 4) best[row] = 4;
    // Only an exact provide could still improve this row: the next entry-start occurrence, found once and reused,
    // since searching for it afresh per row would rescan the rest of the haystack every time.
    if (nextEntryStart !== -1 && nextEntryStart <= pos) {
      const found = hay.indexOf(`\n${token}`, pos);
      nextEntryStart = found < 0 ? -1 : found + 1;
    }
    pos = nextEntryStart !== -1 && nextEntryStart < rowEnd ? nextEntryStart : hay.indexOf(token, rowEnd);
  }
}

function markSummaries(index: SearchIndexData, token: string, best: Uint8Array): void {
  const { summaryHay: hay, summaryStarts: starts } = index;
  let row = 0;
  let pos = hay.indexOf(token);
  while (pos >= 0) {
    row = rowAt(starts, row, pos);
    if (5 < (best[row] as number)) best[row] = 5;
    pos = hay.indexOf(token, starts[row + 1] as number);
  }
}

/** Marks every row whose name, summary or provides contain `token`: one sweep per haystack, first match per row. */
function rowsContaining(index: SearchIndexData, token: string): Uint8Array {
  const has = new Uint8Array(index.names.length);
  const sweep = (hay: string, starts: Int32Array) => {
    let row = 0;
    let pos = hay.indexOf(token);
    while (pos >= 0) {
      row = rowAt(starts, row, pos);
      has[row] = 1;
      pos = hay.indexOf(token, starts[row + 1] as number);
    }
  };
  sweep(index.nameHay, index.nameStarts);
  sweep(index.summaryHay, index.summaryStarts);
  sweep(index.provideHay, index.provideStarts);
  return has;
}

function hitAt(index: SearchIndexData, row: number, tier: number): SearchHit {
  const variants: SearchVariant[] = [];
  for (let v = index.variantStarts[row] as number; v < (index.variantStarts[row + 1] as number); v++) {
    variants.push({ evr: index.variantEvrs[v] as string, arch: index.variantArches[v] as string, repo: index.repos[index.variantRepos[v] as number] as string });
  }
  return { name: index.names[row] as string, summary: index.summaries[row] as string, match: TIERS[tier] as SearchMatchKind, variants };
}

/** Packages whose name, provides or summary contain every word of `query`, best tier first (see SearchMatchKind), shorter names first. */
export function searchPackages(index: SearchIndexData, query: string, limit = 50): SearchHit[] {
  const tokens = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!tokens.length || limit <= 0) return [];
  const lead = tokens.reduce((a, b) => (b.length > a.length ? b : a));
  const rest = tokens.filter((t) => t !== lead);
  const best = new Uint8Array(index.names.length).fill(NO_MATCH);
  // Further words filter the lead word's matches; each is one sweep over the haystacks, not a per-row search.
  const filters = rest.map((t) => rowsContaining(index, t));
  const accepts = (row: number) => filters.every((has) => has[row] === 1);
  // Tiers are strictly ordered, so once the name tiers alone fill `limit`, provides and summaries cannot change the answer.
  markNames(index, lead, best);
  // One letter matches nearly every summary and provide; names alone are the useful answer then.
  if (lead.length >= 2 && countUpTo(best, 2, limit, accepts) < limit) {
    markProvides(index, lead, best);
    if (countUpTo(best, 4, limit, accepts) < limit) markSummaries(index, lead, best);
  }
  const hits: SearchHit[] = [];
  for (let tier = 0; tier < TIERS.length && hits.length < limit; tier++) {
    for (let row = 0; row < best.length && hits.length < limit; row++) {
      if (best[row] === tier && accepts(row)) hits.push(hitAt(index, row, tier));
    }
  }
  return hits;
}

/** Counts accepted rows at `maxTier` or better, stopping at `limit`. */
function countUpTo(best: Uint8Array, maxTier: number, limit: number, accepts: (row: number) => boolean): number {
  let n = 0;
  for (let row = 0; row < best.length && n < limit; row++) {
    if ((best[row] as number) <= maxTier && accepts(row)) n++;
  }
  return n;
}
