/**
 * Parsing primary.xml while it downloads: the load's fetch is wrapped so the response of a
 * `*primary.xml.gz`, `.zst` or `.xz` is teed; one branch goes to the repository layer unchanged (it
 * verifies, decompresses and checks the file as always), the other is decompressed as it arrives
 * (`streamDecoder`: DecompressionStream, fzstd, xz-decompress), cut into parts and converted by the
 * parse workers. A local file (`read`) is streamed from memory the same way, so it is parsed while
 * it is decompressed. The parts are used only once the load has verified the file, and only if the
 * bytes the tap saw are those bytes: the same checksum repomd.xml gives, the same decompressed
 * length. Otherwise the verified file is parsed as it would have been.
 */
import { concatBytes } from '../bytes.ts';
import { nextTask } from '../async/next-task.ts';
import { digestHex, STREAMED_COMPRESSIONS, streamDecoder, type Compression, type FetchLike, type LoadedRepoFiles } from '../repo/index.ts';
import { PartQueue, type OpenPartConverters, type PartConverters, type PartJoin, type PartOutcome } from '../resolve/parts.ts';
import { DEFAULT_PART_BYTES, PrimaryXmlSplitter } from '../resolve/xml-parts.ts';

/** The most decompressed bytes the tap reads before it gives up (the repository layer bounds the verified file itself). */
const MAX_TAP_BYTES = 1024 * 1024 * 1024;
/**
 * The tap does not know repomd's open-size (the layer enforces it on the verified file), so it
 * bounds its output by what arrived: primary.xml packs 5–15 to 1, a bomb thousands to 1. Past this
 * ratio, plus a first allowance, the tap stops and the layer decompresses the file under its limit.
 */
const MAX_TAP_RATIO = 64;
const TAP_ALLOWANCE_BYTES = 8 * 1024 * 1024;
/** Input goes to the decoder in slices this long, so one write's output stays bounded (gzip: at most ~1032 to 1). */
const TAP_SLICE_BYTES = 16 * 1024;

/** The most decompressed bytes the tap accepts after COMPRESSED bytes of input. */
function tapLimit(compressed: number): number {
  return Math.min(MAX_TAP_BYTES, compressed * MAX_TAP_RATIO + TAP_ALLOWANCE_BYTES);
}

type ConvertedParts = Extract<PartOutcome, { ok: true }>[];

/** What a tap gives a load that verified the file: its parts, and their join if one was kept up as they came. */
export interface StreamedParts {
  parts: ConvertedParts;
  /** Yours once taken: hand it to Resolver.loadSolvParts, which uses it up. */
  join?: PartJoin;
}

interface Tap {
  url: string;
  compressed: Uint8Array[];
  /** The whole decompressed file once the download ended, undefined if it failed. */
  decompressed: Promise<Uint8Array | undefined>;
  /** Decompressed length and converted parts, or undefined if anything went wrong on the way. */
  result: Promise<{ length: number; parts: ConvertedParts } | undefined>;
  /** The parts joined as they came; undefined once taken, or when joining was not possible. */
  join: Promise<PartJoin | undefined> | undefined;
  /** The layer found these compressed bytes to be the ones it verified (`opened`), so take need not hash them again. */
  verified: boolean;
  stop(): void;
}

/** The compression of a primary.xml download the tap can decode as it arrives, by the URL's name. */
function tappedFormat(input: string): Compression | undefined {
  try {
    const match = /primary\.xml\.([a-z]+)$/i.exec(new URL(input, 'http://host/').pathname);
    return match ? STREAMED_COMPRESSIONS.get((match[1] as string).toLowerCase()) : undefined;
  } catch {
    return undefined;
  }
}

/** BYTES as a stream of one chunk (the tap slices what it feeds the decoder). */
function inMemoryStream(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
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
    private readonly startJoin?: () => Promise<PartJoin | undefined>,
  ) {}

  /** Whether this environment can decompress a download as it arrives. */
  static supported(): boolean {
    return typeof TransformStream === 'function';
  }

  /** The load's fetch: the same responses, a primary.xml.gz one also tapped. */
  readonly fetch: FetchLike = async (input, init) => {
    const response = await this.inner(input, init);
    const format = tappedFormat(input);
    if (!response.ok || !response.body || !format || !StreamingPrimary.supported()) return response;
    const [mine, theirs] = response.body.tee();
    // a retry or another mirror: only the newest download can be the file the load verifies
    this.tap?.stop();
    this.tap = this.start(input, format, mine);
    return new Response(theirs, { status: response.status, statusText: response.statusText, headers: response.headers });
  };

  /** A file already in memory (a local source), read from HREF: streamed to the parse workers as a download of it would be. */
  readonly read = (href: string, bytes: Uint8Array): void => {
    const format = tappedFormat(href);
    if (!format || !StreamingPrimary.supported()) return;
    this.tap?.stop();
    this.tap = this.start(href, format, inMemoryStream(bytes), true);
  };

  /** Taps STREAM, the primary.xml at URL compressed with FORMAT; IN_MEMORY when it is not a download but bytes at hand (the calling thread then only decodes until the last part is cut). */
  private start(url: string, format: Compression, stream: ReadableStream<Uint8Array>, inMemory = false): Tap {
    this.converters ??= this.open();
    // the parts are joined while the download runs, so its end only has the .solv to write
    const join = this.startJoin?.().catch(() => undefined);
    const queue = new PartQueue(this.converters.converters, join && ((index, part) => void join.then((j) => j?.add(index, part))));
    // bytes at hand decode as fast as this thread runs: its own converter waits, the workers do not
    queue.holdCallingThread(inMemory);
    const splitter = new PrimaryXmlSplitter(this.targetBytes);
    const compressed: Uint8Array[] = [];
    let received = 0;
    // no decoder here for this format (bzip2, or gzip without DecompressionStream): the tap sees nothing, the file is parsed whole
    const decoding = streamDecoder(format, tapLimit).then((decoder) => decoder ?? Promise.reject(new Error(`no streaming decoder for ${format}`)));
    decoding.catch(() => undefined);
    const source = stream.getReader();
    let stopped = false;
    const pump = (async () => {
      const writer = await decoding.then(
        (decoder) => decoder.writable.getWriter(),
        async (error: unknown) => {
          // an unread branch of a tee keeps every byte of the download for it
          await source.cancel().catch(() => undefined);
          throw error;
        },
      );
      try {
        for (;;) {
          const { done, value } = await source.read();
          if (done || stopped) break;
          compressed.push(value);
          received += value.length;
          for (let at = 0; at < value.length && !stopped; at += TAP_SLICE_BYTES) await writer.write(value.subarray(at, at + TAP_SLICE_BYTES));
        }
        await writer.close();
      } catch (error) {
        await Promise.all([writer.abort(error).catch(() => undefined), source.cancel().catch(() => undefined)]);
        throw error;
      }
    })();
    const chunks: Uint8Array[] = [];
    const drain = (async () => {
      const reader = (await decoding).readable.getReader();
      let length = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        length += value.length;
        if (stopped || length > tapLimit(received)) {
          // a bomb, or a stop: the download is not read further (an unread tee branch would keep it)
          stopped = true;
          await source.cancel().catch(() => undefined);
          throw new Error('the streamed parse was stopped');
        }
        chunks.push(value);
        const parts = splitter.push(value);
        for (const part of parts) queue.add(part);
        // a file in memory decodes in promise continuations alone: let the parse workers' messages
        // in between, or no worker starts or gets a part until the decoding ends
        if (parts.length > 0) await nextTask();
      }
      for (const part of splitter.finish()) queue.add(part);
      queue.holdCallingThread(false);
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
    const tap: Tap = {
      url,
      compressed,
      decompressed,
      result,
      join,
      verified: false,
      stop: () => {
        stopped = true;
        void tap.join?.then((j) => j?.dispose());
        tap.join = undefined;
        void source.cancel().catch(() => undefined);
      },
    };
    return tap;
  }

  /**
   * The converted parts of FILES.primary, if the tap saw exactly the file the load verified;
   * undefined otherwise (nothing tapped, a part refused, other bytes), and the caller parses it.
   */
  async take(files: LoadedRepoFiles): Promise<StreamedParts | undefined> {
    const tap = this.tap;
    const entry = files.info.repomd.data.primary;
    if (!tap || !entry) return undefined;
    const got = await tap.result;
    if (!got || got.length !== files.primary.length) return undefined;
    if (!tap.verified) {
      const digest = await digestHex(entry.checksum.type, concatBytes(tap.compressed));
      if (digest !== entry.checksum.value.toLowerCase()) return undefined;
    }
    const join = await tap.join;
    tap.join = undefined;
    return join ? { parts: got.parts, join } : { parts: got.parts };
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
    if (offset !== stored.length || !bytes) return undefined;
    // the layer verified STORED before asking (RepoFileReader.opened), and the tap read exactly it
    tap.verified = true;
    return bytes;
  };

  /** Stops the tap and the parse workers. */
  close(): void {
    this.tap?.stop();
    this.converters?.close();
    this.converters = undefined;
  }
}
