import { FoyerCart } from './cart.component.js';

export { FoyerCart };

FoyerCart.define('foyer-cart');

declare global {
  interface HTMLElementTagNameMap {
    'foyer-cart': FoyerCart;
  }
}
