/**
 * Monthly billing of postpaid activities: what each booking of a month costs, a household's
 * invoice lines and total, the month's calendar (when it may be invoiced, due dates, numbers),
 * and the credit notes that correct an issued invoice.
 * Pure: plain values in, no I/O.
 */
export * from './billing-day.js';
export * from './billing-month.js';
export * from './household-invoice.js';
export * from './invoice-credit.js';
