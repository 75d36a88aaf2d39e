import * as v from 'valibot';

/**
 * The booking reason codes, listed once: why a day is closed, why a change cannot be made, or
 * what became of it. The calendar, the cart and the checkout answer with these codes; the
 * widgets and the API's messages each have one text per code.
 */

/** Why an activity does not run on a day (its opening rule). */
export const CLOSED_REASONS = [
  'weekday',
  'public_holiday',
  'school_holiday',
  /** The town's school calendar is not imported for that day yet: closed until it is. */
  'calendar_unknown',
  'closure',
  'outside_session',
  'outside_season',
] as const;

/** Why a free day cannot be booked: shown beside the calendar's mark. */
export const BLOCKED_REASONS = [
  ...CLOSED_REASONS,
  'not_enrolled',
  'deadline_passed',
  'registration_not_open',
  'registration_closed',
  'full',
  /** The child already has as many days of this session as the activity allows. */
  'session_limit',
] as const;

/** Every reason a cart or checkout line is answered with. */
export const BOOKING_REASONS = [
  ...BLOCKED_REASONS,
  /** The activity is archived: it takes no more bookings. */
  'activity_closed',
  'already_booked',
  /** A cancellation of a day the child does not hold. */
  'not_booked',
  /** A cancellation of a day still waiting for its payment. */
  'payment_pending',
  'day_passed',
  /** A cancelled paid day, credited to the family. */
  'credited',
] as const;

export const BookingReason = v.picklist(BOOKING_REASONS);
export type BookingReason = v.InferOutput<typeof BookingReason>;
