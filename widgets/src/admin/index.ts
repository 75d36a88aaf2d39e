/**
 * Foyer's back office: `<foyer-admin-app>` (sign-in, role-aware navigation) and each section
 * on its own, for towns that place them in their intranet. They need a `<foyer-provider>`
 * around them, which this bundle defines too (the first definition on the page wins, so
 * foyer.js beside it does no harm). Each section's module is loaded the first time it is
 * shown (an animator's tablet never downloads the catalog's forms): the app asks for it, and
 * a section placed directly in a page is found by the page's observer.
 */

import { FoyerProvider } from '../provider/provider.component.js';
import { useTranslations } from '../shared/locale.js';
import { defineOnDemand } from '../shared/on-demand.js';
import { SECTION_TAGS } from './shared/section-tags.js';

export * from '../events/index.js';
export * from '../login/login.js';
export { FoyerProvider } from '../provider/provider.component.js';
// Types only (its `foyer-provider` tag in HTMLElementTagNameMap): the module itself is not loaded.
export type {} from '../provider/provider.js';
export { getLocale, setLocale } from '../shared/locale.js';
export { loadElement } from '../shared/on-demand.js';
export type { FoyerStore } from '../shared/store.js';
export type { FoyerAdminAgents } from './agents/agents.component.js';
export * from './app/admin-app.js';
export type { FoyerAdminAuditLog } from './audit/audit-log.component.js';
export type { FoyerAdminBilling } from './billing/billing.component.js';
export type { FoyerAdminBookings } from './bookings/bookings.component.js';
export type { FoyerAdminCatalog } from './catalog/catalog.component.js';
export type { FoyerAdminDirectDebits } from './direct-debits/direct-debits.component.js';
export type { FoyerAdminExports } from './exports/exports.component.js';
export type { FoyerAdminHouseholds } from './households/households.component.js';
export type { FoyerAdminImport } from './imports/import.component.js';
export type { FoyerAdminJoinRequests } from './join-requests/join-requests.component.js';
export type { FoyerAdminKitchen } from './kitchen/kitchen.component.js';
export type { FoyerAdminMandate } from './mandate/mandate.component.js';
export type { FoyerAdminPayments } from './payments/payments.component.js';
export type { FoyerAdminRequests } from './requests/requests.component.js';
export type { FoyerRequestsUnreadChangedEvent } from './requests/unread-changed.js';
export type { FoyerAdminRollCall } from './roll-call/roll-call.component.js';

// Not provider.js, which would bring the families' texts only: this bundle's provider speaks every text.
useTranslations({ en: () => import('../generated/locales/en.js') });
FoyerProvider.define('foyer-provider');

defineOnDemand(SECTION_TAGS.catalog, () => import('./catalog/catalog.js'));
defineOnDemand(SECTION_TAGS.households, () => import('./households/households.js'));
defineOnDemand(SECTION_TAGS['direct-debits'], () => import('./direct-debits/direct-debits.js'));
// A household file's « Prélèvement » section, with the IBAN rules: households.component loads it.
defineOnDemand('foyer-admin-mandate', () => import('./mandate/mandate.js'));
defineOnDemand(SECTION_TAGS.import, () => import('./imports/import.js'));
defineOnDemand(SECTION_TAGS.agents, () => import('./agents/agents.js'));
defineOnDemand(SECTION_TAGS['join-requests'], () => import('./join-requests/join-requests.js'));
defineOnDemand(SECTION_TAGS['roll-call'], () => import('./roll-call/roll-call.js'));
defineOnDemand(SECTION_TAGS.kitchen, () => import('./kitchen/kitchen.js'));
defineOnDemand(SECTION_TAGS.bookings, () => import('./bookings/bookings.js'));
defineOnDemand(SECTION_TAGS.requests, () => import('./requests/requests.js'));
defineOnDemand(SECTION_TAGS.exports, () => import('./exports/exports.js'));
defineOnDemand(SECTION_TAGS.audit, () => import('./audit/audit-log.js'));
defineOnDemand(SECTION_TAGS.billing, () => import('./billing/billing.js'));
defineOnDemand(SECTION_TAGS.payments, () => import('./payments/payments.js'));
