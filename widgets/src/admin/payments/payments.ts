import { FoyerAdminPayments } from './payments.component.js';

export { FoyerAdminPayments };

FoyerAdminPayments.define('foyer-admin-payments');

declare global {
  interface HTMLElementTagNameMap {
    'foyer-admin-payments': FoyerAdminPayments;
  }
}
