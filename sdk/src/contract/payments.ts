import * as v from 'valibot';
import { CollectivityParams, Id, Instant } from './common.js';
import { endpoint } from './endpoint.js';

export const PaymentStatus = v.picklist(['pending', 'paid', 'refused', 'expired', 'refunded']);

export const Payment = v.object({
  id: Id,
  status: PaymentStatus,
  amountCents: v.number(),
  currency: v.string(),
  provider: v.string(),
  purpose: v.picklist(['checkout', 'invoice']),
  expiresAt: Instant,
  paidAt: v.nullable(Instant),
  /** Where to send the payer while the payment is pending. */
  url: v.nullable(v.string()),
  bookings: v.array(v.object({ id: Id, childId: Id, activityId: v.string(), date: v.string(), status: v.string() })),
});
export type Payment = v.InferOutput<typeof Payment>;

export const getPayment = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/payments/:id',
  params: v.strictObject({ c: CollectivityParams.entries.c, id: Id }),
  response: Payment,
});

/** What the demo provider posts to `/v1/payments/demo/notify`, signed with HMAC-SHA256. */
export const DemoNotification = v.strictObject({
  paymentId: Id,
  providerRef: v.string(),
  outcome: v.picklist(['paid', 'refused']),
  at: Instant,
});
