import {
  type CallOptions,
  type cart,
  type collectivity,
  createClient,
  type Fetch,
  type FoyerClient,
  type household,
  type me,
  memoryStore,
  type payments,
  type TokenStore,
  webStorageStore,
} from '@foyer/sdk';
import { FoyerCartChangedEvent } from '../events/cart-changed.js';
import { FoyerCheckoutCompletedEvent } from '../events/checkout-completed.js';
import { FoyerCollectivityChangedEvent } from '../events/collectivity-changed.js';
import { FoyerSignedInEvent } from '../events/signed-in.js';
import { FoyerSignedOutEvent } from '../events/signed-out.js';
import { getLocale } from './locale.js';

export type LoadState = 'idle' | 'loading' | 'ready' | 'error';
export type CartLine = cart.CartLine;
export type CartLinesInput = Parameters<FoyerClient['cart']['addLines']>[0]['lines'][number];
export type CartChange = Awaited<ReturnType<FoyerClient['cart']['addLines']>>;
export type Child = household.Child;

/** What changed in the store; elements re-render on the topics they read. */
export type StoreTopic = 'session' | 'collectivity' | 'children' | 'cart' | 'bookings';

/** The cart as elements show it: the API's lines with the changes still on their way applied. */
export interface CartView {
  lines: CartLine[];
  totals: { prepaidCents: number; postpaidCents: number };
}

export interface StoreOptions {
  /** The API's base URL. */
  api: string;
  /** The collectivity slug the widgets start in. */
  collectivity: string;
  /** `session` keeps the sign-in across reloads of the tab (the payment page's return), `memory` does not. */
  storage: 'session' | 'memory';
  /** Tells providers of the same API apart in `sessionStorage`. */
  storageKey?: string;
  /** Where public `foyer-…` events are dispatched (the provider element). */
  notify: (event: Event) => void;
  fetch?: Fetch;
}

/** The key of a cart line: one change per child, activity and day. */
export const lineKey = (l: { childId: string; activityId: string; date: string }) => `${l.childId}|${l.activityId}|${l.date}`;

interface Overlay {
  add: CartLine[];
  remove: Set<string>;
}

/** Fired on the store (not on the page) when part of its state changed. */
export class StoreChangeEvent extends Event {
  constructor(readonly topic: StoreTopic) {
    super('change');
  }
}

function sessionTokenStore(key: string): TokenStore {
  try {
    if (typeof sessionStorage !== 'undefined') return webStorageStore(sessionStorage, key);
  } catch {
    // Storage can be refused (privacy settings, sandboxed frames): fall back to memory.
  }
  return memoryStore();
}

/**
 * The state the Foyer elements under one `<foyer-provider>` share: one SDK client, the session,
 * the household's children and the cart. Cart changes run one after another, so that answers
 * never arrive out of order, and show at once ("optimistic") until the API confirms them.
 */
export class FoyerStore extends EventTarget {
  readonly client: FoyerClient;
  readonly api: string;
  #collectivity: string;
  readonly #notify: (event: Event) => void;

  signedIn = false;
  sessionState: LoadState = 'idle';
  sessionError: unknown = null;
  me: me.Me | null = null;
  info: collectivity.CollectivityInfo | null = null;

  children: Child[] = [];
  childrenState: LoadState = 'idle';
  childrenError: unknown = null;

  #cart: cart.Cart | null = null;
  cartState: LoadState = 'idle';
  cartError: unknown = null;
  #overlays: Overlay[] = [];
  #queue: Promise<unknown> = Promise.resolve();

  /** Incremented whenever bookings changed (a validation, a payment): calendars reload. */
  bookingsVersion = 0;
  #ready: Promise<void> = Promise.resolve();
  #started = false;

  constructor(options: StoreOptions) {
    super();
    this.api = options.api;
    this.#collectivity = options.collectivity;
    this.#notify = options.notify;
    const key = `foyer:refresh-token:${options.api}|${options.storageKey ?? options.collectivity}`;
    this.client = createClient({
      baseUrl: options.api,
      collectivity: options.collectivity,
      storage: options.storage === 'session' ? sessionTokenStore(key) : 'memory',
      // The API's error details in the language of the elements, not of the browser.
      language: getLocale,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    this.client.on('signedIn', ({ via }) => {
      this.signedIn = true;
      this.#ready = this.#afterSignIn(via);
    });
    this.client.on('signedOut', ({ reason }) => {
      this.signedIn = false;
      this.me = null;
      this.children = [];
      this.childrenState = 'idle';
      this.#cart = null;
      this.cartState = 'idle';
      this.#overlays = [];
      this.#changed('session', 'children', 'cart');
      this.#notify(new FoyerSignedOutEvent({ reason }));
    });
  }

  get collectivity(): string {
    return this.#collectivity;
  }

  /** Options every call takes: the collectivity the parent is working in now. */
  get callOptions(): CallOptions {
    return { collectivity: this.#collectivity };
  }

  /** The collectivity's time zone, for "today" and deadlines. */
  get timeZone(): string {
    return this.info?.timeZone ?? 'Europe/Paris';
  }

  /** The account's households as a parent, one per collectivity. */
  get parentMemberships(): Extract<me.Membership, { kind: 'parent' }>[] {
    return (this.me?.memberships ?? []).filter((m): m is Extract<me.Membership, { kind: 'parent' }> => m.kind === 'parent');
  }

  /** Resumes a stored sign-in; called once by the provider. */
  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    void this.loadInfo();
    this.sessionState = 'loading';
    this.#changed('session');
    try {
      if (await this.client.auth.resume()) await this.#ready;
      this.sessionState = 'ready';
      this.sessionError = null;
    } catch (error) {
      this.sessionState = 'error';
      this.sessionError = error;
    }
    this.#changed('session');
  }

  async loadInfo(): Promise<void> {
    try {
      this.info = await this.client.collectivity.get(this.callOptions);
      this.#changed('collectivity');
    } catch {
      // Only the time zone and the name come from here; the defaults serve when it fails.
    }
  }

  async #afterSignIn(via: 'login' | 'activate' | 'resume'): Promise<void> {
    this.sessionState = 'loading';
    this.#changed('session');
    try {
      this.me = await this.client.me.get();
      this.sessionState = 'ready';
      this.sessionError = null;
    } catch (error) {
      this.sessionState = 'error';
      this.sessionError = error;
      this.#changed('session');
      return;
    }
    this.#changed('session');
    this.#notify(new FoyerSignedInEvent({ account: this.me.account, collectivity: this.#collectivity, via }));
    void this.loadChildren();
    void this.loadCart();
  }

  /** Reads the signed-in account again, e.g. after its login email changed. */
  async refreshAccount(): Promise<void> {
    if (!this.signedIn) return;
    this.me = await this.client.me.get();
    this.#changed('session');
  }

  /** Signs in; resolves once the account is known. */
  async login(email: string, password: string): Promise<void> {
    await this.client.auth.login({ email, password });
    await this.#ready;
  }

  /** Finishes an invitation and signs in; resolves once the account is known. */
  async activate(body: Parameters<FoyerClient['auth']['activate']>[0]): Promise<void> {
    await this.client.auth.activate(body);
    await this.#ready;
  }

  logout(): Promise<void> {
    return this.client.auth.logout();
  }

  /** Works in another collectivity of the account: children, cart and calendars reload. */
  setCollectivity(slug: string): void {
    if (slug === this.#collectivity) return;
    this.#collectivity = slug;
    this.info = null;
    this.children = [];
    this.#cart = null;
    this.#overlays = [];
    this.bookingsVersion += 1;
    this.#changed('collectivity', 'children', 'cart', 'bookings');
    this.#notify(new FoyerCollectivityChangedEvent({ collectivity: slug }));
    void this.loadInfo();
    if (this.signedIn) {
      void this.loadChildren();
      void this.loadCart();
    }
  }

  async loadChildren(): Promise<void> {
    this.childrenState = 'loading';
    this.#changed('children');
    try {
      const { children } = await this.client.children.list(this.callOptions);
      this.children = children;
      this.childrenState = 'ready';
      this.childrenError = null;
    } catch (error) {
      this.childrenState = 'error';
      this.childrenError = error;
    }
    this.#changed('children');
  }

  // ——— cart ———

  get cart(): CartView | null {
    if (!this.#cart && this.#overlays.length === 0) return null;
    const removed = new Set(this.#overlays.flatMap((o) => [...o.remove]));
    const lines = new Map<string, CartLine>();
    for (const line of this.#cart?.lines ?? [])
      if (!removed.has(line.id) && !removed.has(lineKey(line))) lines.set(lineKey(line), line);
    for (const overlay of this.#overlays) for (const line of overlay.add) lines.set(lineKey(line), line);
    const list = [...lines.values()].sort((a, b) => a.date.localeCompare(b.date));
    const total = (mode: 'prepaid' | 'postpaid') =>
      list.filter((l) => l.action === 'book' && l.paymentMode === mode).reduce((sum, l) => sum + l.priceCents, 0);
    return { lines: list, totals: { prepaidCents: total('prepaid'), postpaidCents: total('postpaid') } };
  }

  /** The change waiting in the cart for one child's activity on one day. */
  pendingLine(childId: string, activityId: string, date: string): CartLine | undefined {
    const key = lineKey({ childId, activityId, date });
    return this.cart?.lines.find((l) => lineKey(l) === key);
  }

  async loadCart(): Promise<void> {
    this.cartState = 'loading';
    this.#changed('cart');
    try {
      const loaded = await this.#enqueue(() => this.client.cart.get(this.callOptions));
      this.#cart = loaded;
      this.cartState = 'ready';
      this.cartError = null;
      this.#notify(new FoyerCartChangedEvent({ cart: loaded }));
    } catch (error) {
      this.cartState = 'error';
      this.cartError = error;
    }
    this.#changed('cart');
  }

  /**
   * Adds lines; `shown` are the lines to show at once, until the API answers (they disappear
   * again if it refuses).
   */
  addLines(lines: CartLinesInput[], shown: CartLine[] = []): Promise<CartChange> {
    return this.#mutate({ add: shown, remove: new Set() }, async () => {
      const change = await this.client.cart.addLines({ lines }, this.callOptions);
      this.#cart = change.cart;
      return change;
    });
  }

  /** Removes a line, by id, or by child, activity and day (for a line that may still be on its way). */
  removeLine(line: { id: string } | { childId: string; activityId: string; date: string }): Promise<void> {
    const mark = 'id' in line ? line.id : lineKey(line);
    return this.#mutate({ add: [], remove: new Set([mark]) }, async () => {
      const target =
        'id' in line ? this.#cart?.lines.find((l) => l.id === line.id) : this.#cart?.lines.find((l) => lineKey(l) === mark);
      if (target) this.#cart = await this.client.cart.removeLine(target.id, this.callOptions);
    });
  }

  /** Validates the cart ("Valider"): `returnUrl` is where the payment page sends the parent back. */
  async checkout(returnUrl: string): Promise<cart.Checkout> {
    const result = await this.#enqueue(() => this.client.cart.checkout({ returnUrl }, this.callOptions));
    this.#cart = {
      id: this.#cart?.id ?? null,
      lines: [],
      summary: [],
      totals: { prepaidCents: 0, postpaidCents: 0 },
      updatedAt: null,
    };
    this.bookingsVersion += 1;
    this.#changed('cart', 'bookings');
    this.#notify(new FoyerCartChangedEvent({ cart: this.#cart }));
    this.#notify(new FoyerCheckoutCompletedEvent({ checkout: result }));
    return result;
  }

  /** A payment of the household, e.g. on the way back from the payment page. */
  async payment(id: string): Promise<payments.Payment> {
    const payment = await this.client.payments.get(id, this.callOptions);
    if (payment.status !== 'pending') {
      this.bookingsVersion += 1;
      this.#changed('bookings');
    }
    return payment;
  }

  async #mutate<T>(overlay: Overlay, work: () => Promise<T>): Promise<T> {
    this.#overlays.push(overlay);
    this.#changed('cart');
    const settle = () => {
      this.#overlays = this.#overlays.filter((o) => o !== overlay);
      this.#changed('cart');
    };
    try {
      const result = await this.#enqueue(work);
      this.cartState = 'ready';
      this.cartError = null;
      settle();
      if (this.#cart) this.#notify(new FoyerCartChangedEvent({ cart: this.#cart }));
      return result;
    } catch (error) {
      settle();
      throw error;
    }
  }

  #enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work, work);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #changed(...topics: StoreTopic[]): void {
    for (const topic of topics) this.dispatchEvent(new StoreChangeEvent(topic));
  }
}
