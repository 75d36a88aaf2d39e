import * as auth from '../contract/auth.js';
import { FoyerError } from './errors.js';
import type { Emitter, SignOutReason } from './events.js';
import type { CallOptions, Send, TokenSource } from './sender.js';
import type { TokenStore } from './storage.js';

/** Renew a little before the access token expires, so a call does not leave with a dying token. */
const EXPIRY_LEEWAY_MS = 30_000;

const notSignedIn = () =>
  new FoyerError({
    status: 401,
    code: 'unauthenticated',
    title: 'Unauthorized',
    detail: 'There is no session to renew: sign in.',
  });

/** A refusal of the refresh token: the sign-in is over (as opposed to a network or server failure). */
const isRefusal = (error: unknown): error is FoyerError =>
  error instanceof FoyerError && error.status >= 400 && error.status < 500 && error.status !== 429;

/**
 * The signed-in state of a client: the access token in memory, the refresh token in the
 * store, and renewals that happen once however many calls need them.
 */
export class Session implements TokenSource {
  #access: { token: string; expiresAt: number } | undefined;
  #renewal: Promise<string> | undefined;
  /** Bumped when a session starts or ends, so a renewal that finishes afterwards is discarded. */
  #generation = 0;
  readonly #send: Send;
  readonly #store: TokenStore;
  readonly #events: Emitter;

  constructor(send: Send, store: TokenStore, events: Emitter) {
    this.#send = send;
    this.#store = store;
    this.#events = events;
  }

  get signedIn(): boolean {
    return this.#access !== undefined;
  }

  async token(): Promise<string | undefined> {
    if (this.#renewal) return this.#renewal;
    const access = this.#access;
    if (access && access.expiresAt - Date.now() < EXPIRY_LEEWAY_MS) return this.renew(access.token);
    return access?.token;
  }

  /**
   * A fresh access token for a caller whose `stale` one was refused. Parallel callers share one
   * refresh request; a caller that comes after it finished gets the new token without another.
   */
  renew(stale: string): Promise<string> {
    if (this.#access && this.#access.token !== stale) return Promise.resolve(this.#access.token);
    return this.#renewOnce();
  }

  /** Starts the session from the stored refresh token; false when there is none or it is refused. */
  async resume(): Promise<boolean> {
    if (this.#access) return true;
    if (!(await this.#store.get())) return false;
    try {
      await this.#renewOnce();
      return true;
    } catch (error) {
      if (isRefusal(error)) return false;
      throw error;
    }
  }

  async start(session: auth.Session, via: 'login' | 'activate'): Promise<void> {
    this.#generation++;
    this.#events.emit('signedIn', { via, expiresAt: await this.#keep(session) });
  }

  async end(reason: SignOutReason, error?: FoyerError): Promise<void> {
    this.#generation++;
    this.#access = undefined;
    await this.#store.delete();
    this.#events.emit('signedOut', error ? { reason, error } : { reason });
  }

  /** Ends the session here at once, then asks the API to revoke it; that part is best effort. */
  async logout(options?: CallOptions): Promise<void> {
    const refreshToken = await this.#store.get();
    if (!this.#access && !refreshToken) return;
    await this.end('logout');
    if (!refreshToken) return;
    try {
      await this.#send(auth.logout, { body: { refreshToken } }, options, false);
    } catch {
      // The token is forgotten here; the API ends it anyway at its absolute lifetime.
    }
  }

  #renewOnce(): Promise<string> {
    this.#renewal ??= this.#refresh().finally(() => {
      this.#renewal = undefined;
    });
    return this.#renewal;
  }

  async #refresh(): Promise<string> {
    const generation = this.#generation;
    const resuming = this.#access === undefined;
    const refreshToken = await this.#store.get();
    if (!refreshToken) throw notSignedIn();
    let session: auth.Session;
    try {
      // Never retried: the API spends the token on receipt, and presenting it twice ends the sign-in.
      session = await this.#send(auth.refresh, { body: { refreshToken } }, { maxRetries: 0 }, false);
    } catch (error) {
      if (isRefusal(error) && generation === this.#generation) await this.end('refresh_refused', error);
      throw error;
    }
    if (generation !== this.#generation) {
      if (this.#access) return this.#access.token;
      throw notSignedIn();
    }
    const expiresAt = await this.#keep(session);
    if (resuming) this.#events.emit('signedIn', { via: 'resume', expiresAt });
    else this.#events.emit('refreshed', { expiresAt });
    return session.accessToken;
  }

  /** Keeps a new token pair; the expiry is measured on this machine's clock, whatever the server's says. */
  async #keep(session: auth.Session): Promise<Date> {
    const expiresAt = Date.now() + session.expiresIn * 1000;
    this.#access = { token: session.accessToken, expiresAt };
    await this.#store.set(session.refreshToken);
    return new Date(expiresAt);
  }
}
