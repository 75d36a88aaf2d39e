import * as bookings from '../contract/bookings.js';
import * as calendar from '../contract/calendar.js';
import * as cart from '../contract/cart.js';
import * as catalog from '../contract/catalog.js';
import * as collectivity from '../contract/collectivity.js';
import type { Endpoint } from '../contract/endpoint.js';
import * as household from '../contract/household.js';
import * as me from '../contract/me.js';
import * as payments from '../contract/payments.js';
import * as profile from '../contract/profile.js';
import * as requests from '../contract/requests.js';
import { type AttachmentDownload, type AttachmentsNamespace, attachmentsNamespace, exportDownloader } from './attachments.js';
import { type AuthNamespace, authNamespace } from './auth.js';
import { createEmitter, type SessionEventListener, type SessionEvents } from './events.js';
import { type Bound, type ListMethod, type Method, methodFactory, type PaginatedEndpoint, type PathKey } from './method.js';
import { type Backoff, exponentialBackoff } from './retry.js';
import { type CallOptions, createSender, type Fetch, type RequestParts } from './sender.js';
import { Session } from './session.js';
import { resolveStore, type StorageOption } from './storage.js';

export interface ClientOptions {
  /** Where the API is, e.g. `https://api.foyer.example` (a path prefix is kept). */
  baseUrl: string;
  /** The collectivity slug that fills `:c` in paths, e.g. `ville-de-demo`; any call can override it. */
  collectivity?: string;
  /** The `fetch` to use: a polyfill, an instrumented one, or an in-process app in tests. */
  fetch?: Fetch;
  /** Where the refresh token lives between page loads: `'memory'` (default), `'sessionStorage'` or your store. */
  storage?: StorageOption;
  /**
   * Checks every answer against the contract schemas and rejects with `invalid_response` on a
   * mismatch. Defaults to true, except in production builds (`process.env.NODE_ENV` replaced
   * by `"production"` by the bundler, or set in Node).
   */
  validateResponses?: boolean;
  /** Retries of safe calls after a network failure, `429` or `503`; 2 by default. */
  maxRetries?: number;
  /** The wait before each retry; {@link exponentialBackoff} by default. */
  backoff?: Backoff;
  /**
   * The language of the people-facing texts of error answers (`detail`), sent as
   * `Accept-Language`: `'fr'` or `'en'`, or a function read at each call (a page that switches
   * language). The browser's own preference by default; the API falls back to French.
   */
  language?: string | (() => string);
}

// Bundlers replace `process.env.NODE_ENV`; without one, browsers have no `process` at all.
declare const process: { env: { NODE_ENV?: string } };
function developmentBuild(): boolean {
  try {
    return process.env.NODE_ENV !== 'production';
  } catch {
    return true;
  }
}

/**
 * A Foyer client: namespaces mirror the API, every method is typed from the contract,
 * stripe-style `(…ids, params?, options?)`. A namespace method is one line here and one in
 * {@link createClient}, on top of a contract endpoint: `get: Method<typeof household.getChild, ['id']>`.
 * (The type is written out, not inferred, so that declarations stay small and name the endpoints.)
 */
export interface FoyerClient {
  /** Sign-in, sign-out, invitations and passwords; see {@link AuthNamespace}. */
  readonly auth: AuthNamespace;
  readonly me: {
    /** The signed-in account and its memberships (households as a parent, collectivities as an agent). */
    get: Method<typeof me.getMe>;
    /**
     * Asks to change the login email (the current password confirms it): the API emails a link to
     * the new address and resolves (202) whether or not that address is free. The login changes
     * only when the link is confirmed with {@link FoyerClient.me.confirmEmail}.
     */
    changeEmail: Method<typeof profile.requestEmailChange>;
    /**
     * Confirms a new login email with the token of the emailed link; needs no sign-in (the link
     * may be opened on another device), so it is sent without the session's token.
     */
    confirmEmail: Method<typeof profile.confirmEmailChange>;
  };
  readonly collectivity: {
    /** Public information: name, time zone, branding, services. */
    get: Method<typeof collectivity.getCollectivity>;
  };
  readonly household: {
    /** The signed-in parent's household in the collectivity. */
    get: Method<typeof household.getHousehold>;
    /**
     * Changes the household's name, département or phone (`null` clears one); resolves to the
     * household. The address changes through a request of the address category instead.
     */
    update: Method<typeof profile.updateHousehold>;
    readonly guardians: {
      /** The household's guardians. */
      list: Method<typeof profile.listGuardians>;
      /** Adds a guardian (without an account). */
      create: Method<typeof profile.createGuardian>;
      /**
       * Edits a guardian. The email of a guardian who signs in is their login: it changes through
       * {@link FoyerClient.me.changeEmail} (`409 email_is_login` here).
       */
      update: Method<typeof profile.updateGuardian, ['id']>;
    };
    /**
     * Downloads everything Foyer holds about the household as one ZIP archive (`foyer-export.json`
     * and the documents under `documents/`): the GDPR copy of one's data. At most a few per hour
     * (`429 too_many_requests`).
     */
    export(options?: CallOptions): Promise<AttachmentDownload>;
  };
  readonly children: {
    /** The household's children, with their enrolments. */
    list: Method<typeof household.listChildren>;
    /** One child of the household, by id. */
    get: Method<typeof household.getChild, ['id']>;
  };
  readonly services: {
    /** The services, sites and activities this household can use, with their rules and its price per day. */
    list: Method<typeof catalog.listServices>;
  };
  readonly calendar: {
    /**
     * A child's calendar, one cell per day × activity from `from` to `to` (optionally one
     * service): status, why a day is closed, deadlines, price and the cart's pending change.
     */
    get: Method<typeof calendar.getCalendar, ['id']>;
  };
  readonly cart: {
    /** The household's cart: lines, a summary per child ("ALVARO SANCHEZ-CORDOVES — 3 REPAS") and totals. */
    get: Method<typeof cart.getCart>;
    /**
     * Adds days to book or cancel, as dates or a period with weekdays. Days that cannot take the
     * change are listed in `skipped`; when none can, it rejects with `not_bookable` and the
     * refused days in `error.problem.skipped`.
     */
    addLines: Method<typeof cart.addCartLines>;
    /** Removes one line; resolves to the cart. */
    removeLine: Method<typeof cart.removeCartLine, ['id']>;
    /** Removes every line; resolves to the cart. */
    empty: Method<typeof cart.emptyCart>;
    /**
     * Validates the cart, with an outcome per line; `payment_required` gives the payment page for
     * prepaid days. Sent with an idempotency key kept across retries, so it happens once.
     */
    checkout: Method<typeof cart.checkout>;
  };
  readonly bookings: {
    /** The household's bookings from `from` to `to`, optionally of one child or in one status. */
    list: Method<typeof bookings.listBookings>;
  };
  readonly payments: {
    /** A payment of the household: its status, and the page to send the payer to while it is pending. */
    get: Method<typeof payments.getPayment, ['id']>;
  };
  readonly requestCategories: {
    /** The request categories ("thématiques") a parent can write in, with their forms and documents. */
    list: Method<typeof requests.listRequestCategories>;
  };
  readonly requests: {
    /** The household's requests, newest first, optionally in some statuses (`'submitted,needs_info'`); paginated. */
    list: ListMethod<typeof requests.listRequests>;
    /** One of the household's requests, with its answers, documents and thread. */
    get: Method<typeof requests.getRequest, ['id']>;
    /**
     * Sends a request: the category's answers, a message and uploaded documents. It carries an
     * `Idempotency-Key`, but the API does not recognise it yet, so it is never retried: after a
     * `FoyerNetworkError`, list the requests before sending it again.
     */
    create: Method<typeof requests.createRequest>;
    /** Replies in a request's thread, with documents if asked; a `needs_info` request goes back to the agents. */
    reply: Method<typeof requests.replyToRequest, ['id']>;
  };
  /** Documents for requests; see {@link AttachmentsNamespace}. */
  readonly attachments: AttachmentsNamespace;
  /** Listens to a session event; returns the function that stops listening. */
  on<K extends keyof SessionEvents>(type: K, listener: SessionEventListener<K>): () => void;
  /**
   * Binds any contract endpoint to this client, as the namespaces do; for an endpoint the
   * namespaces do not have yet.
   *
   * @example
   * const getChild = client.method(household.getChild, 'id');
   * const child = await getChild(childId, { collectivity: 'saint-exemple' });
   */
  method<E extends Endpoint, const K extends readonly PathKey<E>[] = []>(endpoint: E, ...ids: K): Bound<E, K, Method<E, K>>;
  /** Like {@link FoyerClient.method}, for a paginated endpoint: the method returns a `PageList`. */
  listMethod<E extends PaginatedEndpoint, const K extends readonly PathKey<E>[] = []>(
    endpoint: E,
    ...ids: K
  ): Bound<E, K, ListMethod<E, K>>;
  /**
   * Calls an endpoint whose answer is a file or a stream rather than JSON: resolves to the
   * `Response` once it succeeded, its body not yet read (to read as it arrives); a failure
   * rejects like every call. What the back office's exports are built on.
   */
  exchange(endpoint: Endpoint, parts?: RequestParts, options?: CallOptions): Promise<Response>;
}

/**
 * Creates a Foyer client. Namespaces mirror the API; every method is typed from the contract:
 * `(…ids, params?, options?)` → the response's output type.
 *
 * @example
 * const foyer = createClient({ baseUrl: 'https://api.foyer.example', collectivity: 'ville-de-demo', storage: 'sessionStorage' });
 * foyer.on('signedOut', () => showLogin());
 * if (!(await foyer.auth.resume())) await foyer.auth.login({ email, password });
 * const { children } = await foyer.children.list();
 */
export function createClient(options: ClientOptions): FoyerClient {
  const events = createEmitter();
  const { language } = options;
  const { send, exchange } = createSender(
    {
      baseUrl: options.baseUrl,
      collectivity: options.collectivity,
      fetch: options.fetch ?? ((url, init) => globalThis.fetch(url, init)),
      validateResponses: options.validateResponses ?? developmentBuild(),
      maxRetries: options.maxRetries ?? 2,
      backoff: options.backoff ?? exponentialBackoff,
      language: typeof language === 'string' ? () => language : language,
    },
    { token: () => session.token(), renew: (stale) => session.renew(stale) },
  );
  const session = new Session(send, resolveStore(options.storage, `foyer:refresh-token:${options.baseUrl}`), events);
  const factory = methodFactory(send);
  const { method, list } = factory;

  return {
    auth: authNamespace(send, session, method),
    me: {
      get: method(me.getMe),
      changeEmail: method(profile.requestEmailChange),
      confirmEmail: (body, options) => send(profile.confirmEmailChange, { body }, options, false),
    },
    collectivity: { get: method(collectivity.getCollectivity) },
    household: {
      get: method(household.getHousehold),
      update: method(profile.updateHousehold),
      guardians: {
        list: method(profile.listGuardians),
        create: method(profile.createGuardian),
        update: method(profile.updateGuardian, 'id'),
      },
      export: exportDownloader(exchange),
    },
    children: {
      list: method(household.listChildren),
      get: method(household.getChild, 'id'),
    },
    services: { list: method(catalog.listServices) },
    calendar: { get: method(calendar.getCalendar, 'id') },
    cart: {
      get: method(cart.getCart),
      addLines: method(cart.addCartLines),
      removeLine: method(cart.removeCartLine, 'id'),
      empty: method(cart.emptyCart),
      checkout: method(cart.checkout),
    },
    bookings: { list: method(bookings.listBookings) },
    payments: { get: method(payments.getPayment, 'id') },
    requestCategories: { list: method(requests.listRequestCategories) },
    requests: {
      list: list(requests.listRequests),
      get: method(requests.getRequest, 'id'),
      // A key is sent for when the API learns to recognise it; until then `send` does not retry.
      create: (body, options) =>
        send(requests.createRequest, { body }, { ...options, idempotencyKey: options?.idempotencyKey ?? crypto.randomUUID() }),
      reply: method(requests.replyToRequest, 'id'),
    },
    attachments: attachmentsNamespace(send, exchange),
    on: events.on,
    method,
    listMethod: list,
    exchange: (endpoint, parts = {}, options) =>
      exchange(endpoint, parts, { ...options, headers: { accept: '*/*', ...options?.headers } }),
  };
}
