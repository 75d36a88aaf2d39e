import { FoyerAdminCatalog } from './catalog.component.js';

export { FoyerAdminCatalog };

FoyerAdminCatalog.define('foyer-admin-catalog');

declare global {
  interface HTMLElementTagNameMap {
    'foyer-admin-catalog': FoyerAdminCatalog;
  }
}
