import { quotientOn } from '../family-quotients.js';
import { type PricedHousehold, type Pricing, priceOn } from '../prices.js';
import {
  type AnomalyKind,
  type BillableBooking,
  type BilledActivity,
  type BilledReason,
  type DayPrice,
  decideBillingDay,
} from './billing-day.js';

/**
 * A household's month of postpaid activities turned into invoice lines and a total. Pure: the
 * household's pricing facts, its activities and its bookings in; lines and anomalies out.
 */

/** One billed day: a line of the invoice, in integer cents. */
export interface InvoiceLineDraft {
  bookingId: string;
  childId: string;
  activityId: string;
  date: string;
  reason: BilledReason;
  quantity: 1;
  unitCents: number;
  totalCents: number;
}

/** A day an agent must look at, with what it is about. */
export interface BillingAnomaly {
  kind: AnomalyKind;
  bookingId: string;
  childId: string;
  activityId: string;
  date: string;
}

export interface HouseholdInvoiceDraft {
  /** Sorted by date, activity, child: the order the invoice shows them. */
  lines: InvoiceLineDraft[];
  /** The sum of the lines. */
  totalCents: number;
  anomalies: BillingAnomaly[];
}

/** The price of `date` for `household`, and whether it had to guess a quotient. */
export function dayPrice(pricing: Pricing | null, household: PricedHousehold, date: string): DayPrice | null {
  if (pricing === null) return null;
  const amountCents = priceOn(pricing, household, date);
  const nonResidentRate = !household.resident && pricing.nonResidentAmountCents !== undefined;
  const quotient = (household.quotients ? quotientOn(household.quotients, date) : null) ?? household.familyQuotient;
  return { amountCents, quotientMissing: !nonResidentRate && pricing.tiers.length > 1 && quotient === null };
}

/**
 * The invoice of one household's month: a line per billed day (`decideBillingDay`), priced
 * with the quotient in force on that day, and the anomalies met. Bookings of activities not
 * in `activities` (prepaid ones) are ignored; the caller passes the month's bookings only.
 *
 * @example
 * draftHouseholdInvoice({ familyQuotient: 500, resident: true }, activities, bookings).totalCents
 */
export function draftHouseholdInvoice(
  household: PricedHousehold,
  activities: ReadonlyMap<string, BilledActivity>,
  bookings: readonly BillableBooking[],
): HouseholdInvoiceDraft {
  const lines: InvoiceLineDraft[] = [];
  const anomalies: BillingAnomaly[] = [];
  for (const booking of bookings) {
    const activity = activities.get(booking.activityId);
    if (!activity) continue;
    const decision = decideBillingDay(booking, activity, dayPrice(activity.pricing, household, booking.date));
    const where = { bookingId: booking.bookingId, childId: booking.childId, activityId: booking.activityId, date: booking.date };
    if (decision.anomaly) anomalies.push({ kind: decision.anomaly, ...where });
    if (decision.billed) {
      lines.push({
        ...where,
        reason: decision.reason,
        quantity: 1,
        unitCents: decision.unitCents,
        totalCents: decision.unitCents,
      });
    }
  }
  // Plain code-unit comparison: ISO dates and ids sort right without a locale (and fast).
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const order = (a: { date: string; activityId: string; childId: string; bookingId: string }, b: typeof a) =>
    compare(a.date, b.date) ||
    compare(a.activityId, b.activityId) ||
    compare(a.childId, b.childId) ||
    compare(a.bookingId, b.bookingId);
  lines.sort(order);
  anomalies.sort(order);
  return { lines, totalCents: lines.reduce((sum, line) => sum + line.totalCents, 0), anomalies };
}
