/** What `foyer-signed-in` carries. */
export interface SignedInDetail {
  account: { id: string; email: string; displayName: string };
  /** The collectivity the provider works in (its slug). */
  collectivity: string;
  /** How the session started: a sign-in form, an invitation, or a stored sign-in resumed after a reload. */
  via: 'login' | 'activate' | 'resume';
}

/** A parent signed in (or a stored sign-in was resumed). Fired by `<foyer-provider>`; bubbles and crosses shadow roots. */
export class FoyerSignedInEvent extends CustomEvent<SignedInDetail> {
  static readonly type = 'foyer-signed-in';
  constructor(detail: SignedInDetail) {
    super(FoyerSignedInEvent.type, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'foyer-signed-in': FoyerSignedInEvent;
  }
}
