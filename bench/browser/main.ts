/** The bench page: starts the bench worker with the mode from the query string and exposes its answer. */
import type { BenchMode, BenchRequest, BenchResult } from './protocol.ts';

const params = new URLSearchParams(location.search);
const request: BenchRequest = {
  mode: (params.get('mode') ?? 'resolver') as BenchMode,
  repoUrl: params.get('repo') ?? '',
  dbName: params.get('db') ?? 'azl-bench',
};
const target = window as unknown as { __benchResult?: BenchResult };
const worker = new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module', name: 'bench' });
worker.onmessage = (event: MessageEvent<BenchResult>) => {
  target.__benchResult = event.data;
  worker.terminate();
};
worker.onerror = (event) => {
  target.__benchResult = { ok: false, error: `worker error: ${event.message || 'failed to start'}` };
};
worker.postMessage(request);
