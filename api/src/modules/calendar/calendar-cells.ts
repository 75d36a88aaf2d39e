import { BLOCKED_REASONS, type calendar } from '@foyer/sdk/contract';
import type { Attendance, BookingStatus } from '../../db/schema.js';
import {
  type BookingRules,
  type CellState,
  type DayJudgement,
  decideLine,
  eachDate,
  type HeldDay,
  holdsCell,
  judgeDay,
  type LineDecision,
  type LocalDate,
  localDateOf,
  type PricedHousehold,
} from '../../domain/index.js';
import { dayPrice } from '../bookings/activity-rules.js';
import { placeKey } from '../bookings/capacity.js';

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
  activities: readonly BookingRules[];
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
  return holdsCell(booking.status, booking.holdExpiresAt, now);
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
 * `canBook`, `canCancel` and `canReportAbsence` are what `decideLine` (the rule the cart and
 * the checkout apply too) allows now; `reason` says why a day is closed or cannot be booked.
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
  const enrolments = new Map(activities.map((a) => [a.id, input.enrolments.filter((e) => e.activityId === a.id)]));
  // The days the child holds or has in the cart to book, for the per-session cap.
  const heldDays: HeldDay[] = [
    ...input.bookings.filter((b) => isLive(b, now)),
    ...input.cartLines.filter((l) => l.action === 'book'),
  ].map((d) => ({ activityId: d.activityId, date: d.date }));

  const cells: Cell[] = [];
  for (const date of eachDate(input.from, input.to)) {
    for (const rules of activities) {
      const key = placeKey(rules.id, date);
      const { live, latest } = bookings.get(key) ?? {};
      const state = {
        rules,
        today,
        enrolled: enrolments.get(rules.id)?.some((e) => e.from <= date && date <= e.to) ?? false,
        current: live ?? null,
        placesTaken: input.placesTaken.get(key) ?? 0,
        heldDays,
        day: judgeDay(rules, date, now),
      };
      const shown = { price: live?.priceCents ?? dayPrice(rules, input.household, date), pending: pending.get(key) ?? null };
      cells.push(cellOf(state, date, { live: live ?? null, latest }, shown, now));
    }
  }
  return cells;
}

/** One cell: what the day is, then what `decideLine` allows on it. */
function cellOf(
  state: CellState & { rules: BookingRules; day: DayJudgement },
  date: LocalDate,
  { live, latest }: { live: LiveBooking | null; latest: CalendarBooking | undefined },
  { price, pending }: { price: number; pending: Cell['pending'] },
  now: Date,
): Cell {
  const { rules, day } = state;
  const book = decideLine(state, { date, action: 'book' }, now);
  const cancel = decideLine(state, { date, action: 'cancel' }, now);
  const full = rules.capacity !== null && state.placesTaken >= rules.capacity;
  const withDeadlines = day.opening.open && (state.enrolled || live !== null);
  const status = cellStatus(state, live, latest, full);
  return {
    date,
    activityId: rules.id,
    status,
    reason: !day.opening.open ? day.opening.reason : live ? null : blockedReason(book),
    label: day.label,
    attendance: (live ?? latest)?.attendance ?? null,
    canBook: book.outcome !== 'refused',
    waitlist: book.outcome === 'waitlisted',
    canCancel: cancel.outcome === 'cancelled',
    canReportAbsence: cancel.outcome === 'cancel_requested',
    bookingDeadline: withDeadlines ? day.booking.deadline.toISOString() : null,
    cancellationDeadline: withDeadlines ? day.cancellation.deadline.toISOString() : null,
    priceCents: price,
    placesLeft: day.opening.open && rules.capacity !== null ? Math.max(0, rules.capacity - state.placesTaken) : null,
    pending,
    bookingId: live?.id ?? (status === 'cancelled' ? (latest?.id ?? null) : null),
  };
}

/** The cell's status: the day's first (closed, not enrolled), then the child's booking, then the places. */
function cellStatus(
  state: CellState & { day: DayJudgement },
  live: LiveBooking | null,
  latest: CalendarBooking | undefined,
  full: boolean,
): Cell['status'] {
  if (!state.day.opening.open) return 'closed';
  if (live) return live.status;
  if (!state.enrolled) return 'not_enrolled';
  if (latest?.status === 'cancelled') return 'cancelled';
  return full ? 'full' : 'available';
}

const isBlockedReason = (reason: string): reason is calendar.BlockedReason =>
  (BLOCKED_REASONS as readonly string[]).includes(reason);

/** Why a free day cannot be booked, as the calendar tells it. */
function blockedReason(decision: LineDecision): Cell['reason'] {
  return decision.outcome === 'refused' && isBlockedReason(decision.reason) ? decision.reason : null;
}
