import * as v from 'valibot';
import { PaymentMode } from './catalog.js';
import { CollectivityParams, Id, Instant, LocalDate } from './common.js';
import { endpoint } from './endpoint.js';

export const CellStatus = v.picklist([
  'closed',
  'not_enrolled',
  'available',
  'full',
  'booked',
  'pending_payment',
  'waitlisted',
  'cancel_requested',
  'cancelled',
]);
export type CellStatus = v.InferOutput<typeof CellStatus>;

/** Why a day cannot be booked, for people: shown beside the mark. */
export const BlockedReason = v.picklist([
  'weekday',
  'public_holiday',
  'school_holiday',
  /** The town's school calendar is not imported for that day yet: closed until it is. */
  'calendar_unknown',
  'closure',
  'outside_session',
  'outside_season',
  'not_enrolled',
  'deadline_passed',
  'registration_not_open',
  'registration_closed',
  'full',
  /** The child already has as many days of this session as the activity allows. */
  'session_limit',
]);
export type BlockedReason = v.InferOutput<typeof BlockedReason>;

export const Attendance = v.picklist(['present', 'absent_justified', 'absent_unjustified']);

/** One day × one activity of a child's calendar. */
export const CalendarCell = v.object({
  date: LocalDate,
  activityId: Id,
  status: CellStatus,
  /** Why the day is closed or cannot be booked; null when it can. */
  reason: v.nullable(BlockedReason),
  /** The closure's or holiday's name, when there is one. */
  label: v.nullable(v.string()),
  attendance: v.nullable(Attendance),
  canBook: v.boolean(),
  /** True when booking would put the child on the waiting list. */
  waitlist: v.boolean(),
  canCancel: v.boolean(),
  /** After the cancellation deadline a parent can still report an absence (late cancellation). */
  canReportAbsence: v.boolean(),
  bookingDeadline: v.nullable(Instant),
  cancellationDeadline: v.nullable(Instant),
  priceCents: v.number(),
  /** Places left, for activities with a capacity. */
  placesLeft: v.nullable(v.number()),
  /** The change waiting in the household's cart for this cell. */
  pending: v.nullable(v.object({ lineId: Id, action: v.picklist(['book', 'cancel']) })),
  bookingId: v.nullable(Id),
});
export type CalendarCell = v.InferOutput<typeof CalendarCell>;

export const Calendar = v.object({
  child: v.object({ id: Id, firstName: v.string(), lastName: v.string() }),
  from: LocalDate,
  to: LocalDate,
  activities: v.array(
    v.object({
      id: Id,
      code: v.string(),
      name: v.string(),
      paymentMode: PaymentMode,
      service: v.object({ id: Id, name: v.string() }),
      site: v.object({ id: Id, name: v.string() }),
    }),
  ),
  cells: v.array(CalendarCell),
});
export type Calendar = v.InferOutput<typeof Calendar>;

export const CalendarQuery = v.strictObject({
  from: LocalDate,
  to: LocalDate,
  service: v.optional(Id),
});

export const getCalendar = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/children/:id/calendar',
  params: v.strictObject({ c: CollectivityParams.entries.c, id: Id }),
  query: CalendarQuery,
  response: Calendar,
});
