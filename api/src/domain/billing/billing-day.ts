import type { Attendance, BookingStatus } from '../booking/status.js';
import type { Pricing } from '../prices.js';

/**
 * What one booking of a postpaid activity costs in its month: billed (and why), not billed
 * (and why), or an anomaly an agent must look at before the month is invoiced. Pure: the
 * booking, its activity and the price of its day in, a decision out.
 */

/** A booking as the billing run sees it. */
export interface BillableBooking {
  bookingId: string;
  childId: string;
  activityId: string;
  date: string;
  status: BookingStatus;
  attendance: Attendance | null;
  /** A child who came without booking, added at the roll call. */
  walkIn: boolean;
  /**
   * An agent decided a late cancellation of this booking: with `status: 'cancelled'` it was
   * accepted, with `status: 'booked'` it was refused (the day stays due).
   */
  lateCancellationDecided: boolean;
}

/** A postpaid activity's prices as billing uses them. */
export interface BilledActivity {
  id: string;
  /** Null when the stored price list is unusable (`pricingProblems`): its days cannot be priced. */
  pricing: Pricing | null;
  walkInSurchargeCents: number | null;
}

/** Why a line is on the invoice (the `invoice_lines.reason` column). */
export type BilledReason = 'booked' | 'absence_unjustified' | 'walk_in' | 'late_cancellation_refused';

/** Why a booking of the month costs nothing. */
export type UnbilledReason = 'cancelled_in_time' | 'late_cancellation_accepted' | 'absence_justified' | 'not_held'; // waitlisted, expired, refused, or an unpaid hold: the child never had the place

/**
 * What keeps a day from being billed right, for an agent to settle:
 * - `late_cancellation_undecided`: a late cancellation nobody accepted or refused yet;
 * - `no_price`: the activity's price list is unusable, so the day has no price;
 * - `no_quotient`: the price depends on a quotient the household never gave; billed at the
 *   full rate (the town's rule, see `priceFor`) but shown so that an agent may check;
 * - `present_after_cancellation`: the child was marked present on a cancelled day (not billed).
 */
export type AnomalyKind = 'late_cancellation_undecided' | 'no_price' | 'no_quotient' | 'present_after_cancellation';

/** Anomalies that leave a day unbilled, or billed at an amount in doubt: issuing waits for them. */
export const BLOCKING_ANOMALIES: readonly AnomalyKind[] = ['late_cancellation_undecided', 'no_price'];

export type BillingDayDecision =
  | { billed: true; reason: BilledReason; unitCents: number; anomaly?: AnomalyKind }
  | { billed: false; reason: UnbilledReason | 'anomaly'; anomaly?: AnomalyKind };

/** The household's price of a day, or null when its activity has no usable price list. */
export interface DayPrice {
  /** `priceOn` of the day: the tier of the quotient in force that day, or the non-resident rate. */
  amountCents: number;
  /** The price depended on a quotient and none was known that day (full rate applied). */
  quotientMissing: boolean;
}

/**
 * Decides one booking. Rules, in order:
 * - cancelled in time, or late and accepted by an agent: not billed;
 * - a late cancellation still waiting for a decision: anomaly, not billed;
 * - a justified absence (certificate or reason accepted at the roll call): not billed, even
 *   after a refused late cancellation, since the certificate came afterwards;
 * - a walk-in: billed at the activity's surcharge, or at the day's price when it has none;
 * - a refused late cancellation, an unjustified absence, a booked day: billed at the day's price.
 */
export function decideBillingDay(booking: BillableBooking, activity: BilledActivity, price: DayPrice | null): BillingDayDecision {
  switch (booking.status) {
    case 'cancelled': {
      const reason = booking.lateCancellationDecided ? 'late_cancellation_accepted' : 'cancelled_in_time';
      return booking.attendance === 'present'
        ? { billed: false, reason, anomaly: 'present_after_cancellation' }
        : { billed: false, reason };
    }
    case 'cancel_requested':
      return { billed: false, reason: 'anomaly', anomaly: 'late_cancellation_undecided' };
    case 'booked':
      break;
    default:
      return { billed: false, reason: 'not_held' };
  }
  if (booking.attendance === 'absent_justified') return { billed: false, reason: 'absence_justified' };
  if (booking.walkIn && activity.walkInSurchargeCents !== null) {
    return { billed: true, reason: 'walk_in', unitCents: activity.walkInSurchargeCents };
  }
  if (price === null) return { billed: false, reason: 'anomaly', anomaly: 'no_price' };
  const reason: BilledReason = booking.walkIn
    ? 'walk_in'
    : booking.lateCancellationDecided
      ? 'late_cancellation_refused'
      : booking.attendance === 'absent_unjustified'
        ? 'absence_unjustified'
        : 'booked';
  return price.quotientMissing
    ? { billed: true, reason, unitCents: price.amountCents, anomaly: 'no_quotient' }
    : { billed: true, reason, unitCents: price.amountCents };
}
