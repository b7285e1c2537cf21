import { afterEach, describe, expect, it, vi } from 'vitest';
import { OverlayClient } from '../../../src/workers/overlay.client.ts';
import { WorkerCrashedError } from '../../../src/workers/restarting-worker.ts';
import { fakeWorkerClass } from '../../support/fake-worker.ts';

const renders: { worker: number; name: string }[] = [];
let hang = false;
// Renders wait on a gate so a test can hold one in flight while others queue.
let openGate: () => void = () => {};

const FakeWorker = fakeWorkerClass((id) => ({
  listComponents: () => [{ name: 'sudo' }],
  renderProjectComponent: async (_files: unknown, name: string) => {
    renders.push({ worker: id, name });
    if (hang) await new Promise<void>((resolve) => (openGate = resolve));
    return { ok: false, message: `rendered ${name} in worker ${id}` };
  },
}));

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
    const first = client.renderComponent(new Map(), 'a');
    await vi.waitFor(() => expect(renders).toHaveLength(1));
    const second = client.renderComponent(new Map(), 'b');
    const third = client.renderComponent(new Map(), 'c');
    hang = false;
    openGate();
    expect(await second).toEqual({ superseded: true });
    expect(await first).toEqual({ superseded: true });
    expect(await third).toEqual({ ok: false, message: 'rendered c in worker 0' });
    expect(renders.map((r) => r.name)).toEqual(['a', 'c']);
    client.dispose();
  });

  it('rejects a render in flight when the worker dies, and renders in a new worker afterwards', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const crashes: WorkerCrashedError[] = [];
    const client = new OverlayClient((e) => crashes.push(e));
    hang = true;
    const pending = client.renderComponent(new Map(), 'sudo');
    await vi.waitFor(() => expect(renders).toHaveLength(1));
    FakeWorker.instances[0]!.crash('out of memory');
    await expect(pending).rejects.toThrow('the overlay worker stopped (out of memory); it is being restarted');
    expect(crashes).toHaveLength(1);
    hang = false;
    expect(await client.renderComponent(new Map(), 'sudo')).toEqual({ ok: false, message: 'rendered sudo in worker 1' });
    expect(await client.listComponents(new Map())).toEqual([{ name: 'sudo' }]);
    client.dispose();
  });
});
