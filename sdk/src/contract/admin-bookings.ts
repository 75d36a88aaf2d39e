import * as v from 'valibot';
import { AbsenceReason } from './absence-reasons.js';
import { Attendance } from './calendar.js';
import { CollectivityParams, Id, Instant, LocalDate } from './common.js';
import { endpoint } from './endpoint.js';

/** A cancellation asked after the deadline, or an absence reported late, waiting for an agent. */
export const LateCancellation = v.object({
  bookingId: Id,
  date: LocalDate,
  child: v.object({ id: Id, firstName: v.string(), lastName: v.string() }),
  household: v.object({ id: Id, name: v.string() }),
  activity: v.object({ id: Id, code: v.string(), name: v.string(), paymentMode: v.string() }),
  priceCents: v.number(),
  reason: v.nullable(v.string()),
  requestedAt: Instant,
});

export const LateCancellationsQuery = v.strictObject({
  from: v.optional(LocalDate),
  to: v.optional(LocalDate),
  activity: v.optional(Id),
});

export const LateCancellationDecision = v.variant('decision', [
  v.strictObject({
    decision: v.literal('accept'),
    refund: v.boolean(),
    reason: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(500))),
  }),
  v.strictObject({
    decision: v.literal('reject'),
    reason: v.pipe(v.string(), v.trim(), v.minLength(1, 'is required'), v.maxLength(500)),
  }),
]);

/** The day's list for a site or activity: who is expected, who reported an absence. */
export const DayListQuery = v.strictObject({ date: LocalDate, activity: v.optional(Id) });
export const DayListEntry = v.object({
  bookingId: Id,
  child: v.object({ id: Id, firstName: v.string(), lastName: v.string() }),
  activity: v.object({ id: Id, code: v.string(), name: v.string() }),
  status: v.string(),
  attendance: v.nullable(Attendance),
  absenceReason: v.nullable(v.string()),
  /** Why the child is absent, as the family said when cancelling (same-morning absences too). */
  absence: v.nullable(AbsenceReason),
  allergies: v.array(v.string()),
  carePlan: v.boolean(),
});

const BookingParams = v.strictObject({ c: CollectivityParams.entries.c, id: Id });

export const listLateCancellations = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/admin/late-cancellations',
  params: CollectivityParams,
  query: LateCancellationsQuery,
  response: v.object({ lateCancellations: v.array(LateCancellation) }),
  roles: ['admin', 'agent'],
});
export const decideLateCancellation = endpoint({
  method: 'POST',
  path: '/v1/collectivities/:c/admin/late-cancellations/:id/decision',
  params: BookingParams,
  body: LateCancellationDecision,
  response: v.object({ bookingId: Id, status: v.string(), creditNoteId: v.nullable(Id) }),
  roles: ['admin', 'agent'],
});
export const getDayList = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/admin/day-list',
  params: CollectivityParams,
  query: DayListQuery,
  response: v.object({ date: LocalDate, entries: v.array(DayListEntry) }),
  /** Every role: the kitchen and animators work from the day's list. */
  roles: ['admin', 'agent', 'kitchen', 'animator'],
});
