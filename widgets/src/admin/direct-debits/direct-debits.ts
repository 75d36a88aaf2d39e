import { FoyerAdminDirectDebits } from './direct-debits.component.js';

export { FoyerAdminDirectDebits };

FoyerAdminDirectDebits.define('foyer-admin-direct-debits');

declare global {
  interface HTMLElementTagNameMap {
    'foyer-admin-direct-debits': FoyerAdminDirectDebits;
  }
}
