import type { requests } from '@foyer/sdk';
import type { LoadState } from '../shared/store.js';
import type { StoreHost } from './uploads.js';

const PAGE_SIZE = '10';

/** A request opened in the history: its detail, loading or loaded. */
export interface OpenRequest {
  state: LoadState;
  detail: requests.RequestDetail | null;
  error: unknown;
  /** The reply being sent, and why it was refused. */
  replying: boolean;
  replyError: unknown;
}

/**
 * The household's requests, newest first, a page at a time ("Historique des demandes"), and
 * the ones the family opened: answers, documents, the thread with the agents, and the reply.
 */
export class RequestHistory {
  readonly #host: StoreHost;
  items: requests.RequestSummary[] = [];
  nextCursor: string | null = null;
  state: LoadState = 'idle';
  error: unknown = null;
  /** Loading the next page. */
  more = false;
  readonly open = new Map<string, OpenRequest>();
  #generation = 0;

  constructor(host: StoreHost) {
    this.#host = host;
  }

  /** Loads the first page again (the opened requests too), e.g. when the history is shown. */
  async reload(): Promise<void> {
    const store = this.#host.store;
    if (!store?.signedIn) return;
    const generation = ++this.#generation;
    this.state = 'loading';
    this.#host.requestUpdate();
    try {
      const page = await store.client.requests.list({ limit: PAGE_SIZE }, store.callOptions);
      if (generation !== this.#generation) return;
      this.items = page.items;
      this.nextCursor = page.nextCursor;
      this.state = 'ready';
      this.error = null;
      for (const id of [...this.open.keys()]) {
        if (this.items.some((r) => r.id === id)) void this.#loadDetail(id);
        else this.open.delete(id);
      }
    } catch (error) {
      if (generation !== this.#generation) return;
      this.state = 'error';
      this.error = error;
    }
    this.#host.requestUpdate();
  }

  async loadMore(): Promise<void> {
    const store = this.#host.store;
    if (!store || !this.nextCursor || this.more) return;
    this.more = true;
    this.#host.requestUpdate();
    try {
      const page = await store.client.requests.list({ limit: PAGE_SIZE, cursor: this.nextCursor }, store.callOptions);
      this.items = [...this.items, ...page.items.filter((r) => !this.items.some((i) => i.id === r.id))];
      this.nextCursor = page.nextCursor;
    } catch (error) {
      this.error = error;
    } finally {
      this.more = false;
      this.#host.requestUpdate();
    }
  }

  /** Forgets everything (signed out, another collectivity). */
  reset(): void {
    this.#generation++;
    this.items = [];
    this.nextCursor = null;
    this.state = 'idle';
    this.error = null;
    this.open.clear();
  }

  /** Opens a request (loading its detail) or closes it. */
  toggle(id: string): void {
    if (this.open.has(id)) this.open.delete(id);
    else void this.#loadDetail(id);
    this.#host.requestUpdate();
  }

  async #loadDetail(id: string): Promise<void> {
    const store = this.#host.store;
    if (!store) return;
    const current = this.open.get(id);
    this.open.set(id, { state: 'loading', detail: current?.detail ?? null, error: null, replying: false, replyError: null });
    this.#host.requestUpdate();
    try {
      const detail = await store.client.requests.get(id, store.callOptions);
      if (this.open.has(id)) this.#opened(id, { state: 'ready', detail });
    } catch (error) {
      if (this.open.has(id)) this.#opened(id, { state: 'error', error });
    }
  }

  /** Sends a reply in a request's thread; resolves to true when the API took it. */
  async reply(id: string, body: string, attachmentIds: string[]): Promise<boolean> {
    const store = this.#host.store;
    if (!store) return false;
    this.#opened(id, { replying: true, replyError: null });
    try {
      const detail = await store.client.requests.reply(id, { body, attachmentIds }, store.callOptions);
      this.#opened(id, { detail, replying: false });
      this.items = this.items.map((r) => (r.id === id ? { ...r, status: detail.status, updatedAt: detail.updatedAt } : r));
      this.#host.requestUpdate();
      return true;
    } catch (error) {
      this.#opened(id, { replying: false, replyError: error });
      return false;
    }
  }

  #opened(id: string, change: Partial<OpenRequest>): void {
    const current = this.open.get(id) ?? { state: 'idle', detail: null, error: null, replying: false, replyError: null };
    this.open.set(id, { ...current, ...change });
    this.#host.requestUpdate();
  }
}
