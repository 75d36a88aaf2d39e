/**
 * Foyer's pure domain rules: dates, holidays, opening days, local time, deadlines and prices.
 * No I/O and no dependency beyond the standard library; everything takes plain values and a time.
 */

export * from './attendance/index.js';
export * from './billing/index.js';
export * from './booking/index.js';
export * from './deadlines.js';
export * from './direct-debit/index.js';
export * from './family-quotients.js';
export * from './local-date.js';
export * from './opening-days.js';
export * from './payments/index.js';
export * from './prices.js';
export * from './public-holidays.js';
export * from './request-privacy.js';
export * from './school-holidays.js';
export * from './siret.js';
export * from './time-of-day.js';
export * from './zoned-time.js';
