/** PackageTableState: the package table's filter, sort and grouping over the answer on screen, and the row the keyboard is on. */
import { filterRows, groupRows, packageRows, sortRows, type GroupKey, type PackageRow, type RowGroup, type SortKey } from '../lib/project/package-rows.ts';
import type { ResolvedPackage } from '../lib/resolve/types.ts';
import type { ResolverLink } from './resolver-link.ts';

/** One line of the table as drawn: a group heading with totals, or a package. */
export type TableLine = { kind: 'group'; group: RowGroup } | { kind: 'row'; row: PackageRow };

const PROVIDES_LIMIT = 200;

/** The package table of the answers column. */
export class PackageTableState {
  filter = $state('');
  sortKey = $state<SortKey>('name');
  sortDesc = $state(false);
  groupBy = $state<GroupKey>('none');
  /** Index into `lines` of the row the keyboard is on. */
  active = $state(0);
  /** Names whose provides match the filter (the worker's search index), so `libc.so.6` finds glibc. */
  providing = $state.raw<ReadonlySet<string>>(new Set());

  constructor(
    private readonly link: ResolverLink,
    /** The packages on screen and the specs the installer added, from the answer. */
    private readonly source: () => { packages: readonly ResolvedPackage[]; installerSpecs: ReadonlySet<string>; userSpecs?: ReadonlySet<string> },
  ) {}

  /** Every row of the answer on screen. */
  readonly rows = $derived.by(() => {
    const { packages, installerSpecs, userSpecs } = this.source();
    return packageRows(packages, installerSpecs, userSpecs);
  });

  /** The rows the filter keeps, sorted. */
  readonly shown = $derived.by(() => sortRows(filterRows(this.rows, this.filter, this.providing), this.sortKey, this.sortDesc));

  /** What the table draws: rows, or group headings each followed by its rows. */
  readonly lines = $derived.by((): TableLine[] => {
    if (this.groupBy === 'none') return this.shown.map((row) => ({ kind: 'row', row }));
    return groupRows(this.shown, this.groupBy).flatMap((group): TableLine[] => [{ kind: 'group', group }, ...group.rows.map((row): TableLine => ({ kind: 'row', row }))]);
  });

  /** Totals of the rows shown. */
  readonly totals = $derived.by(() => ({
    count: this.shown.length,
    downloadSize: this.shown.reduce((n, r) => n + r.downloadSize, 0),
    installSize: this.shown.reduce((n, r) => n + r.installSize, 0),
  }));

  /** Sets the filter; the worker is asked which packages provide what was typed. */
  async setFilter(filter: string): Promise<void> {
    this.filter = filter;
    this.active = 0;
    const q = filter.trim();
    if (q.length < 2) {
      this.providing = new Set();
      return;
    }
    const hits = await this.link.remote.search(q, PROVIDES_LIMIT);
    if (this.filter !== filter) return;
    this.providing = new Set(hits.filter((h) => h.match === 'provides' || h.match === 'provides-exact').map((h) => h.name));
  }

  /** Sorts by KEY; the same key again reverses the order. */
  sortBy(key: SortKey): void {
    if (this.sortKey === key) this.sortDesc = !this.sortDesc;
    else {
      this.sortKey = key;
      this.sortDesc = key === 'downloadSize' || key === 'installSize';
    }
  }

  /** Moves the keyboard's row by DELTA lines (or to the first/last with ±Infinity). */
  move(delta: number): void {
    const last = this.lines.length - 1;
    this.active = Math.max(0, Math.min(last, delta === Infinity ? last : delta === -Infinity ? 0 : this.active + delta));
  }
}
