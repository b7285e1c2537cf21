/** WhyState: why one package of the answer on screen is there (libsolv's decisions), and what excluding it would do. */
import type { WhatIfOutcome } from '../lib/project/what-if.ts';
import type { ExplainResult } from '../lib/resolve/resolver.ts';
import type { AppStatus } from './app-status.svelte.ts';
import type { ResolverLink } from './resolver-link.ts';

/** The package asked about, its chain, and the "what if excluded" answer when asked. */
export class WhyState {
  current = $state.raw<{ nevra: string; result: ExplainResult } | undefined>(undefined);
  whatIf = $state.raw<WhatIfOutcome | undefined>(undefined);
  trying = $state(false);

  constructor(
    private readonly link: ResolverLink,
    private readonly status: AppStatus,
  ) {}

  /** Asks the worker why NEVRA is in the answer on screen (the worker knows which pool gave it). */
  async explain(nevra: string): Promise<void> {
    this.whatIf = undefined;
    try {
      this.current = { nevra, result: await this.link.remote.explain(nevra) };
    } catch (error) {
      this.status.thrown('resolver', error);
    }
  }

  /** Solves the answer on screen again with package NAME excluded. */
  async tryExcluding(name: string): Promise<void> {
    this.trying = true;
    try {
      this.whatIf = await this.link.remote.whatIfExcluded(name);
    } catch (error) {
      this.status.thrown('resolver', error);
    } finally {
      this.trying = false;
    }
  }
}
