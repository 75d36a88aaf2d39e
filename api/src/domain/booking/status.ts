/**
 * A booking's status and attendance, and the only changes allowed between them. Every place
 * that changes a booking's status asks `transition` first: a change missing from the table is
 * a bug, and fails loudly instead of writing an impossible history.
 */

export type BookingStatus =
  | 'booked'
  | 'pending_payment'
  | 'waitlisted'
  | 'cancel_requested'
  | 'cancelled'
  | 'expired'
  | 'refused';

export type Attendance = 'present' | 'absent_justified' | 'absent_unjustified';

/** Statuses of a booking that exists for its cell (at most one per child × activity × day). */
export const LIVE_STATUSES: readonly BookingStatus[] = ['booked', 'pending_payment', 'waitlisted', 'cancel_requested'];

/** Where a booking starts: booked outright, held until paid, or on the waiting list. */
export const INITIAL_STATUSES: readonly BookingStatus[] = ['booked', 'pending_payment', 'waitlisted'];

/**
 * Every allowed change of status, and why it happens. A status absent from the keys is final.
 */
export const STATUS_TRANSITIONS = {
  pending_payment: {
    booked: 'the payment succeeded',
    expired: 'the hold lapsed unpaid (sweeper, or closed before the day is booked again)',
    refused: 'the payment was refused',
  },
  waitlisted: {
    booked: 'a place was freed (postpaid activity)',
    pending_payment: 'a place was freed (prepaid activity: held until paid)',
    cancelled: 'the parent left the waiting list',
  },
  booked: {
    cancelled: 'the parent cancelled before the deadline',
    cancel_requested: 'the parent cancelled or reported an absence after the deadline',
  },
  cancel_requested: {
    cancelled: 'an agent accepted the late cancellation',
    booked: 'an agent refused the late cancellation',
  },
} as const satisfies Partial<Record<BookingStatus, Partial<Record<BookingStatus, string>>>>;

/** Every allowed change of attendance: recorded once, and an unjustified absence justified later. */
export const ATTENDANCE_TRANSITIONS = {
  none: { present: 'recorded present', absent_justified: 'recorded absent with a reason', absent_unjustified: 'recorded absent' },
  absent_unjustified: { absent_justified: 'a certificate or a reason came afterwards' },
} as const satisfies Partial<Record<Attendance | 'none', Partial<Record<Attendance, string>>>>;

/** Whether a booking may go from `from` to `to`. */
export function canTransition(from: BookingStatus, to: BookingStatus): boolean {
  const allowed: Partial<Record<BookingStatus, string>> | undefined = (
    STATUS_TRANSITIONS as Partial<Record<BookingStatus, Partial<Record<BookingStatus, string>>>>
  )[from];
  return allowed?.[to] !== undefined;
}

/** Thrown on a change the table does not allow: a bug in the caller, never the parent's fault. */
export class ForbiddenTransition extends Error {
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super(`A booking cannot go from ${from} to ${to}`);
    this.name = 'ForbiddenTransition';
  }
}

/**
 * The status to write when a booking goes from `from` to `to`; throws `ForbiddenTransition`
 * when the table does not allow it.
 *
 * @example
 * .set({ status: transition(booking.status, 'cancelled') })
 */
export function transition<To extends BookingStatus>(from: BookingStatus, to: To): To {
  if (!canTransition(from, to)) throw new ForbiddenTransition(from, to);
  return to;
}

/** Whether attendance may go from `from` (null: not recorded yet) to `to`. */
export function canRecordAttendance(from: Attendance | null, to: Attendance): boolean {
  const allowed: Partial<Record<Attendance, string>> | undefined = (
    ATTENDANCE_TRANSITIONS as Partial<Record<Attendance | 'none', Partial<Record<Attendance, string>>>>
  )[from ?? 'none'];
  return allowed?.[to] !== undefined;
}

/**
 * An unpaid hold past its time: it no longer holds its day, even before the sweeper closes it
 * (the checkout closes it as it books the day again).
 */
export function isExpiredHold(status: BookingStatus, holdExpiresAt: Date | string | null, now: Date): boolean {
  return status === 'pending_payment' && holdExpiresAt !== null && new Date(holdExpiresAt) <= now;
}

/** Whether a booking holds its cell at `now`: live, and not a lapsed hold. */
export function holdsCell(status: BookingStatus, holdExpiresAt: Date | string | null, now: Date): boolean {
  return LIVE_STATUSES.includes(status) && !isExpiredHold(status, holdExpiresAt, now);
}
