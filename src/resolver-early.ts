/** The page's resolver worker, started before the page's other modules evaluate, so its script and the wasm load meanwhile. */
import { opensQuickRequest } from './lib/project/page-mode.ts';
import { ResolverClient, type WorkerCrashedError } from './workers/resolver.client.ts';

let onCrash: ((error: WorkerCrashedError) => void) | undefined;

/** The one resolver client of the playground page. */
const resolver = new ResolverClient((error) => onCrash?.(error));
if (!opensQuickRequest(new URLSearchParams(location.search))) resolver.preloadProject();

/** The early-started client, telling HANDLER (the Playground's) when its worker was restarted after a crash. */
export function earlyResolver(handler: (error: WorkerCrashedError) => void): ResolverClient {
  onCrash = handler;
  return resolver;
}
