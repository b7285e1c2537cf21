import { afterEach, describe, expect, it, vi } from 'vitest';
import { OverlayClient } from '../../../src/workers/overlay.client.ts';
import { WorkerCrashedError } from '../../../src/workers/restarting-worker.ts';
import { fakeWorkerClass } from '../../support/fake-worker.ts';

const renders: { worker: number; name: string }[] = [];
let hang = false;
// Renders wait on a gate so a test can hold one in flight while others queue.
let openGate: () => void = () => {};

const FakeWorker = fakeWorkerClass((id) => ({
  overlayView: async (_files: unknown, name: string) => {
    renders.push({ worker: id, name });
    if (hang) await new Promise<void>((resolve) => (openGate = resolve));
    return { components: [{ name: 'sudo' }], selected: name, outcome: { ok: false, error: { message: `rendered ${name} in worker ${id}` } } };
  },
}));
const outcomeOf = (view: Awaited<ReturnType<OverlayClient['view']>>) => ('superseded' in view ? view : view.outcome);

describe('OverlayClient', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    renders.length = 0;
    FakeWorker.instances = [];
    hang = false;
  });

  it('keeps only the newest waiting render', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const client = new OverlayClient();
    hang = true;
    const first = client.view(new Map(), 'a');
    await vi.waitFor(() => expect(renders).toHaveLength(1));
    const second = client.view(new Map(), 'b');
    const third = client.view(new Map(), 'c');
    hang = false;
    openGate();
    expect(await second).toEqual({ superseded: true });
    expect(await first).toEqual({ superseded: true });
    expect(outcomeOf(await third)).toEqual({ ok: false, error: { message: 'rendered c in worker 0' } });
    expect(renders.map((r) => r.name)).toEqual(['a', 'c']);
    client.dispose();
  });

  it('rejects a render in flight when the worker dies, and renders in a new worker afterwards', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const crashes: WorkerCrashedError[] = [];
    const client = new OverlayClient((e) => crashes.push(e));
    hang = true;
    const pending = client.view(new Map(), 'sudo');
    await vi.waitFor(() => expect(renders).toHaveLength(1));
    FakeWorker.instances[0]!.crash('out of memory');
    await expect(pending).rejects.toThrow('the overlay worker stopped (out of memory); it is being restarted');
    expect(crashes).toHaveLength(1);
    hang = false;
    const after = await client.view(new Map(), 'sudo');
    expect(outcomeOf(after)).toEqual({ ok: false, error: { message: 'rendered sudo in worker 1' } });
    expect('components' in after && after.components).toEqual([{ name: 'sudo' }]);
    client.dispose();
  });
});
