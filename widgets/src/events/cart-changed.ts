import type { cart } from '@foyer/sdk';

/** What `foyer-cart-changed` carries: the cart as the API now has it. */
export interface CartChangedDetail {
  cart: cart.Cart;
}

/** The cart was loaded (after signing in), lines were added or removed, or it was validated. Fired by `<foyer-provider>`. */
export class FoyerCartChangedEvent extends CustomEvent<CartChangedDetail> {
  static readonly type = 'foyer-cart-changed';
  constructor(detail: CartChangedDetail) {
    super(FoyerCartChangedEvent.type, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'foyer-cart-changed': FoyerCartChangedEvent;
  }
}
