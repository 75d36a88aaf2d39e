import type { calendar } from '@foyer/sdk/contract';
import type { Attendance, BookingStatus } from '../../db/schema.js';
import { eachDate, type LocalDate, localDateOf, type PricedHousehold } from '../../domain/index.js';
import { type ActivityRules, dayPrice, judgeDay } from '../bookings/activity-rules.js';
import { isExpiredHold, LIVE_STATUSES, placeKey } from '../bookings/capacity.js';
import { type HeldDay, sessionCapReached } from '../bookings/session-cap.js';

/** A booking of the child, any status, as the calendar reads it. */
export interface CalendarBooking {
  id: string;
  activityId: string;
  date: LocalDate;
  status: BookingStatus;
  priceCents: number;
  holdExpiresAt: Date | null;
  attendance: Attendance | null;
  updatedAt: Date;
}

/** A period the child is enrolled in an activity, both ends included. */
export interface CalendarEnrolment {
  activityId: string;
  from: LocalDate;
  to: LocalDate;
}

/** A line of the household's cart for the child. */
export interface CalendarCartLine {
  id: string;
  activityId: string;
  date: LocalDate;
  action: 'book' | 'cancel';
}

/** Everything one child's calendar depends on, loaded beforehand with a fixed number of queries. */
export interface CalendarInput {
  from: LocalDate;
  to: LocalDate;
  now: Date;
  /** The collectivity's time zone: when its days start and end. */
  timeZone: string;
  /** The activities of the calendar, in the order their cells are listed within a day. */
  activities: readonly ActivityRules[];
  enrolments: readonly CalendarEnrolment[];
  /**
   * The child's bookings of the range, every status (a cell may have a live one and cancelled
   * ones), and of the whole of the capped sessions it touches (see `sessionSpan`).
   */
  bookings: readonly CalendarBooking[];
  /** Places taken per `placeKey(activityId, date)`, for the activities with a capacity. */
  placesTaken: ReadonlyMap<string, number>;
  /** The household's cart lines for the child, over the same span as `bookings`. */
  cartLines: readonly CalendarCartLine[];
  household: PricedHousehold;
}

type Cell = calendar.CalendarCell;

type LiveBooking = CalendarBooking & { status: 'booked' | 'pending_payment' | 'waitlisted' | 'cancel_requested' };

interface CellBookings {
  /** The booking that holds the cell now: an expired payment hold no longer does. */
  live?: LiveBooking;
  /** The last booking changed, whatever its status. */
  latest?: CalendarBooking;
}

function isLive(booking: CalendarBooking, now: Date): booking is LiveBooking {
  return LIVE_STATUSES.includes(booking.status) && !isExpiredHold(booking.status, booking.holdExpiresAt, now);
}

function bookingsByCell(bookings: readonly CalendarBooking[], now: Date): Map<string, CellBookings> {
  const cells = new Map<string, CellBookings>();
  for (const booking of bookings) {
    const key = placeKey(booking.activityId, booking.date);
    let cell = cells.get(key);
    if (!cell) {
      cell = {};
      cells.set(key, cell);
    }
    if (isLive(booking, now)) cell.live = booking;
    if (!cell.latest || booking.updatedAt > cell.latest.updatedAt) cell.latest = booking;
  }
  return cells;
}

/**
 * The cells of a child's calendar: one per date of `from`…`to` × activity, by date then in the
 * order of `activities`. Pure apart from reading the shared holiday tables: everything else
 * comes in `input`, so a school year costs the same queries as a week.
 *
 * A cell's status comes first from the rules (`closed`, `not_enrolled`), then from the child's
 * live booking, then from the last cancelled one, then from the places taken. `canBook` and
 * `canCancel` say what the cart would accept now; `reason` says why a free day cannot be booked.
 *
 * @example
 * calendarCells({ from: '2026-11-30', to: '2026-12-06', now, timeZone: 'Europe/Paris', activities: [canteen], … })
 * // [{ date: '2026-11-30', status: 'available', canBook: true, … }, …, { date: '2026-12-02', status: 'closed', reason: 'weekday', … }]
 */
export function calendarCells(input: CalendarInput): Cell[] {
  const { now, activities } = input;
  const today = localDateOf(now, input.timeZone);
  const bookings = bookingsByCell(input.bookings, now);
  const pending = new Map(input.cartLines.map((l) => [placeKey(l.activityId, l.date), { lineId: l.id, action: l.action }]));
  const prices = new Map(activities.map((a) => [a.id, dayPrice(a, input.household)]));
  const enrolments = new Map(activities.map((a) => [a.id, input.enrolments.filter((e) => e.activityId === a.id)]));
  // The days the child holds or has in the cart to book, for the per-session cap.
  const held: HeldDay[] = [
    ...input.bookings.filter((b) => isLive(b, now)),
    ...input.cartLines.filter((l) => l.action === 'book'),
  ].map((d) => ({ activityId: d.activityId, date: d.date }));

  const cells: Cell[] = [];
  for (const date of eachDate(input.from, input.to)) {
    for (const activity of activities) {
      const key = placeKey(activity.id, date);
      const { live, latest } = bookings.get(key) ?? {};
      const day = judgeDay(activity, date, now);
      const taken = input.placesTaken.get(key) ?? 0;
      const cell: Cell = {
        date,
        activityId: activity.id,
        status: 'closed',
        reason: null,
        label: day.label,
        attendance: (live ?? latest)?.attendance ?? null,
        canBook: false,
        waitlist: false,
        canCancel: false,
        canReportAbsence: false,
        bookingDeadline: null,
        cancellationDeadline: null,
        priceCents: live?.priceCents ?? prices.get(activity.id) ?? 0,
        placesLeft: null,
        pending: pending.get(key) ?? null,
        bookingId: live?.id ?? null,
      };
      cells.push(cell);
      if (!day.opening.open) {
        cell.reason = day.opening.reason;
        continue;
      }
      if (activity.capacity !== null) cell.placesLeft = Math.max(0, activity.capacity - taken);
      if (!enrolments.get(activity.id)?.some((e) => e.from <= date && date <= e.to)) {
        cell.status = 'not_enrolled';
        cell.reason = 'not_enrolled';
        continue;
      }
      cell.bookingDeadline = day.booking.deadline.toISOString();
      cell.cancellationDeadline = day.cancellation.deadline.toISOString();

      if (live) {
        cell.status = live.status;
        if (live.status === 'booked') {
          cell.canCancel = day.cancellation.allowed;
          // Past the deadline a parent can still warn of an absence until the day is over.
          cell.canReportAbsence = !day.cancellation.allowed && date >= today;
        } else if (live.status === 'waitlisted') {
          // Leaving the waiting list frees nobody's place: allowed whatever the deadline.
          cell.canCancel = date >= today;
        }
        continue;
      }

      const full = activity.capacity !== null && taken >= activity.capacity;
      if (latest?.status === 'cancelled') {
        cell.status = 'cancelled';
        cell.bookingId = latest.id;
      } else if (full) cell.status = 'full';
      else cell.status = 'available';
      if (!day.booking.allowed) cell.reason = day.booking.reason;
      else if (full && !activity.waitlist) cell.reason = 'full';
      else if (sessionCapReached(activity, date, held)) cell.reason = 'session_limit';
      else {
        cell.canBook = true;
        cell.waitlist = full;
      }
    }
  }
  return cells;
}
