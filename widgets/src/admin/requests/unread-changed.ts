/** What `foyer-requests-unread-changed` carries: how many requests the signed-in agent has not read. */
export interface RequestsUnreadDetail {
  unreadCount: number;
}

/**
 * The inbox learned how many requests are unread for the signed-in agent (after loading a page,
 * opening a request). Fired by `<foyer-admin-requests>`; `<foyer-admin-app>` shows it on the
 * navigation. Bubbles and crosses shadow roots.
 */
export class FoyerRequestsUnreadChangedEvent extends CustomEvent<RequestsUnreadDetail> {
  static readonly type = 'foyer-requests-unread-changed';
  constructor(detail: RequestsUnreadDetail) {
    super(FoyerRequestsUnreadChangedEvent.type, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'foyer-requests-unread-changed': FoyerRequestsUnreadChangedEvent;
  }
}
