import * as v from 'valibot';
import { AbsenceReason } from './absence-reasons.js';
import { BookingReason } from './booking-reasons.js';
import { PaymentMode } from './catalog.js';
import { CollectivityParams, Id, Instant, LocalDate } from './common.js';
import { endpoint } from './endpoint.js';

export const CartAction = v.picklist(['book', 'cancel']);

export const CartLine = v.object({
  id: Id,
  childId: Id,
  activityId: Id,
  date: LocalDate,
  action: CartAction,
  /** For a cancellation: the reason given (an absence, "malade"). */
  reason: v.nullable(v.string()),
  /** For a cancellation: why the child will be absent. */
  absence: v.nullable(AbsenceReason),
  priceCents: v.number(),
  paymentMode: PaymentMode,
  child: v.object({ firstName: v.string(), lastName: v.string() }),
  activity: v.object({ code: v.string(), name: v.string() }),
});
export type CartLine = v.InferOutput<typeof CartLine>;

/** Per child: "ALVARO SANCHEZ-CORDOVES — 3 REPAS". */
export const CartChildSummary = v.object({
  childId: Id,
  name: v.string(),
  items: v.array(v.object({ activityName: v.string(), action: CartAction, count: v.number() })),
  text: v.string(),
});

export const Cart = v.object({
  id: v.nullable(Id),
  lines: v.array(CartLine),
  summary: v.array(CartChildSummary),
  totals: v.object({
    /** Paid online at checkout. */
    prepaidCents: v.number(),
    /** Billed on the monthly invoice. */
    postpaidCents: v.number(),
  }),
  updatedAt: v.nullable(Instant),
});
export type Cart = v.InferOutput<typeof Cart>;

const Weekday = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(7));

/** Lines to add, for one child and activity: single dates, or a period with weekdays. */
export const CartLinesInput = v.strictObject({
  childId: Id,
  activityId: Id,
  action: CartAction,
  dates: v.optional(v.pipe(v.array(LocalDate), v.minLength(1), v.maxLength(400))),
  period: v.optional(
    v.strictObject({
      from: LocalDate,
      to: LocalDate,
      weekdays: v.optional(v.pipe(v.array(Weekday), v.minLength(1), v.maxLength(7))),
    }),
  ),
  reason: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(500))),
  /** For a cancellation: why the child will be absent (ignored on a booking). */
  absence: v.optional(AbsenceReason),
});

export const AddCartLinesBody = v.strictObject({
  lines: v.pipe(v.array(CartLinesInput), v.minLength(1), v.maxLength(50)),
});

/** A date that was not added, and why (closed, already booked, not bookable…). */
export const SkippedDate = v.object({ childId: Id, activityId: Id, date: LocalDate, reason: BookingReason });

export const CartChange = v.object({
  cart: Cart,
  added: v.number(),
  skipped: v.array(SkippedDate),
});

export const LineOutcome = v.picklist(['booked', 'pending_payment', 'waitlisted', 'cancelled', 'cancel_requested', 'refused']);
export type LineOutcome = v.InferOutput<typeof LineOutcome>;

export const CheckoutLineResult = v.object({
  lineId: Id,
  childId: Id,
  activityId: Id,
  date: LocalDate,
  action: CartAction,
  outcome: LineOutcome,
  /** Why a line was refused (deadline_passed, full, closed…), why it went to agents, or "credited". */
  reason: v.nullable(BookingReason),
  bookingId: v.nullable(Id),
});

export const Checkout = v.object({
  status: v.picklist(['confirmed', 'payment_required']),
  lines: v.array(CheckoutLineResult),
  payment: v.nullable(v.object({ id: Id, url: v.string(), amountCents: v.number(), expiresAt: Instant })),
});
export type Checkout = v.InferOutput<typeof Checkout>;

export const CheckoutBody = v.strictObject({
  /** Where the payment page sends the parent back (the town's page). Defaults to the portal URL. */
  returnUrl: v.optional(v.pipe(v.string(), v.url(), v.maxLength(2000))),
});

export const getCart = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/cart',
  params: CollectivityParams,
  response: Cart,
});
export const addCartLines = endpoint({
  method: 'POST',
  path: '/v1/collectivities/:c/cart/lines',
  params: CollectivityParams,
  body: AddCartLinesBody,
  response: CartChange,
});
export const removeCartLine = endpoint({
  method: 'DELETE',
  path: '/v1/collectivities/:c/cart/lines/:id',
  params: v.strictObject({ c: CollectivityParams.entries.c, id: Id }),
  response: Cart,
});
export const emptyCart = endpoint({
  method: 'DELETE',
  path: '/v1/collectivities/:c/cart',
  params: CollectivityParams,
  response: Cart,
});
export const checkout = endpoint({
  method: 'POST',
  path: '/v1/collectivities/:c/cart/checkout',
  params: CollectivityParams,
  body: CheckoutBody,
  response: Checkout,
  idempotent: true,
});
