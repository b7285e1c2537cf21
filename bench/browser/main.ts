/** The bench page: engine modes go to the bench worker; warm and edit drive the app's own resolver worker through ResolverClient. */
import { ResolverClient } from '../../src/workers/resolver.client.ts';
import type { ResolveResult } from '../../src/lib/resolve/types.ts';
import type { BenchModeResult, BenchRequest, BenchResult, EditModeResult, WarmModeResult } from './protocol.ts';

const target = window as unknown as { __benchInput: BenchRequest; __benchResult?: BenchResult };
const request = target.__benchInput;

function solvedResult(result: ResolveResult | { superseded: true }, what: string): Extract<ResolveResult, { ok: true }> {
  if ('superseded' in result) throw new Error(`${what}: superseded`);
  if (!result.ok) throw new Error(`${what}: ${result.kind}${result.kind === 'invalid' ? ` ${result.message}` : ''}`);
  return result;
}

function solved(result: ResolveResult | { superseded: true }, what: string): number {
  return solvedResult(result, what).packages.length;
}

/** A new resolver worker on a page whose IndexedDB already has the repository: init, addRepo, first solve. */
async function startClient(req: BenchRequest): Promise<{ client: ResolverClient; timings: Omit<WarmModeResult, 'mode' | 'memoryBytes' | 'xmlParses' | 'firstSearchMs'> }> {
  const t0 = performance.now();
  const client = new ResolverClient();
  const init = await client.init({ arch: 'x86_64', appBaseUrl: new URL('./', location.href).href, cacheDbName: req.dbName });
  if (!init.ok) throw new Error(`init: ${init.error.message}`);
  const t1 = performance.now();
  const added = await client.addRepo({ kind: 'url', url: req.repoUrl });
  if (!added.ok) throw new Error(`addRepo: ${added.error.message}`);
  const t2 = performance.now();
  const first = solvedResult(await client.solve(req.firstRequest), 'first solve');
  const t3 = performance.now();
  const installed = first.packages.length;
  const { loadMs, cacheReadMs = Number.NaN } = added.value.timings;
  return { client, timings: { initMs: t1 - t0, addRepoMs: t2 - t1, cacheReadMs, solvLoadMs: loadMs - cacheReadMs, firstSolveMs: t3 - t2, firstSolverMs: first.stats.solveMs, totalMs: t3 - t0, installed, fromCache: added.value.fromCache } };
}

async function warmMode(req: BenchRequest): Promise<WarmModeResult> {
  const { client, timings } = await startClient(req);
  const stats = await client.remote.stats();
  const t0 = performance.now();
  await client.remote.search('python3', 50);
  const firstSearchMs = performance.now() - t0;
  client.dispose();
  return { mode: 'warm', ...timings, firstSearchMs, xmlParses: stats.xmlParses, memoryBytes: stats.memoryBytes };
}

async function editMode(req: BenchRequest): Promise<EditModeResult> {
  const { client } = await startClient(req);
  const jobEditMs: number[] = [];
  for (const edit of req.jobEdits ?? []) {
    const t0 = performance.now();
    solved(await client.solve(edit), `job edit ${edit.specs.join(' ')}`);
    jobEditMs.push(performance.now() - t0);
  }
  const overlayEditMs: number[] = [];
  let firstBuildMs = Number.NaN;
  let imagePackages = 0;
  let imageErrors = 0;
  for (const [i, files] of (req.overlayEdits ?? []).entries()) {
    const t0 = performance.now();
    const outcome = await client.buildImage({ files, image: req.editImage ?? '' });
    const ms = performance.now() - t0;
    imagePackages = solved(outcome.result, `overlay edit ${i}`);
    imageErrors = outcome.diagnostics.filter((d) => d.severity === 'error').length;
    if (i === 0) firstBuildMs = ms;
    else overlayEditMs.push(ms);
  }
  if (req.lingerMs) await new Promise((done) => setTimeout(done, req.lingerMs));
  client.dispose();
  return { mode: 'edit', jobEditMs, firstBuildMs, overlayEditMs, imagePackages, imageErrors };
}

function inWorker(req: BenchRequest): Promise<BenchModeResult> {
  return new Promise((done, fail) => {
    const worker = new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module', name: 'bench' });
    worker.onmessage = (event: MessageEvent<BenchResult>) => {
      worker.terminate();
      if (event.data.ok) done(event.data.result);
      else fail(new Error(event.data.error));
    };
    worker.onerror = (event) => fail(new Error(`bench worker: ${event.message || 'failed to start'}`));
    worker.postMessage(req);
  });
}

const run = request.mode === 'warm' ? warmMode(request) : request.mode === 'edit' ? editMode(request) : inWorker(request);
run.then(
  (result) => (target.__benchResult = { ok: true, result }),
  (err: unknown) => (target.__benchResult = { ok: false, error: err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err) }),
);
