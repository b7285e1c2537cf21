import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { convertPartIn, inThreadConverter, PartJoin, PartQueue, type OpenPartConverters, type PartConverter, type PartOutcome } from '../../../src/lib/resolve/parts.ts';
import { Resolver } from '../../../src/lib/resolve/resolver.ts';
import { RpmmdEngine, type RpmmdFiles, type SolvPart } from '../../../src/lib/resolve/rpmmd-engine.ts';
import type { ResolveRequest } from '../../../src/lib/resolve/types.ts';
import { splitPrimaryXml } from '../../../src/lib/resolve/xml-parts.ts';
import { createResolver, readRepoDir, REPODATA, ROOT, rpmmdModule } from '../../support/wasm.ts';

const DEB = join(REPODATA, 'debian-bookworm-as-rpmmd');
const FC = join(REPODATA, 'fedora32-el8-closures-bazeldnf');
const SMALL = [
  join(REPODATA, 'centos-stream-9-baseos-2022'),
  join(REPODATA, 'centos-stream-9-appstream-2025'),
  join(FC, 'bash-fc32'),
  join(FC, 'libvirt-devel-el8'),
  join(FC, 'libvirt-devel-fc32'),
];
const enc = new TextEncoder();
const dec = new TextDecoder();

/** Two converters in this thread: parts are converted interleaved, as by a worker and the resolver's thread. */
async function twoConverters(extra: PartConverter[] = []): Promise<OpenPartConverters> {
  const module = await rpmmdModule();
  return () => ({ converters: [...extra, inThreadConverter(module), inThreadConverter(module)], close: () => undefined });
}

async function loadBoth(files: RpmmdFiles, targetBytes?: number, open?: OpenPartConverters) {
  const whole = await createResolver();
  const parts = await createResolver();
  const a = await whole.loadRpmmd({ id: 'repo1' }, files);
  const b = await parts.loadRpmmdInParts({ id: 'repo1' }, files, open ?? (await twoConverters()), targetBytes);
  return { whole, parts, a, b };
}

/** The same request on both: the same answer, down to libsolv's own testcase text. */
function expectSameSolve(whole: Resolver, parts: Resolver, request: ResolveRequest): void {
  // the same answer but for how long it took
  const untimed = (r: ReturnType<Resolver['solve']>) => JSON.parse(JSON.stringify(r, (k, v: unknown) => (/Ms$/.test(k) ? 0 : v))) as unknown;
  const a = whole.solve(request);
  const b = parts.solve(request);
  expect(untimed(b)).toEqual(untimed(a));
  expect(parts.resultText()).toBe(whole.resultText());
}

describe('primary.xml parsed in parts gives the whole file\'s repository', () => {
  test('Debian fixture (63,440 packages, 4 MB parts): the same .solv bytes and the same answers', { timeout: 240_000 }, async () => {
    const files = readRepoDir(DEB);
    expect(splitPrimaryXml(files.primary).length).toBeGreaterThan(20);
    const { whole, parts, a, b } = await loadBoth(files);
    expect(a).toMatchObject({ ok: true, solvables: 63440 });
    expect(b).toMatchObject({ ok: true, solvables: 63440 });
    expect(Buffer.from(parts.solvOf('repo1')!).equals(Buffer.from(whole.solvOf('repo1')!))).toBe(true);
    expect(whole.solve({ specs: ['openssh-client'] }).ok).toBe(true);
    expectSameSolve(whole, parts, { specs: ['openssh-client'] });
    expectSameSolve(whole, parts, { specs: ['python3-numpy', 'python3-scipy'], weakDeps: false });
    expectSameSolve(whole, parts, { specs: ['nginx'], excludes: ['nginx-common'] });
  });

  // small parts and large ones (where the file has room for two): which part first uses a relation, key or file dependency differs
  const cases = SMALL.flatMap((dir) => [16 * 1024, 1024 * 1024].filter((size) => readRepoDir(dir).primary.length > 2 * size).map((size) => ({ dir, size })));
  for (const { dir, size } of cases) {
    test(`${dir.slice(REPODATA.length + 1)} in ${size / 1024} KB parts: the same .solv bytes and the same answer`, { timeout: 120_000 }, async () => {
      const files = readRepoDir(dir);
      expect(splitPrimaryXml(files.primary, size).length).toBeGreaterThan(1);
      const { whole, parts, a, b } = await loadBoth(files, size);
      expect(b).toMatchObject({ ok: true, solvables: a.ok ? a.solvables : -1 });
      expect(Buffer.from(parts.solvOf('repo1')!).equals(Buffer.from(whole.solvOf('repo1')!))).toBe(true);
      expectSameSolve(whole, parts, { specs: ['bash'] });
    });
  }

  test('with updateinfo (CentOS BaseOS and its advisories), joined after the parts: the same .solv bytes', async () => {
    const repodata = join(ROOT, 'test/fixtures/advisories-cs9/repodata');
    const repomd = readFileSync(join(repodata, 'repomd.xml'), 'utf8');
    const read = (type: string) => {
      const href = new RegExp(`<data type="${type}">[\\s\\S]*?href="repodata/([^"]+)"`).exec(repomd)![1]!;
      return new Uint8Array(gunzipSync(readFileSync(join(repodata, href))));
    };
    const files = { primary: readRepoDir(SMALL[0]!).primary, updateinfo: read('updateinfo') };
    const { whole, parts, b } = await loadBoth(files, 64 * 1024);
    expect(b.ok).toBe(true);
    expect(Buffer.from(parts.solvOf('repo1')!).equals(Buffer.from(whole.solvOf('repo1')!))).toBe(true);
  });
});

describe('a part libsolv refuses makes the whole file be parsed, with its own message', () => {
  test('malformed XML in a late part reports the line of the original file', async () => {
    const files = readRepoDir(SMALL[0]!);
    const text = dec.decode(files.primary);
    // break the closing tag of a package name near the end of the file
    const at = text.lastIndexOf('</name>', Math.floor(text.length * 0.9));
    const broken = enc.encode(`${text.slice(0, at)}</nam>${text.slice(at + '</name>'.length)}`);
    const line = text.slice(0, at).split('\n').length;
    const chunks = splitPrimaryXml(broken, 16 * 1024);
    const late = chunks.findIndex((c) => dec.decode(c).includes('</nam>'));
    expect(late).toBeGreaterThan(chunks.length / 2);
    const { a, b } = await loadBoth({ primary: broken }, 16 * 1024);
    expect(a.ok).toBe(false);
    expect(b).toEqual(a);
    expect(!b.ok && b.message).toContain(`at line ${line}:`);
  });

  test('a cut guessed inside a comment or a CDATA section still loads the file as one parse does', async () => {
    const pkg = (name: string) => `<package type="rpm"><name>${name}</name><arch>noarch</arch><version epoch="0" ver="1" rel="1"/><description>${'d'.repeat(200)}</description></package>\n`;
    const head = '<?xml version="1.0" encoding="UTF-8"?>\n<metadata xmlns="http://linux.duke.edu/metadata/common" packages="4">\n';
    for (const trap of ['<!-- <package type="rpm"> -->', '<description><![CDATA[<package type="rpm">]]></description>']) {
      const primary = enc.encode(`${head}${pkg('a')}${pkg('b').replace('<description>', `${trap}<description>`)}${pkg('c')}</metadata>\n`);
      expect(splitPrimaryXml(primary, 300).length).toBeGreaterThan(2);
      const { whole, parts, a, b } = await loadBoth({ primary }, 300);
      expect(a).toMatchObject({ ok: true, solvables: 3 });
      expect(b).toEqual({ ...a, ms: b.ok ? b.ms : 0 });
      expect(Buffer.from(parts.solvOf('repo1')!).equals(Buffer.from(whole.solvOf('repo1')!))).toBe(true);
    }
  });

  test('a converter that dies (a crashed parse worker) fails its part, not the load', async () => {
    const files = readRepoDir(SMALL[2]!);
    const dead: PartConverter = { convert: () => Promise.reject(new Error('worker terminated')) };
    const { whole, parts, b } = await loadBoth(files, 16 * 1024, await twoConverters([dead]));
    expect(b.ok).toBe(true);
    expect(Buffer.from(parts.solvOf('repo1')!).equals(Buffer.from(whole.solvOf('repo1')!))).toBe(true);
  });
});

describe('the parts are joined as they are converted', () => {
  afterEach(() => vi.restoreAllMocks());

  /** SMALL[0] in 16 KB parts, each converted to .solv in an instance of its own. */
  async function convertedParts(): Promise<{ files: RpmmdFiles; module: WebAssembly.Module; parts: SolvPart[] }> {
    const module = await rpmmdModule();
    const files = readRepoDir(SMALL[0]!);
    const parts = splitPrimaryXml(files.primary, 16 * 1024).map((part) => {
      const outcome = convertPartIn(RpmmdEngine.createSync(module), part);
      if (!outcome.ok) throw new Error(outcome.message);
      return outcome;
    });
    return { files, module, parts };
  }

  test('a load in parts only writes at the end: every part went into the join, none is joined again', async () => {
    const joined = vi.spyOn(RpmmdEngine.prototype, 'joinPart');
    const mergedAtTheEnd = vi.spyOn(RpmmdEngine.prototype, 'mergeSolvParts');
    const files = readRepoDir(SMALL[0]!);
    const { whole, parts, b } = await loadBoth(files, 16 * 1024);
    expect(b.ok).toBe(true);
    expect(joined).toHaveBeenCalledTimes(splitPrimaryXml(files.primary, 16 * 1024).length);
    expect(mergedAtTheEnd).not.toHaveBeenCalled();
    expect(Buffer.from(parts.solvOf('repo1')!).equals(Buffer.from(whole.solvOf('repo1')!))).toBe(true);
  });

  test('parts that arrive out of order wait for the ones before them: the bytes of joining them all at once', async () => {
    const { module, parts } = await convertedParts();
    expect(parts.length).toBeGreaterThan(3);
    const join = new PartJoin(() => RpmmdEngine.createSync(module));
    // the last first, then the rest from the back: nothing can be joined before part 0 arrives
    for (let i = parts.length - 1; i >= 0; i--) {
      expect(join.complete(parts.length)).toBe(false);
      join.add(i, parts[i]!);
    }
    expect(join.complete(parts.length)).toBe(true);
    expect(join.complete(parts.length + 1)).toBe(false);
    const atOnce = RpmmdEngine.createSync(module).mergeSolvParts(parts);
    const joined = join.finish();
    expect(joined.solvables).toBe(atOnce.solvables);
    expect(Buffer.from(joined.solv).equals(Buffer.from(atOnce.solv))).toBe(true);
    expect(() => join.finish()).toThrow(/not complete/);
  });

  test('a join that failed on a damaged part is dropped: the load joins the kept parts and reports what they hold', async () => {
    const { files, module, parts } = await convertedParts();
    const join = new PartJoin(() => RpmmdEngine.createSync(module));
    join.add(0, parts[0]!);
    join.add(1, { ...parts[1]!, solv: parts[1]!.solv.slice(0, 40) });
    for (let i = 2; i < parts.length; i++) join.add(i, parts[i]!);
    expect(join.complete(parts.length)).toBe(false);
    const resolver = await createResolver();
    const whole = await createResolver();
    const loaded = await resolver.loadSolvParts({ id: 'repo1' }, parts.map((part) => ({ ok: true as const, ...part })), files, join);
    expect(loaded.ok).toBe(true);
    expect((await whole.loadRpmmd({ id: 'repo1' }, files)).ok).toBe(true);
    expect(Buffer.from(resolver.solvOf('repo1')!).equals(Buffer.from(whole.solvOf('repo1')!))).toBe(true);
  });

  test('a join that is handed to a load is used up, whatever the load does with it', async () => {
    const { files, module, parts } = await convertedParts();
    const join = new PartJoin(() => RpmmdEngine.createSync(module));
    parts.forEach((part, i) => join.add(i, part));
    const resolver = await createResolver();
    // not this file's parts: the load parses the file whole, and the join is dropped all the same
    expect((await resolver.loadSolvParts({ id: 'repo1' }, undefined, files, join)).ok).toBe(true);
    expect(join.complete(parts.length)).toBe(false);
  });
});

describe('the part queue and the calling thread', () => {
  test('while the calling thread is held (a file in memory still decoding), only workers take parts; releasing it, or done(), lets it in', async () => {
    const module = await rpmmdModule();
    const parts = splitPrimaryXml(readRepoDir(SMALL[2]!).primary, 16 * 1024);
    expect(parts.length).toBeGreaterThan(4);
    const took: string[] = [];
    const worker = inThreadConverter(module);
    const caller = inThreadConverter(module);
    expect(caller.inCallingThread).toBe(true);
    const asWorker: PartConverter = { convert: (part) => (took.push('worker'), worker.convert(part)) };
    const asCaller: PartConverter = { inCallingThread: true, convert: (part) => (took.push('caller'), caller.convert(part)) };
    const queue = new PartQueue([asCaller, asWorker]);
    queue.holdCallingThread(true);
    for (const part of parts.slice(0, 3)) queue.add(part);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(took.length).toBeGreaterThan(0);
    expect(took.every((who) => who === 'worker')).toBe(true);
    queue.holdCallingThread(false);
    for (const part of parts.slice(3)) queue.add(part);
    const outcomes = await queue.done();
    expect(outcomes).toHaveLength(parts.length);
    expect(took).toContain('caller');
  });
});

/** A converter standing in for a parse worker: each part it takes waits until the test answers it. */
function heldWorker(): { converter: PartConverter; calls: number; inHand: () => number; answerNext: () => Promise<void>; answerByMessage: () => void } {
  const pending: (() => void)[] = [];
  const fake = { ok: true } as Extract<PartOutcome, { ok: true }>;
  const state = {
    calls: 0,
    converter: {
      convert: () => {
        state.calls++;
        return new Promise<PartOutcome>((resolve) => pending.push(() => resolve(fake)));
      },
    } as PartConverter,
    inHand: () => pending.length,
    /** Answers the oldest part it holds and lets the queue hand out what that frees (a timer's turn). */
    answerNext: async () => {
      pending.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
    // a worker's answer arrives as a message event, after whatever this thread queued before it
    answerByMessage: () => {
      const answer = pending.shift();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        answer?.();
      };
      channel.port2.postMessage(undefined);
    },
  };
  return state;
}

describe('the part queue keeps the parse workers fed', () => {
  test('a worker with many parts waiting holds three, so it does not wait for the calling thread between parts; with few left it takes one at a time', async () => {
    const worker = heldWorker();
    const queue = new PartQueue([worker.converter]);
    const part = enc.encode('<metadata/>');
    for (let i = 0; i < 8; i++) queue.add(part);
    expect(worker.inHand()).toBe(3);
    // [parts handed to it, parts in hand] after each answer: the next goes in at once while more
    // than three wait; once three or fewer do, it gets a part only when it has none
    const done = queue.done();
    const trace: [number, number][] = [];
    while (worker.inHand() > 0) {
      await worker.answerNext();
      trace.push([worker.calls, worker.inHand()]);
    }
    expect(trace).toEqual([[4, 3], [5, 3], [5, 2], [5, 1], [6, 1], [7, 1], [8, 1], [8, 0]]);
    expect(await done).toHaveLength(8);
  });

  test('with few parts left, a part waits for the next free converter instead of queueing behind a busy worker', async () => {
    const worker = heldWorker();
    const queue = new PartQueue([worker.converter]);
    const part = enc.encode('<metadata/>');
    for (let i = 0; i < 3; i++) queue.add(part);
    expect(worker.inHand()).toBe(1);
    await worker.answerNext();
    expect(worker.inHand()).toBe(1);
    expect(worker.calls).toBe(2);
  });

  test('the calling thread converter waited for a timer, so a worker answer queued before it waited a whole part (it yields by a message task now)', async () => {
    const module = await rpmmdModule();
    const parts = splitPrimaryXml(readRepoDir(SMALL[2]!).primary, 16 * 1024);
    const order: string[] = [];
    const worker = heldWorker();
    const asWorker: PartConverter = { convert: (p) => (order.push(`worker takes part ${worker.calls + 1}`), worker.converter.convert(p)) };
    const caller = inThreadConverter(module);
    const asCaller: PartConverter = { inCallingThread: true, convert: async (p) => { const outcome = await caller.convert(p); order.push('caller converted'); return outcome; } };
    const queue = new PartQueue([asWorker, asCaller]);
    queue.add(parts[0]!);
    // the worker's answer to its part is on its way before the calling thread takes one of its own
    worker.answerByMessage();
    queue.add(parts[1]!);
    queue.add(parts[2]!);
    // long enough that a timer set now is due before the loop next looks at messages
    const until = performance.now() + 5;
    while (performance.now() < until);
    await vi.waitFor(() => expect(order).toContain('caller converted'));
    expect(order.slice(0, 3)).toEqual(['worker takes part 1', 'worker takes part 2', 'caller converted']);
    const done = queue.done();
    while (worker.inHand() > 0) await worker.answerNext();
    expect(await done).toHaveLength(3);
  });
});
