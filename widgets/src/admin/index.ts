/**
 * Foyer's back office: `<foyer-admin-app>` (sign-in, role-aware navigation and every section)
 * and each section on its own, for towns that place them in their intranet (Cuisine,
 * Réservations and Exports are loaded when their tag first appears; `loadElement` for one
 * inside a shadow root). They need a
 * `<foyer-provider>` around them, which this bundle defines too (the first definition on the
 * page wins, so foyer.js beside it does no harm).
 */

import { defineOnDemand } from '../shared/on-demand.js';

export * from '../login/login.js';
export * from '../provider/provider.js';
export { getLocale, setLocale } from '../shared/locale.js';
export { loadElement } from '../shared/on-demand.js';
export * from './agents/agents.js';
export * from './app/admin-app.js';
export type { FoyerAdminBookings } from './bookings/bookings.component.js';
export * from './catalog/catalog.js';
export type { FoyerAdminExports } from './exports/exports.component.js';
export * from './households/households.js';
export * from './imports/import.js';
export * from './join-requests/join-requests.js';
export type { FoyerAdminKitchen } from './kitchen/kitchen.component.js';
export * from './roll-call/roll-call.js';

// The day's screens come with their section (or the first such tag on an intranet's page), in
// chunks beside foyer-admin.js: the bundle every agent loads stays within its budget.
defineOnDemand('foyer-admin-kitchen', () => import('./kitchen/kitchen.js'));
defineOnDemand('foyer-admin-bookings', () => import('./bookings/bookings.js'));
defineOnDemand('foyer-admin-exports', () => import('./exports/exports.js'));
