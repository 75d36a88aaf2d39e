import { FoyerAdminExports } from './exports.component.js';

export { FoyerAdminExports };

FoyerAdminExports.define('foyer-admin-exports');

declare global {
  interface HTMLElementTagNameMap {
    'foyer-admin-exports': FoyerAdminExports;
  }
}
