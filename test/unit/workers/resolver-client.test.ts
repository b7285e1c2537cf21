import { afterEach, describe, expect, it, vi } from 'vitest';
import { ResolverClient, WorkerCrashedError } from '../../../src/workers/resolver.client.ts';
import { fakeWorkerClass } from '../../support/fake-worker.ts';
import { PAGE_SIZE, PageStore } from '../../../src/workers/paged.ts';

// The client's real comlink traffic goes to a small recording API.
interface Calls {
  worker: number;
  method: string;
  arg: unknown;
}
const calls: Calls[] = [];
let hangSolves = false;
let answerSize = 0;
const pages = new PageStore();

const FakeWorker = fakeWorkerClass((id) => ({
  init: (o: unknown) => (calls.push({ worker: id, method: 'init', arg: o }), { ok: true, value: {} }),
  addRepo: (s: unknown) => (calls.push({ worker: id, method: 'addRepo', arg: s }), { ok: true, value: { repoId: 'r1' } }),
  stats: () => (calls.push({ worker: id, method: 'stats', arg: null }), { poolSolvables: 0 }),
  solve: (r: { specs: string[] }) => {
    calls.push({ worker: id, method: 'solve', arg: r.specs });
    const packages = Array.from({ length: answerSize }, (_, i) => ({ nevra: `p${i}-1-1.x86_64` }));
    return hangSolves ? new Promise(() => {}) : { ok: true, packages: pages.split(packages), skipped: [], stats: {} };
  },
  nextPage: (token: number) => {
    const page = pages.take(token);
    calls.push({ worker: id, method: 'nextPage', arg: page?.length });
    return page;
  },
}));

describe('ResolverClient', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    calls.length = 0;
    FakeWorker.instances = [];
    hangSolves = false;
    answerSize = 0;
  });

  it('receives a large package set whole, one page per message, so no message costs the page a long task', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const client = new ResolverClient();
    answerSize = 3 * PAGE_SIZE + 7;
    const result = await client.solve({ specs: ['everything'] });
    expect(result).toMatchObject({ ok: true });
    const packages = (result as { packages: { nevra: string }[] }).packages;
    expect(packages.map((p) => p.nevra)).toEqual(Array.from({ length: answerSize }, (_, i) => `p${i}-1-1.x86_64`));
    expect(calls.filter((c) => c.method === 'nextPage').map((c) => c.arg)).toEqual([PAGE_SIZE, PAGE_SIZE, 7]);
    client.dispose();
  });

  it('hands the worker the resolver module it compiled while the worker started, and leaves the compile to the worker when that failed', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    // the smallest valid module: magic and version
    const module = new WebAssembly.Module(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
    const client = new ResolverClient(undefined, async () => module);
    await client.init({ arch: 'x86_64', appBaseUrl: 'http://app.test/' });
    const sent = calls.find((c) => c.method === 'init')?.arg as { arch: string; module?: unknown };
    expect(sent.arch).toBe('x86_64');
    expect(sent.module).toBeInstanceOf(WebAssembly.Module);
    client.dispose();
    calls.length = 0;
    const failing = new ResolverClient(undefined, () => Promise.reject(new Error('HTTP 404')));
    await failing.init({ arch: 'aarch64', appBaseUrl: 'http://app.test/' });
    expect(calls.find((c) => c.method === 'init')?.arg).toEqual({ arch: 'aarch64', appBaseUrl: 'http://app.test/' });
    failing.dispose();
  });

  it('rejects pending calls when the worker dies, respawns it and replays init and repositories', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const crashes: WorkerCrashedError[] = [];
    const client = new ResolverClient((e) => crashes.push(e));
    await client.init({ arch: 'x86_64', appBaseUrl: 'http://app.test/' });
    await client.addRepo({ kind: 'bundle', id: 'demo' });
    hangSolves = true;
    const pending = client.solve({ specs: ['bash'] });
    await vi.waitFor(() => expect(calls.some((c) => c.method === 'solve')).toBe(true));
    FakeWorker.instances[0]!.crash('out of memory');
    await expect(pending).rejects.toBeInstanceOf(WorkerCrashedError);
    expect(crashes).toHaveLength(1);
    hangSolves = false;
    const after = await client.solve({ specs: ['vim'] });
    expect(after).toMatchObject({ ok: true });
    const second = calls.filter((c) => c.worker === 1).map((c) => c.method);
    // the replay comes first, then the new solve
    expect(second).toEqual(['init', 'addRepo', 'solve']);
    expect(calls.find((c) => c.worker === 1 && c.method === 'addRepo')?.arg).toEqual({ kind: 'bundle', id: 'demo' });
    client.dispose();
  });

  it('sends remote calls made right after a restart only once init and repositories are back (a build reached an uninitialised resolver)', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const client = new ResolverClient();
    await client.init({ arch: 'x86_64', appBaseUrl: 'http://app.test/' });
    await client.addRepo({ kind: 'bundle', id: 'demo' });
    FakeWorker.instances[0]!.crash('out of memory');
    await client.remote.stats();
    expect(calls.filter((c) => c.worker === 1).map((c) => c.method)).toEqual(['init', 'addRepo', 'stats']);
    client.dispose();
  });
});
