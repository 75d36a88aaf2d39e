import { FoyerAdminRollCall } from './roll-call.component.js';

export { FoyerAdminRollCall };

FoyerAdminRollCall.define('foyer-admin-roll-call');

declare global {
  interface HTMLElementTagNameMap {
    'foyer-admin-roll-call': FoyerAdminRollCall;
  }
}
