/**
 * Large arrays cross the worker boundary in pages. Structured clone reads a message in one task on
 * the receiving thread: a 3500-package answer took the main thread ~20 ms (more on a busy machine)
 * to deserialize at once; pages of PAGE_SIZE packages take a few ms each, in separate tasks.
 */

/** Items per message: small enough that reading one page never costs the page a long task. */
export const PAGE_SIZE = 400;
/** Arrays kept for the page side at most (older ones belong to answers nobody will read). */
const HELD_AT_MOST = 4;

/** An array split for the trip: its first page, and a token to ask for the rest. */
export interface PagedArray<T> {
  head: T[];
  total: number;
  /** Set when more pages wait in the worker. */
  token?: number;
}

/** Worker side: holds the pages after the first until the page side takes them. */
export class PageStore {
  private nextToken = 1;
  private readonly held = new Map<number, unknown[]>();

  /** ITEMS as a first page plus, when longer, a token for the rest. */
  split<T>(items: readonly T[]): PagedArray<T> {
    if (items.length <= PAGE_SIZE) return { head: [...items], total: items.length };
    const token = this.nextToken++;
    this.held.set(token, items.slice(PAGE_SIZE));
    for (const old of this.held.keys()) if (this.held.size > HELD_AT_MOST) this.held.delete(old);
    return { head: items.slice(0, PAGE_SIZE), total: items.length, token };
  }

  /** The next page of TOKEN's array; undefined when the token is unknown (dropped, or a restarted worker). */
  take(token: number): unknown[] | undefined {
    const rest = this.held.get(token);
    if (!rest) return undefined;
    const page = rest.splice(0, PAGE_SIZE);
    if (rest.length === 0) this.held.delete(token);
    return page;
  }
}

/**
 * Page side: the whole array of PAGED, asking TAKE for every further page at once. The worker answers
 * them in the order asked (take is first come, first served), each page in its own message and task
 * here, and no page waits for the round trip of the one before.
 */
export async function gatherPages<T>(paged: PagedArray<T>, take: (token: number) => Promise<unknown[] | undefined>): Promise<T[]> {
  const items = paged.head;
  const missing = paged.total - items.length;
  if (missing <= 0) return items;
  const token = paged.token;
  // the head is a full page whenever more pages wait
  const pageCount = token === undefined || items.length === 0 ? 0 : Math.ceil(missing / items.length);
  const pages = await Promise.all(Array.from({ length: pageCount }, () => take(token as number)));
  for (const page of pages) {
    if (!page || page.length === 0) break;
    for (const item of page) items.push(item as T);
  }
  if (items.length < paged.total) throw new Error(`the resolver worker no longer holds the rest of an answer (${items.length} of ${paged.total} items received)`);
  return items;
}
