/** What `foyer-signed-out` carries. */
export interface SignedOutDetail {
  /** `logout` (the parent signed out), `password_changed`, or `refresh_refused` (the sign-in expired or was revoked). */
  reason: 'logout' | 'password_changed' | 'refresh_refused';
}

/** The session ended. Fired by `<foyer-provider>`; bubbles and crosses shadow roots. */
export class FoyerSignedOutEvent extends CustomEvent<SignedOutDetail> {
  static readonly type = 'foyer-signed-out';
  constructor(detail: SignedOutDetail) {
    super(FoyerSignedOutEvent.type, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'foyer-signed-out': FoyerSignedOutEvent;
  }
}
