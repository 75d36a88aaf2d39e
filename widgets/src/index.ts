/**
 * Foyer's family widgets: `<foyer-provider>` first, so that the elements inside it find it as
 * soon as they are defined. `<foyer-request-form>`, `<foyer-profile>`, `<foyer-invoices>` and
 * `<foyer-join-request>` are loaded on demand:
 * their modules come the first time the page has one of them.
 */

import { defineOnDemand } from './shared/on-demand.js';

export * from './calendar/calendar.js';
export * from './cart/cart.js';
export * from './collectivity-switcher/collectivity-switcher.js';
export type { FoyerInvoices } from './invoices/invoices.component.js';
export type { FoyerJoinRequest } from './join-request/join-request.component.js';
export * from './login/login.js';
export type { FoyerProfile } from './profile/profile.component.js';
export * from './provider/provider.js';
export type { FoyerRequestForm } from './request-form/request-form.component.js';
export { getLocale, setLocale } from './shared/locale.js';
export { loadElement } from './shared/on-demand.js';

defineOnDemand('foyer-request-form', () => import('./request-form/request-form.js'));
defineOnDemand('foyer-profile', () => import('./profile/profile.js'));
defineOnDemand('foyer-invoices', () => import('./invoices/invoices.js'));
defineOnDemand('foyer-join-request', () => import('./join-request/join-request.js'));
