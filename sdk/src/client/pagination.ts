/**
 * One page of a paginated list. `nextCursor` is opaque: pass it back as the `cursor` query
 * parameter for the next page; `null` on the last page.
 */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * What a paginated method returns: a promise of the first page that is also an async iterable
 * over every item of every page, fetching the next page only when the loop reaches it.
 *
 * @example
 * const first = await client.invoices.list();          // one page
 * for await (const invoice of client.invoices.list()) { // every invoice, page by page
 *   if (invoice.status === 'paid') break;                // stops fetching
 * }
 * const all = await client.invoices.list().toArray({ limit: 500 });
 */
export interface PageList<T> extends Promise<Page<T>>, AsyncIterable<T> {
  /** Every item, page after page, stopping at `limit` items so that a huge list cannot fill memory. */
  toArray(options: { limit: number }): Promise<T[]>;
}

/** The item type of a page type. */
export type PageItem<P> = P extends Page<infer T> ? T : never;

/** Builds a {@link PageList} from a function that fetches the page at a cursor (the first page at `undefined`). */
export function pageList<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>): PageList<T> {
  const first = fetchPage(undefined);
  async function* items(): AsyncGenerator<T> {
    let page = await first;
    for (;;) {
      yield* page.items;
      if (!page.nextCursor) return;
      page = await fetchPage(page.nextCursor);
    }
  }
  return Object.assign(first, {
    [Symbol.asyncIterator]: items,
    async toArray({ limit }: { limit: number }): Promise<T[]> {
      const all: T[] = [];
      if (limit <= 0) return all;
      for await (const item of items()) {
        all.push(item);
        if (all.length >= limit) break;
      }
      return all;
    },
  });
}
