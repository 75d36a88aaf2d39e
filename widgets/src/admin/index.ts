/**
 * Foyer's back office: `<foyer-admin-app>` (sign-in, role-aware navigation and every section)
 * and each section on its own, for towns that place them in their intranet. They need a
 * `<foyer-provider>` around them, which this bundle defines too (the first definition on the
 * page wins, so foyer.js beside it does no harm).
 */

export * from '../login/login.js';
export * from '../provider/provider.js';
export { getLocale, setLocale } from '../shared/locale.js';
export * from './agents/agents.js';
export * from './app/admin-app.js';
export * from './bookings/bookings.js';
export * from './catalog/catalog.js';
export * from './exports/exports.js';
export * from './households/households.js';
export * from './imports/import.js';
export * from './join-requests/join-requests.js';
export * from './kitchen/kitchen.js';
export * from './roll-call/roll-call.js';
