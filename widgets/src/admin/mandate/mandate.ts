import { FoyerAdminMandate } from './mandate.component.js';

export { FoyerAdminMandate };

FoyerAdminMandate.define('foyer-admin-mandate');

declare global {
  interface HTMLElementTagNameMap {
    'foyer-admin-mandate': FoyerAdminMandate;
  }
}
