import * as auth from '../contract/auth.js';
import type { Endpoint, EndpointRequest } from '../contract/endpoint.js';
import type { Method, MethodFactory } from './method.js';
import type { CallOptions, Send } from './sender.js';
import type { Session } from './session.js';

type Body<E extends Endpoint> = EndpointRequest<E>['body'];

/**
 * Sign-in, sign-out, invitations and passwords. Signing in keeps the tokens inside the client
 * (the access token in memory, the refresh token in the configured storage), so these methods
 * resolve to nothing rather than to the token pair: the session shows through `signedIn` and
 * the session events (`client.on('signedOut', …)`).
 */
export interface AuthNamespace {
  /** Signs in with an email and a password. */
  login(body: Body<typeof auth.login>, options?: CallOptions): Promise<void>;
  /** Finishes an invitation (the token of the emailed link) and signs in. */
  activate(body: Body<typeof auth.activate>, options?: CallOptions): Promise<void>;
  /** Signs out here at once, then revokes the sign-in on the API (best effort: it never rejects). */
  logout(options?: CallOptions): Promise<void>;
  /**
   * Starts a session from the stored refresh token, e.g. after a page reload with
   * `storage: 'sessionStorage'`. Resolves to false when there is none or the API refuses it;
   * rejects with a `FoyerNetworkError` (keeping the stored token) when the API cannot be reached.
   */
  resume(): Promise<boolean>;
  /** True while the client holds an access token. */
  readonly signedIn: boolean;
  /** What an invitation link is about, to show the right form before {@link AuthNamespace.activate}. */
  getInvitation: Method<typeof auth.getInvitation, ['token']>;
  readonly resetPassword: {
    /** Emails a reset link; the answer is the same for unknown addresses. */
    request: Method<typeof auth.requestPasswordReset>;
    /** Sets the new password with the link's token; every sign-in of the account ends. */
    confirm: Method<typeof auth.confirmPasswordReset>;
  };
  /**
   * Changes the password. The API ends every sign-in of the account, this one included, so the
   * client signs out (`signedOut` with reason `password_changed`).
   */
  changePassword(body: Body<typeof auth.changePassword>, options?: CallOptions): Promise<void>;
}

export function authNamespace(send: Send, session: Session, method: MethodFactory['method']): AuthNamespace {
  return {
    async login(body, options) {
      await session.start(await send(auth.login, { body }, options, false), 'login');
    },
    async activate(body, options) {
      await session.start(await send(auth.activate, { body }, options, false), 'activate');
    },
    logout: (options) => session.logout(options),
    resume: () => session.resume(),
    get signedIn() {
      return session.signedIn;
    },
    getInvitation: method(auth.getInvitation, 'token'),
    resetPassword: {
      request: method(auth.requestPasswordReset),
      confirm: method(auth.confirmPasswordReset),
    },
    async changePassword(body, options) {
      await send(auth.changePassword, { body }, options);
      await session.end('password_changed');
    },
  };
}
