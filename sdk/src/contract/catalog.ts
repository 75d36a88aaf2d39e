import * as v from 'valibot';
import { CollectivityParams, Id, Instant, LocalDate } from './common.js';
import { endpoint } from './endpoint.js';

/** A deadline rule of an activity, as the collectivity set it. */
export const DeadlineRule = v.variant('kind', [
  v.object({ kind: v.literal('calendar_days'), days: v.number(), time: v.string() }),
  v.object({ kind: v.literal('working_days'), days: v.number(), time: v.string() }),
  v.object({ kind: v.literal('previous_week'), weekday: v.number(), time: v.string() }),
  v.object({ kind: v.literal('none') }),
]);

export const PaymentMode = v.picklist(['prepaid', 'postpaid']);
export type PaymentMode = v.InferOutput<typeof PaymentMode>;

/** An activity as a household sees it: its rules and the price this household pays. */
export const Activity = v.object({
  id: Id,
  code: v.string(),
  name: v.string(),
  weekdays: v.array(v.number()),
  paymentMode: PaymentMode,
  capacity: v.nullable(v.number()),
  waitlist: v.boolean(),
  bookingDeadline: DeadlineRule,
  cancellationDeadline: DeadlineRule,
  registrationOpensAt: v.nullable(Instant),
  registrationClosesAt: v.nullable(Instant),
  /** Holiday sessions of a leisure centre; `opensAt` is when their bookings open. */
  sessions: v.array(v.object({ from: LocalDate, to: LocalDate, name: v.string(), opensAt: v.optional(Instant) })),
  maxDaysPerChildPerSession: v.nullable(v.number()),
  /** What this household pays for one day, in cents. */
  priceCents: v.number(),
});
export type Activity = v.InferOutput<typeof Activity>;

export const Service = v.object({
  id: Id,
  name: v.string(),
  kind: v.string(),
  sites: v.array(v.object({ id: Id, name: v.string(), activities: v.array(Activity) })),
});
export type Service = v.InferOutput<typeof Service>;

export const listServices = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/services',
  params: CollectivityParams,
  response: v.object({ services: v.array(Service) }),
});
