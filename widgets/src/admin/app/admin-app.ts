import { FoyerAdminApp } from './admin-app.component.js';

export { FoyerAdminApp };

FoyerAdminApp.define('foyer-admin-app');

declare global {
  interface HTMLElementTagNameMap {
    'foyer-admin-app': FoyerAdminApp;
  }
}
