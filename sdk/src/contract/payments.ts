import * as v from 'valibot';
import { CollectivityParams, Id, Instant } from './common.js';
import { endpoint } from './endpoint.js';

/**
 * `held`: the provider confirmed another amount than the one asked, or a payment after its
 * deadline, and an agent decides; `abandoned`: the payer gave up on the provider's page.
 */
export const PaymentStatus = v.picklist(['pending', 'paid', 'refused', 'expired', 'refunded', 'held', 'abandoned']);

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
export type DemoNotification = v.InferOutput<typeof DemoNotification>;

/** What Foyer answers a provider: the payment's status once the notification is applied. */
export const NotificationReceipt = v.object({ id: Id, status: PaymentStatus });
export type NotificationReceipt = v.InferOutput<typeof NotificationReceipt>;

/**
 * A provider's signed server-to-server notification. Idempotent: the same notification
 * received again answers the same status and changes nothing.
 */
export const notifyPayment = endpoint({
  method: 'POST',
  path: '/v1/payments/:provider/notify',
  params: v.strictObject({ provider: v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]{0,31}$/, 'must be a provider name')) }),
  body: DemoNotification,
  response: NotificationReceipt,
});
