/** Converting the parts of a split primary.xml to .solv in parallel: converters, and a queue that feeds them in file order. */
import { nextTask } from '../async/next-task.ts';
import { GlueError, WasmOutOfMemoryError } from './engine.ts';
import { RpmmdEngine, type Converted, type SolvPart } from './rpmmd-engine.ts';

/** A part as .solv, or why libsolv refused it (the caller then parses the whole file as one). */
export type PartOutcome = ({ ok: true } & SolvPart) | { ok: false; code: string; message: string };

/** Turns one part of a split primary.xml into .solv: a parse worker, or an engine in this thread. */
export interface PartConverter {
  convert(part: Uint8Array): Promise<PartOutcome>;
  /** It converts on the calling thread (not a worker), so it holds that thread while it does. */
  inCallingThread?: boolean;
}

/** Converters for one load, and how to release them when it is done. */
export interface PartConverters {
  converters: PartConverter[];
  close(): void;
}

/** Opens converters for one load (parse workers and this thread's own); absent, a load parses in one piece. */
export type OpenPartConverters = () => PartConverters;

/** Converts PART in ENGINE; libsolv's refusals and running out of memory are outcomes, other traps are thrown. */
export function convertPartIn(engine: RpmmdEngine, part: Uint8Array): PartOutcome {
  try {
    return { ok: true, ...engine.convertRpmmdPart(part) };
  } catch (failure) {
    if (failure instanceof GlueError) return { ok: false, code: failure.code, message: failure.message };
    if (failure instanceof WasmOutOfMemoryError) return { ok: false, code: 'out-of-memory', message: failure.message };
    throw failure;
  }
}

/**
 * Converts parts one after another in an instance of its own, made on first use and again after a
 * trap (which fails that part): the body of a parse worker, and of the calling thread's converter.
 */
export function partConverterService(xmlModule: WebAssembly.Module, memoryLimitBytes = 0): { convert(part: Uint8Array): PartOutcome } {
  let engine: RpmmdEngine | undefined;
  return {
    convert(part) {
      engine ??= RpmmdEngine.createSync(xmlModule, memoryLimitBytes);
      try {
        return convertPartIn(engine, part);
      } catch (failure) {
        engine = undefined;
        return { ok: false, code: 'trap', message: failure instanceof Error ? failure.message : String(failure) };
      } finally {
        if (engine?.broken) engine = undefined;
      }
    },
  };
}

/**
 * A converter in the calling thread. It yields before each part, so the workers' answers that came
 * first are taken first and their next parts handed out before this thread holds itself for one:
 * by a message task (nextTask), the task source of those answers, since Chromium may run a timer
 * before a worker's message that was queued earlier, and the worker then waits a whole part.
 */
export function inThreadConverter(xmlModule: WebAssembly.Module, memoryLimitBytes = 0): PartConverter {
  const service = partConverterService(xmlModule, memoryLimitBytes);
  return {
    inCallingThread: true,
    async convert(part) {
      await nextTask();
      return service.convert(part);
    },
  };
}

/**
 * Joins converted parts into one repository as they come (RpmmdEngine.joinPart, in file order; a
 * part that overtakes one before it waits), so that once the last part is in only the write is
 * left. A join that fails is dropped, and the caller joins the parts it kept all at once.
 */
export class PartJoin {
  private engine: RpmmdEngine | undefined;
  private readonly waiting = new Map<number, SolvPart>();
  private joined = 0;
  private broken = false;

  constructor(private readonly create: () => RpmmdEngine) {}

  /** Part INDEX (file order, from 0) was converted to PART. */
  add(index: number, part: SolvPart): void {
    if (this.broken) return;
    this.waiting.set(index, part);
    try {
      for (let next = this.waiting.get(this.joined); next; next = this.waiting.get(this.joined)) {
        this.waiting.delete(this.joined);
        if (!this.engine) {
          this.engine = this.create();
          this.engine.joinBegin();
        }
        this.engine.joinPart(next);
        this.joined++;
      }
    } catch {
      // libsolv refused a part, or the instance trapped or ran out of memory: joining them all at
      // once from the kept parts meets the same failure and reports it as a load does
      this.dispose();
    }
  }

  /** Whether the first COUNT parts, and only they, are joined. */
  complete(count: number): boolean {
    return !this.broken && this.engine !== undefined && this.joined === count && this.waiting.size === 0;
  }

  /** Writes the joined repository with UPDATEINFO as .solv (what RpmmdEngine.mergeSolvParts gives for the same parts); the join is used up. */
  finish(updateinfo?: Uint8Array): Converted {
    const engine = this.engine;
    if (!engine || this.broken) throw new Error('PartJoin.finish: the join is not complete');
    this.dispose();
    return engine.joinEnd(updateinfo);
  }

  /** Drops the join and its instance. */
  dispose(): void {
    this.broken = true;
    this.engine = undefined;
    this.waiting.clear();
  }
}

/** Parts a parse worker holds at most while many wait: the one it converts and those next in its message queue. */
const WORKER_PARTS_IN_HAND = 3;

/**
 * Hands parts to free converters as they are added (streamed or all at once) and gives back the
 * outcomes in file order. Once one part fails the rest are skipped: the whole file will be parsed instead.
 */
export class PartQueue {
  private readonly waiting: { index: number; part: Uint8Array }[] = [];
  private readonly outcomes: PartOutcome[] = [];
  private readonly converters: readonly PartConverter[];
  /** Parts each converter holds (by its index in `converters`): converting, or waiting in a worker's message queue. */
  private readonly inFlight: number[];
  private added = 0;
  private settled = 0;
  private failed = false;
  private sealed = false;
  private callingThreadHeld = false;
  private finish: (() => void) | undefined;

  /** ONCONVERTED hears of each part converted (its index in file order), as it happens. */
  constructor(
    converters: readonly PartConverter[],
    private readonly onConverted?: (index: number, part: SolvPart) => void,
  ) {
    if (converters.length === 0) throw new Error('PartQueue needs at least one converter');
    this.converters = [...converters];
    this.inFlight = converters.map(() => 0);
  }

  /** Queues PART (the next in file order). */
  add(part: Uint8Array): void {
    if (this.sealed) throw new Error('PartQueue: add after done');
    this.waiting.push({ index: this.added++, part });
    this.pump();
  }

  /**
   * While HELD, converters on the calling thread take no parts: that thread is busy making them (a
   * file in memory decodes as fast as it can), and a part converted there would stall the decoding
   * that feeds the workers. done() releases them.
   */
  holdCallingThread(held: boolean): void {
    this.callingThreadHeld = held;
    this.pump();
  }

  /** No more parts: resolves once all are settled with every outcome in file order, or undefined if any part failed. */
  async done(): Promise<Extract<PartOutcome, { ok: true }>[] | undefined> {
    this.sealed = true;
    this.holdCallingThread(false);
    if (this.settled < this.added) await new Promise<void>((resolve) => (this.finish = resolve));
    if (this.failed) return undefined;
    return this.outcomes as Extract<PartOutcome, { ok: true }>[];
  }

  /**
   * The converter for the next part: an idle one first; else, while more than WORKER_PARTS_IN_HAND
   * parts wait, a worker takes another, which waits in its message queue. A worker otherwise idles
   * from the end of its part until this thread, busy decoding, verifying or converting a part of its
   * own, gets to hand it the next one; near the end of the file a worker takes one part at a time,
   * so no part waits in a worker while this thread could convert it.
   */
  private nextConverter(): number {
    let best = -1;
    const backlog = this.waiting.length > WORKER_PARTS_IN_HAND;
    this.converters.forEach((c, i) => {
      if (this.callingThreadHeld && c.inCallingThread) return;
      const capacity = c.inCallingThread || !backlog ? 1 : WORKER_PARTS_IN_HAND;
      if (this.inFlight[i]! >= capacity) return;
      if (best < 0 || this.inFlight[i]! < this.inFlight[best]!) best = i;
    });
    return best;
  }

  private pump(): void {
    for (;;) {
      if (this.waiting.length === 0) return;
      const chosen = this.nextConverter();
      if (chosen < 0) return;
      const converter = this.converters[chosen]!;
      this.inFlight[chosen]!++;
      const { index, part } = this.waiting.shift()!;
      const run = this.failed ? Promise.resolve<PartOutcome>({ ok: false, code: 'skipped', message: 'an earlier part failed' }) : converter.convert(part);
      run.then(
        (outcome) => {
          this.outcomes[index] = outcome;
          if (!outcome.ok) this.failed = true;
          else if (!this.failed) this.onConverted?.(index, outcome);
        },
        (error: unknown) => {
          // a converter that died (a crashed worker) fails its part; the whole file is parsed instead
          this.failed = true;
          this.outcomes[index] = { ok: false, code: 'trap', message: error instanceof Error ? error.message : String(error) };
        },
      ).finally(() => {
        this.settled++;
        this.inFlight[chosen]!--;
        this.pump();
        if (this.sealed && this.settled === this.added) this.finish?.();
      });
    }
  }
}
