/** What `foyer-payment-redirect` carries. */
export interface PaymentRedirectDetail {
  paymentId: string;
  /** The payment page. */
  url: string;
  amountCents: number;
}

/**
 * `<foyer-cart>` is about to send the parent to the payment page. Cancelable: a host that opens
 * the page itself (a pop-up, a native app's browser) calls `preventDefault()`.
 */
export class FoyerPaymentRedirectEvent extends CustomEvent<PaymentRedirectDetail> {
  static readonly type = 'foyer-payment-redirect';
  constructor(detail: PaymentRedirectDetail) {
    super(FoyerPaymentRedirectEvent.type, { detail, bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'foyer-payment-redirect': FoyerPaymentRedirectEvent;
  }
}
