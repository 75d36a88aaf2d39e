import type { FoyerError } from './errors.js';

/** Why a session ended. */
export type SignOutReason =
  /** `auth.logout()` was called. */
  | 'logout'
  /** `auth.changePassword()` succeeded: the API ends every sign-in of the account. */
  | 'password_changed'
  /**
   * The API refused the refresh token: the sign-in reached its absolute end, was revoked, or a
   * copy of the token was used elsewhere (`error.code === 'refresh_token_reused'`).
   */
  | 'refresh_refused';

/** The session events and what their listeners receive. */
export interface SessionEvents {
  /** A session started: by `login`, `activate` or `resume` (from the stored refresh token). */
  signedIn: { via: 'login' | 'activate' | 'resume'; expiresAt: Date };
  /** The access token was renewed. */
  refreshed: { expiresAt: Date };
  /** The session ended: the person is signed out and the stored refresh token deleted. */
  signedOut: { reason: SignOutReason; error?: FoyerError };
}

export type SessionEventListener<K extends keyof SessionEvents> = (event: SessionEvents[K]) => void;

/** A tiny typed emitter: `on` returns the function that removes the listener. */
export function createEmitter() {
  const listeners = new Map<keyof SessionEvents, Set<(event: never) => void>>();
  return {
    on<K extends keyof SessionEvents>(type: K, listener: SessionEventListener<K>): () => void {
      const set = listeners.get(type) ?? new Set();
      listeners.set(type, set.add(listener));
      return () => set.delete(listener);
    },
    emit<K extends keyof SessionEvents>(type: K, event: SessionEvents[K]): void {
      for (const listener of listeners.get(type) ?? []) {
        try {
          (listener as SessionEventListener<K>)(event);
        } catch (error) {
          // A failing listener must not break the session bookkeeping; report it like an event handler would.
          queueMicrotask(() => {
            throw error;
          });
        }
      }
    },
  };
}

export type Emitter = ReturnType<typeof createEmitter>;
