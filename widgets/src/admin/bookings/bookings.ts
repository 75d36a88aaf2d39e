import { FoyerAdminBookings } from './bookings.component.js';

export { FoyerAdminBookings };

FoyerAdminBookings.define('foyer-admin-bookings');

declare global {
  interface HTMLElementTagNameMap {
    'foyer-admin-bookings': FoyerAdminBookings;
  }
}
