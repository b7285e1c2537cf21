/** What the state classes need of the resolver worker's client: the page passes a `ResolverClient`, tests a stand-in. */
import type { ResolverClient } from '../workers/resolver.client.ts';

/** The resolver worker as the state classes use it. */
export type ResolverLink = Pick<ResolverClient, 'init' | 'addRepo' | 'removeRepo' | 'solve' | 'buildImage' | 'remote'>;
