import type { requests } from '@foyer/sdk';

/** What `foyer-request-sent` carries: the request as the API recorded it (`submitted`). */
export interface RequestSentDetail {
  request: requests.RequestDetail;
}

/** A parent sent a request. Fired by `<foyer-request-form>`; bubbles and crosses shadow roots. */
export class FoyerRequestSentEvent extends CustomEvent<RequestSentDetail> {
  static readonly type = 'foyer-request-sent';
  constructor(detail: RequestSentDetail) {
    super(FoyerRequestSentEvent.type, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'foyer-request-sent': FoyerRequestSentEvent;
  }
}
