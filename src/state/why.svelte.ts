/** WhyState: libsolv's decision chain behind one package of the answer on screen. */
import type { ExplainResult } from '../lib/resolve/resolver.ts';
import type { AppStatus } from './app-status.svelte.ts';
import type { ResolverLink } from './resolver-link.ts';

/** The package asked about and its chain. */
export class WhyState {
  current = $state.raw<{ nevra: string; result: ExplainResult } | undefined>(undefined);

  constructor(
    private readonly link: ResolverLink,
    private readonly status: AppStatus,
  ) {}

  /** Asks the worker why NEVRA is in the answer on screen (the worker knows which pool gave it). */
  async explain(nevra: string): Promise<void> {
    try {
      this.current = { nevra, result: await this.link.remote.explain(nevra) };
    } catch (error) {
      this.status.thrown('resolver', error);
    }
  }
}
