import type { Page } from '@foyer/sdk';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The sort of a table: a column's key and a direction. */
export interface Sort {
  key: string;
  direction: 'asc' | 'desc';
}

export type ListState = 'idle' | 'loading' | 'ready' | 'error';

/**
 * One page at a time of a list the API sorts, filters and paginates: the host gives how to
 * fetch a page for a query and a cursor; this keeps the cursors of the pages already seen so
 * that "Précédent" goes back without the API knowing page numbers. A new query (search, filter,
 * sort) starts again at the first page. Answers that arrive after a newer request are dropped.
 */
export class PagedList<T, Q extends object> implements ReactiveController {
  query: Q;
  items: T[] = [];
  /** How many items match the query in all, when the API says. */
  total: number | null = null;
  state: ListState = 'idle';
  error: unknown = null;
  /** The cursors of the pages before the current one, and the current one's (`undefined`: the first page). */
  #cursors: (string | undefined)[] = [undefined];
  #next: string | null = null;
  #request = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly fetchPage: (query: Q, cursor: string | undefined) => Promise<Page<T> & { total?: number }>,
    initial: Q,
  ) {
    this.query = initial;
    host.addController(this);
  }

  hostConnected(): void {}

  /** The page's number, from 1. */
  get pageNumber(): number {
    return this.#cursors.length;
  }

  get hasNext(): boolean {
    return this.#next !== null;
  }

  get hasPrevious(): boolean {
    return this.#cursors.length > 1;
  }

  /** Changes the query (merged into the current one) and loads its first page. */
  setQuery(change: Partial<Q>): Promise<void> {
    this.query = { ...this.query, ...change };
    this.#cursors = [undefined];
    return this.load();
  }

  /** Loads the current page again (after a change made elsewhere). */
  reload(): Promise<void> {
    return this.load();
  }

  next(): Promise<void> {
    if (this.#next === null) return Promise.resolve();
    this.#cursors.push(this.#next);
    return this.load();
  }

  previous(): Promise<void> {
    if (this.#cursors.length <= 1) return Promise.resolve();
    this.#cursors.pop();
    return this.load();
  }

  async load(): Promise<void> {
    const request = ++this.#request;
    this.state = 'loading';
    this.host.requestUpdate();
    try {
      const page = await this.fetchPage(this.query, this.#cursors.at(-1));
      if (request !== this.#request) return;
      this.items = page.items;
      this.total = page.total ?? null;
      this.#next = page.nextCursor;
      this.state = 'ready';
      this.error = null;
    } catch (error) {
      if (request !== this.#request) return;
      this.state = 'error';
      this.error = error;
    }
    this.host.requestUpdate();
  }
}
