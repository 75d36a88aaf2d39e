import { FoyerAdminHouseholds } from './households.component.js';

export { FoyerAdminHouseholds };

FoyerAdminHouseholds.define('foyer-admin-households');

declare global {
  interface HTMLElementTagNameMap {
    'foyer-admin-households': FoyerAdminHouseholds;
  }
}
