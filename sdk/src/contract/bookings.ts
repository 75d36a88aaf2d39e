import * as v from 'valibot';
import { Attendance } from './calendar.js';
import { CollectivityParams, Id, Instant, LocalDate } from './common.js';
import { endpoint } from './endpoint.js';

export const BookingStatus = v.picklist([
  'booked',
  'pending_payment',
  'waitlisted',
  'cancel_requested',
  'cancelled',
  'expired',
  'refused',
]);
export type BookingStatus = v.InferOutput<typeof BookingStatus>;

export const Booking = v.object({
  id: Id,
  childId: Id,
  activityId: Id,
  date: LocalDate,
  status: BookingStatus,
  priceCents: v.number(),
  paymentId: v.nullable(Id),
  holdExpiresAt: v.nullable(Instant),
  attendance: v.nullable(Attendance),
  absenceReason: v.nullable(v.string()),
  updatedAt: Instant,
});
export type Booking = v.InferOutput<typeof Booking>;

export const BookingsQuery = v.strictObject({
  child: v.optional(Id),
  from: LocalDate,
  to: LocalDate,
  status: v.optional(BookingStatus),
});

export const listBookings = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/bookings',
  params: CollectivityParams,
  query: BookingsQuery,
  response: v.object({ bookings: v.array(Booking) }),
});
