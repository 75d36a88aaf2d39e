import type { cart } from '@foyer/sdk';

/** What `foyer-checkout-completed` carries: the API's answer, with an outcome per line. */
export interface CheckoutCompletedDetail {
  checkout: cart.Checkout;
}

/**
 * The cart was validated (`Valider`). With `checkout.status === 'payment_required'`, the parent
 * is sent to `checkout.payment.url` next, unless a listener of `foyer-payment-redirect` prevents it.
 */
export class FoyerCheckoutCompletedEvent extends CustomEvent<CheckoutCompletedDetail> {
  static readonly type = 'foyer-checkout-completed';
  constructor(detail: CheckoutCompletedDetail) {
    super(FoyerCheckoutCompletedEvent.type, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'foyer-checkout-completed': FoyerCheckoutCompletedEvent;
  }
}
