import { payments } from '@foyer/sdk/contract';
import type { AppDeps, PaymentProvider } from '../../deps.js';
import { notFound } from '../../lib/api-error.js';
import { type Route, route } from '../../lib/route.js';
import { householdScope } from '../../lib/scope.js';
import { DemoPaymentProvider } from './demo-provider.js';
import { PayfipPaymentProvider } from './payfip/index.js';
import { receiveNotification } from './settle-payment.js';

/** Where the payer pays a pending payment: the demo's hosted page, or Foyer's link that opens it at PayFiP. */
function pageOf(provider: PaymentProvider | undefined, collectivityId: string, paymentId: string): string | null {
  if (provider instanceof DemoPaymentProvider) return provider.pageUrl(paymentId);
  if (provider instanceof PayfipPaymentProvider) return provider.pageUrl(collectivityId, paymentId);
  return null;
}

export function paymentRoutes(deps: AppDeps): Route[] {
  return [
    route(
      payments.getPayment,
      {
        summary: 'A payment of my household',
        description:
          'The payment, its bookings and, while it can still be paid, where to send the payer. A pending payment past its deadline reads `expired`, as do its bookings, even before the sweeper records it.',
        tags: ['Payments'],
        access: 'parent',
      },
      async ({ params }, c) => {
        const scope = householdScope(c);
        const row = await deps.db
          .selectFrom('payments')
          .select(['id', 'status', 'amount_cents', 'currency', 'provider', 'purpose', 'expires_at', 'paid_at'])
          .where('collectivity_id', '=', scope.collectivityId)
          .where('household_id', '=', scope.householdId)
          .where('id', '=', params.id)
          .executeTakeFirst();
        if (!row) throw notFound('payment');
        const bookings = await deps.db
          .selectFrom('bookings')
          .select(['id', 'child_id', 'activity_id', 'date', 'status', 'hold_expires_at'])
          .where('collectivity_id', '=', scope.collectivityId)
          .where('household_id', '=', scope.householdId)
          .where('payment_id', '=', row.id)
          .orderBy('date')
          .orderBy('child_id')
          .execute();
        const now = deps.clock.now();
        const lapsed = (at: Date | null) => at !== null && new Date(at) <= now;
        const status = row.status === 'pending' && lapsed(row.expires_at) ? 'expired' : row.status;
        const provider = deps.payments.get(row.provider);
        return {
          id: row.id,
          status,
          amountCents: row.amount_cents,
          currency: row.currency,
          provider: row.provider,
          purpose: row.purpose,
          expiresAt: new Date(row.expires_at).toISOString(),
          paidAt: row.paid_at === null ? null : new Date(row.paid_at).toISOString(),
          url: status !== 'pending' ? null : pageOf(provider, scope.collectivityId, row.id),
          bookings: bookings.map((b) => ({
            id: b.id,
            childId: b.child_id,
            activityId: b.activity_id,
            date: b.date,
            status: b.status === 'pending_payment' && (status === 'expired' || lapsed(b.hold_expires_at)) ? 'expired' : b.status,
          })),
        };
      },
    ),
    route(
      payments.notifyPayment,
      {
        summary: "A payment provider's notification",
        description:
          'Server to server. The provider signs the raw body (the demo provider: `Foyer-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, within 5 minutes). Idempotent: a notification received again answers the current status and changes nothing. `invalid_signature` (400) when the signature does not verify. PayFiP (`payfip`) instead posts a form `idOp=…`, unsigned: Foyer confirms every one with PayFiP’s own lookup (`recupererDetailPaiementSecurise`) and compares the amount; one it does not confirm answers 400 and changes nothing (see docs/payfip.md).',
        tags: ['Payments'],
        access: 'public',
      },
      async ({ params }, c) =>
        // The signature covers the exact bytes received: Hono kept the text the validation read.
        receiveNotification(deps, params.provider, { body: await c.req.text(), headers: c.req.header() }),
    ),
  ];
}
