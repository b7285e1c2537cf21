/**
 * Parsing primary.xml while it downloads: the load's fetch is wrapped so the response of a
 * `*primary.xml.gz` is teed; one branch goes to the repository layer unchanged (it verifies,
 * decompresses and checks the file as always), the other is decompressed as it arrives
 * (DecompressionStream), cut into parts and converted by the parse workers. The parts are used only
 * once the load has verified the file, and only if the bytes the tap saw are those bytes: the
 * same checksum repomd.xml gives, the same decompressed length. Otherwise the verified file is
 * parsed as it would have been.
 */
import { concatBytes } from '../bytes.ts';
import { digestHex, type FetchLike, type LoadedRepoFiles } from '../repo/index.ts';
import { PartQueue, type OpenPartConverters, type PartConverters, type PartOutcome } from '../resolve/parts.ts';
import { DEFAULT_PART_BYTES, PrimaryXmlSplitter } from '../resolve/xml-parts.ts';

/** The most decompressed bytes the tap reads before it gives up (the repository layer bounds the verified file itself). */
const MAX_TAP_BYTES = 1024 * 1024 * 1024;

type ConvertedParts = Extract<PartOutcome, { ok: true }>[];

interface Tap {
  url: string;
  compressed: Uint8Array[];
  /** The whole decompressed file once the download ended, undefined if it failed. */
  decompressed: Promise<Uint8Array | undefined>;
  /** Decompressed length and converted parts, or undefined if anything went wrong on the way. */
  result: Promise<{ length: number; parts: ConvertedParts } | undefined>;
  stop(): void;
}

function isPrimaryGz(input: string): boolean {
  try {
    return /primary\.xml\.gz$/i.test(new URL(input, 'http://host/').pathname);
  } catch {
    return false;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** One load's streamed parse of primary.xml (see the module comment); `close()` when the load is over. */
export class StreamingPrimary {
  private tap: Tap | undefined;
  private converters: PartConverters | undefined;

  constructor(
    private readonly inner: FetchLike,
    private readonly open: OpenPartConverters,
    private readonly targetBytes = DEFAULT_PART_BYTES,
  ) {}

  /** Whether this environment can decompress a download as it arrives. */
  static supported(): boolean {
    return typeof DecompressionStream === 'function';
  }

  /** The load's fetch: the same responses, a primary.xml.gz one also tapped. */
  readonly fetch: FetchLike = async (input, init) => {
    const response = await this.inner(input, init);
    if (!response.ok || !response.body || !isPrimaryGz(input) || !StreamingPrimary.supported()) return response;
    const [mine, theirs] = response.body.tee();
    // a retry or another mirror: only the newest download can be the file the load verifies
    this.tap?.stop();
    this.tap = this.start(input, mine);
    return new Response(theirs, { status: response.status, statusText: response.statusText, headers: response.headers });
  };

  private start(url: string, stream: ReadableStream<Uint8Array>): Tap {
    this.converters ??= this.open();
    const queue = new PartQueue(this.converters.converters);
    const splitter = new PrimaryXmlSplitter(this.targetBytes);
    const compressed: Uint8Array[] = [];
    const inflate = new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>;
    const source = stream.getReader();
    let stopped = false;
    const pump = (async () => {
      const writer = inflate.writable.getWriter();
      try {
        for (;;) {
          const { done, value } = await source.read();
          if (done || stopped) break;
          compressed.push(value);
          await writer.write(value);
        }
        await writer.close();
      } catch (error) {
        await writer.abort(error).catch(() => undefined);
        throw error;
      }
    })();
    const chunks: Uint8Array[] = [];
    const drain = (async () => {
      const reader = inflate.readable.getReader();
      let length = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        length += value.length;
        if (stopped || length > MAX_TAP_BYTES) throw new Error('the streamed parse was stopped');
        chunks.push(value);
        for (const part of splitter.push(value)) queue.add(part);
      }
      for (const part of splitter.finish()) queue.add(part);
      return length;
    })();
    const decompressed = Promise.all([pump, drain]).then(
      () => concatBytes(chunks.splice(0)),
      () => undefined,
    );
    const result = Promise.all([pump, drain]).then(
      async ([, length]) => {
        const parts = await queue.done();
        return parts && !stopped ? { length, parts } : undefined;
      },
      async () => {
        await queue.done();
        return undefined;
      },
    );
    return {
      url,
      compressed,
      decompressed,
      result,
      stop: () => {
        stopped = true;
        void source.cancel().catch(() => undefined);
      },
    };
  }

  /**
   * The converted parts of FILES.primary, if the tap saw exactly the file the load verified;
   * undefined otherwise (nothing tapped, a part refused, other bytes), and the caller parses it.
   */
  async take(files: LoadedRepoFiles): Promise<ConvertedParts | undefined> {
    const tap = this.tap;
    const entry = files.info.repomd.data.primary;
    if (!tap || !entry) return undefined;
    const got = await tap.result;
    if (!got || got.length !== files.primary.length) return undefined;
    const digest = await digestHex(entry.checksum.type, concatBytes(tap.compressed));
    return digest === entry.checksum.value.toLowerCase() ? got.parts : undefined;
  }

  /**
   * The tap's decompressed primary.xml when STORED (what the repository layer downloaded from URL)
   * is exactly the bytes the tap decompressed, so the layer need not decompress it again; it still
   * checks the open-checksum (RepoFileReader.opened).
   */
  readonly opened = async (url: string, stored: Uint8Array): Promise<Uint8Array | undefined> => {
    const tap = this.tap;
    if (!tap || tap.url !== url) return undefined;
    const bytes = await tap.decompressed;
    let offset = 0;
    for (const chunk of tap.compressed) {
      if (offset + chunk.length > stored.length || !sameBytes(chunk, stored.subarray(offset, offset + chunk.length))) return undefined;
      offset += chunk.length;
    }
    return offset === stored.length ? bytes : undefined;
  };

  /** Stops the tap and the parse workers. */
  close(): void {
    this.tap?.stop();
    this.converters?.close();
    this.converters = undefined;
  }
}
