/**
 * Foyer's family widgets: `<foyer-provider>` first, so that the elements inside it find it as
 * soon as they are defined.
 */

export * from './calendar/calendar.js';
export * from './cart/cart.js';
export * from './collectivity-switcher/collectivity-switcher.js';
export * from './login/login.js';
export * from './provider/provider.js';
export { getLocale, setLocale } from './shared/locale.js';
