/** A compact package search index (name, summary, provides) that answers a keystroke in a few milliseconds over ~60k packages. */

/** One package as the resolver hands it over for indexing. */
export interface SearchPackageInput {
  name: string;
  /** `[epoch:]version-release`. */
  evr: string;
  arch: string;
  repo: string;
  summary: string;
  /** Provide strings as rpm writes them, e.g. `libc.so.6()(64bit)` or `webserver`. */
  provides: string[];
}

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

function joinHay(items: string[]): { hay: string; starts: Int32Array } {
  const starts = new Int32Array(items.length + 1);
  let pos = 0;
  for (let i = 0; i < items.length; i++) {
    starts[i] = pos;
    pos += (items[i] as string).length + 1;
  }
  starts[items.length] = pos;
  return { hay: items.length ? `${items.join('\n')}\n` : '', starts };
}

/** Builds the index from the resolver's package list; builds of one name share a row. */
export function buildSearchIndex(packages: SearchPackageInput[]): SearchIndexData {
  const byName = new Map<string, { summary: string; provides: Set<string>; variants: SearchVariant[] }>();
  for (const pkg of packages) {
    let row = byName.get(pkg.name);
    if (!row) {
      row = { summary: pkg.summary, provides: new Set(), variants: [] };
      byName.set(pkg.name, row);
    }
    for (const p of pkg.provides) row.provides.add(p.toLowerCase());
    row.variants.push({ evr: pkg.evr, arch: pkg.arch, repo: pkg.repo });
  }
  const names = [...byName.keys()].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  const rows = names.map((n) => byName.get(n) as { summary: string; provides: Set<string>; variants: SearchVariant[] });
  const nameJoin = joinHay(names.map((n) => n.toLowerCase()));
  const summaries = rows.map((r) => r.summary.replace(/\n/g, ' '));
  const summaryJoin = joinHay(summaries.map((s) => s.toLowerCase()));
  const provideStarts = new Int32Array(rows.length + 1);
  const provideParts: string[] = [];
  let pos = 0;
  rows.forEach((row, i) => {
    provideStarts[i] = pos;
    for (const p of row.provides) {
      const clean = p.replace(/\n/g, ' ');
      provideParts.push(clean);
      pos += clean.length + 1;
    }
  });
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
    provideHay: provideParts.length ? `${provideParts.join('\n')}\n` : '',
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
  let pos = hay.indexOf(token);
  while (pos >= 0) {
    row = rowAt(starts, row, pos);
    const entryStart = pos === 0 ? 0 : hay.lastIndexOf('\n', pos - 1) + 1;
    const after = hay.charCodeAt(pos + token.length);
    // `name = 1.2` and `name(x86-64)` still count as exact provides of `name`.
    const exact = pos === entryStart && (after === 10 || after === 32 || after === 40);
    const tier = exact ? 3 : 4;
    if (tier < (best[row] as number)) best[row] = tier;
    pos = hay.indexOf(token, pos + 1);
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

function rowText(index: SearchIndexData, row: number): string {
  const slice = (hay: string, starts: Int32Array) => hay.slice(starts[row] as number, starts[row + 1] as number);
  return slice(index.nameHay, index.nameStarts) + slice(index.summaryHay, index.summaryStarts) + slice(index.provideHay, index.provideStarts);
}

function hitAt(index: SearchIndexData, row: number, tier: number): SearchHit {
  const variants: SearchVariant[] = [];
  for (let v = index.variantStarts[row] as number; v < (index.variantStarts[row + 1] as number); v++) {
    variants.push({ evr: index.variantEvrs[v] as string, arch: index.variantArches[v] as string, repo: index.repos[index.variantRepos[v] as number] as string });
  }
  return { name: index.names[row] as string, summary: index.summaries[row] as string, match: TIERS[tier] as SearchMatchKind, variants };
}

/**
 * Finds packages whose name, provides or summary contain every word of `query` (case-insensitive).
 * Ranked: exact name, name prefix, name substring, exact provide, provide substring, summary; shorter names first.
 */
export function searchPackages(index: SearchIndexData, query: string, limit = 50): SearchHit[] {
  const tokens = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!tokens.length || limit <= 0) return [];
  const lead = tokens.reduce((a, b) => (b.length > a.length ? b : a));
  const rest = tokens.filter((t) => t !== lead);
  const best = new Uint8Array(index.names.length).fill(NO_MATCH);
  markNames(index, lead, best);
  // One letter matches nearly every summary and provide; names alone are the useful answer then.
  if (lead.length >= 2) {
    markProvides(index, lead, best);
    markSummaries(index, lead, best);
  }
  const hits: SearchHit[] = [];
  for (let tier = 0; tier < TIERS.length && hits.length < limit; tier++) {
    for (let row = 0; row < best.length && hits.length < limit; row++) {
      if (best[row] !== tier) continue;
      if (rest.length) {
        const text = rowText(index, row);
        if (!rest.every((t) => text.includes(t))) continue;
      }
      hits.push(hitAt(index, row, tier));
    }
  }
  return hits;
}

/** A search index with its query method, for callers that prefer an object. */
export class PackageSearchIndex {
  /** Wraps index data built by `buildSearchIndex` or read back from the cache. */
  constructor(readonly data: SearchIndexData) {}
  /** Builds an index from the resolver's package list. */
  static build(packages: SearchPackageInput[]): PackageSearchIndex {
    return new PackageSearchIndex(buildSearchIndex(packages));
  }
  /** Number of distinct package names indexed. */
  get size(): number {
    return this.data.names.length;
  }
  /** See `searchPackages`. */
  search(query: string, limit = 50): SearchHit[] {
    return searchPackages(this.data, query, limit);
  }
}
