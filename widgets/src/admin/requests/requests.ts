import { FoyerAdminRequests } from './requests.component.js';

export { FoyerAdminRequests };

FoyerAdminRequests.define('foyer-admin-requests');

declare global {
  interface HTMLElementTagNameMap {
    'foyer-admin-requests': FoyerAdminRequests;
  }
}
