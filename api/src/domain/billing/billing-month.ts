import { addDays, daysInMonth, LAST_LOCAL_DATE, localDateFromParts } from '../local-date.js';

/**
 * The calendar of a billing run: which days a month covers, when it may be invoiced, when its
 * invoices fall due, and how they are numbered.
 */

/** A billing month, `YYYY-MM`. */
export type BillingMonth = string;

/** The first and last local dates of `month`. */
export function monthRange(month: BillingMonth): { from: string; to: string } {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return { from: localDateFromParts(year, m, 1), to: localDateFromParts(year, m, daysInMonth(year, m)) };
}

/**
 * Whether `month` may be invoiced on local date `today`: once it is over, so that every day
 * of it has its roll call and its late cancellations could be decided.
 */
export function monthIsOver(month: BillingMonth, today: string): boolean {
  return monthRange(month).to < today;
}

/** The first day `month` may be invoiced, or null for December 9999, which never ends. */
export function billableFrom(month: BillingMonth): string | null {
  const end = monthRange(month).to;
  return end === LAST_LOCAL_DATE ? null : addDays(end, 1);
}

/**
 * The due date of an invoice issued on `issuedOn`: the 15th of the following month, so that a
 * family always has at least two weeks, and a month's invoices issued together share one date.
 *
 * @example dueDate('2027-02-03') // '2027-03-15'
 */
export function dueDate(issuedOn: string): string {
  const [year, month] = issuedOn.split('-').map(Number) as [number, number];
  return month === 12 ? localDateFromParts(year + 1, 1, 15) : localDateFromParts(year, month + 1, 15);
}

/** The prefix of invoice numbers (*facture*): `FA-2027-000001`, a series per collectivity and year. */
export const INVOICE_PREFIX = 'FA';

/**
 * The numbers following `last` (0 when the series is empty) in the series of `year`: gapless,
 * in the order given.
 *
 * @example documentNumbers('FA', '2027', 41, 2) // ['FA-2027-000042', 'FA-2027-000043']
 */
export function documentNumbers(prefix: string, year: string, last: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}-${year}-${String(last + 1 + i).padStart(6, '0')}`);
}
