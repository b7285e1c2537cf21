/** DeviationsState: the project's deviation report (from the resolver worker), sorted and filtered for the Deviations pane. */
import type { DeviationReport, OverlayDeviation } from '../lib/supply/index.ts';
import type { AppStatus } from './app-status.svelte.ts';
import type { ResolverLink } from './resolver-link.ts';

/** Columns the overlay table sorts by. */
export type DeviationSortKey = 'component' | 'type' | 'category' | 'upstreamStatus' | 'file';

const text = (o: OverlayDeviation, key: DeviationSortKey): string => (key === 'file' ? `${o.file}:${String(o.line).padStart(6, '0')}` : (o[key] ?? ''));

/** The report of the project on screen, with the pane's sort and filter. */
export class DeviationsState {
  report = $state.raw<DeviationReport | undefined>(undefined);
  filter = $state('');
  sortKey = $state<DeviationSortKey>('component');
  descending = $state(false);
  private generation = 0;

  constructor(
    private readonly link: ResolverLink,
    private readonly status: AppStatus,
  ) {}

  /** Reads the report of FILES in the worker; a newer call wins. */
  async refresh(files: ReadonlyMap<string, string>): Promise<void> {
    const generation = ++this.generation;
    try {
      const report = await this.link.remote.deviations([...files]);
      if (generation === this.generation) this.report = report;
    } catch (error) {
      if (generation === this.generation) this.status.thrown('resolver', error);
    }
  }

  /** Sorts by KEY, or flips the order when it already sorts by KEY. */
  sortBy(key: DeviationSortKey): void {
    if (this.sortKey === key) this.descending = !this.descending;
    else {
      this.sortKey = key;
      this.descending = false;
    }
  }

  /** The overlays matching the filter (every word in component, type, category, status, description or file), sorted. */
  readonly overlays = $derived.by((): OverlayDeviation[] => {
    const words = this.filter.toLowerCase().split(/\s+/).filter(Boolean);
    const rows = (this.report?.overlays ?? []).filter((o) => {
      const hay = [o.component, o.type, o.category ?? 'uncategorized', o.upstreamStatus ?? '', o.description ?? '', o.file].join(' ').toLowerCase();
      return words.every((w) => hay.includes(w));
    });
    const sign = this.descending ? -1 : 1;
    return rows.sort((a, b) => {
      const x = text(a, this.sortKey);
      const y = text(b, this.sortKey);
      return (x < y ? -sign : x > y ? sign : 0) || (a.component < b.component ? -1 : a.component > b.component ? 1 : a.index - b.index);
    });
  });
}
