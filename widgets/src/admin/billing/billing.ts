import { FoyerAdminBilling } from './billing.component.js';

export { FoyerAdminBilling };

FoyerAdminBilling.define('foyer-admin-billing');

declare global {
  interface HTMLElementTagNameMap {
    'foyer-admin-billing': FoyerAdminBilling;
  }
}
