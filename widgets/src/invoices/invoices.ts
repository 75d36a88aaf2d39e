import { FoyerInvoices } from './invoices.component.js';

export { FoyerInvoices };

FoyerInvoices.define('foyer-invoices');

declare global {
  interface HTMLElementTagNameMap {
    'foyer-invoices': FoyerInvoices;
  }
}
