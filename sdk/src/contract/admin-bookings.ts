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
export type LateCancellation = v.InferOutput<typeof LateCancellation>;

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
  /** Whether the child has a care plan (PAI); null for the kitchen, which does not need it. */
  carePlan: v.nullable(v.boolean()),
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

/** A child on a day's waiting list, in the order places are given. */
export const WaitingEntry = v.object({
  bookingId: Id,
  /** 1 for the next to get a place. */
  position: v.number(),
  child: v.object({ id: Id, firstName: v.string(), lastName: v.string() }),
  household: v.object({ id: Id, name: v.string() }),
  waitlistedAt: Instant,
});

/** A child who left the waiting list for a freed place: when, and who gave it. */
export const PromotedEntry = v.object({
  bookingId: Id,
  child: v.object({ id: Id, firstName: v.string(), lastName: v.string() }),
  household: v.object({ id: Id, name: v.string() }),
  waitlistedAt: v.nullable(Instant),
  promotedAt: Instant,
  /** The agent who promoted by hand; null when the place was given automatically. */
  promotedBy: v.nullable(v.object({ id: Id, name: v.string() })),
  /** Its status now: booked, or held until paid (prepaid days), or what became of it since. */
  status: v.string(),
});

/** An activity-day with a waiting list, or whose list gave places. */
export const WaitlistDay = v.object({
  activity: v.object({ id: Id, code: v.string(), name: v.string() }),
  date: LocalDate,
  capacity: v.nullable(v.number()),
  placesTaken: v.number(),
  waiting: v.array(WaitingEntry),
  promoted: v.array(PromotedEntry),
});
export type WaitlistDay = v.InferOutput<typeof WaitlistDay>;

/** From today for 62 days unless said; 62 days at most. */
export const WaitlistsQuery = v.strictObject({
  from: v.optional(LocalDate),
  to: v.optional(LocalDate),
  activity: v.optional(Id),
});

/** `overCapacity` confirms giving a place on a day that has none free. */
export const WaitlistPromotion = v.strictObject({ overCapacity: v.optional(v.boolean()) });

export const listWaitlists = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/admin/waitlists',
  params: CollectivityParams,
  query: WaitlistsQuery,
  response: v.object({ from: LocalDate, to: LocalDate, days: v.array(WaitlistDay) }),
  roles: ['admin', 'agent'],
});
export const promoteFromWaitlist = endpoint({
  method: 'POST',
  path: '/v1/collectivities/:c/admin/waitlists/:id/promotion',
  params: BookingParams,
  body: WaitlistPromotion,
  response: v.object({ bookingId: Id, status: v.string(), overCapacity: v.boolean() }),
  roles: ['admin', 'agent'],
});
