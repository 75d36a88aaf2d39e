import { FoyerAdminKitchen } from './kitchen.component.js';

export { FoyerAdminKitchen };

FoyerAdminKitchen.define('foyer-admin-kitchen');

declare global {
  interface HTMLElementTagNameMap {
    'foyer-admin-kitchen': FoyerAdminKitchen;
  }
}
