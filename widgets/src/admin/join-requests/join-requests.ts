import { FoyerAdminJoinRequests } from './join-requests.component.js';

export { FoyerAdminJoinRequests };

FoyerAdminJoinRequests.define('foyer-admin-join-requests');

declare global {
  interface HTMLElementTagNameMap {
    'foyer-admin-join-requests': FoyerAdminJoinRequests;
  }
}
