/** What `foyer-collectivity-changed` carries. */
export interface CollectivityChangedDetail {
  /** The slug of the collectivity the widgets now work in. */
  collectivity: string;
}

/** The parent switched to another collectivity (`<foyer-collectivity-switcher>`). Fired by `<foyer-provider>`. */
export class FoyerCollectivityChangedEvent extends CustomEvent<CollectivityChangedDetail> {
  static readonly type = 'foyer-collectivity-changed';
  constructor(detail: CollectivityChangedDetail) {
    super(FoyerCollectivityChangedEvent.type, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'foyer-collectivity-changed': FoyerCollectivityChangedEvent;
  }
}
