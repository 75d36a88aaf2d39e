import { FoyerAdminImport } from './import.component.js';

export { FoyerAdminImport };

FoyerAdminImport.define('foyer-admin-import');

declare global {
  interface HTMLElementTagNameMap {
    'foyer-admin-import': FoyerAdminImport;
  }
}
