import type { payments } from '@foyer/sdk/contract';
import type { AppDeps, PaymentProvider, VerifiedNotice } from '../../deps.js';
import { decideSettlement, transition } from '../../domain/index.js';
import { ApiError, notFound } from '../../lib/api-error.js';
import { markInvoicePaid } from '../invoices/mark-invoice-paid.js';
import { releaseHolds } from './release-holds.js';

/** What a verified notification says. */
export type PaymentNotice = VerifiedNotice;

/**
 * Verifies a provider's notification and applies it: the one entry point of
 * `POST /v1/payments/:provider/notify` and of the demo's hosted page alike.
 * Unknown provider or payment → 404; a signature that does not verify → 400 `invalid_signature`.
 */
export async function receiveNotification(
  deps: AppDeps,
  providerName: string,
  request: { body: string; headers: Record<string, string> },
): Promise<payments.NotificationReceipt> {
  const provider = deps.payments.get(providerName);
  if (!provider) throw notFound('payment provider');
  const notice = await provider.verifyNotification(request);
  if (!notice) {
    deps.logger.warn({ provider: provider.name }, 'payment notification refused: signature not valid');
    throw new ApiError(400, 'invalid_signature', 'The notification is not signed by this provider.');
  }
  return settlePayment(deps, provider, notice);
}

/**
 * Applies a verified notification in ONE transaction, with the payment row locked; the decision
 * is the domain's (`decideSettlement`). A payment reaches a final status once: the same
 * notification received again (providers retry) finds it final and changes nothing. A paid
 * amount that is not the one asked, or a late payment the provider cannot refund, is `held` for
 * an agent (see admin-payments), with nothing booked.
 */
export async function settlePayment(
  deps: AppDeps,
  provider: PaymentProvider,
  notice: PaymentNotice,
): Promise<payments.NotificationReceipt> {
  const settled = await deps.db.transaction().execute(async (trx) => {
    // Provider references are random, but only the (collectivity, provider, ref) triple is unique.
    const rows = await trx
      .selectFrom('payments')
      .select(['collectivity_id', 'id', 'status', 'amount_cents', 'expires_at', 'purpose', 'invoice_id'])
      .where('provider', '=', provider.name)
      .where('provider_ref', '=', notice.providerRef)
      .limit(2)
      .forUpdate()
      .execute();
    const [payment] = rows;
    if (!payment || rows.length > 1) throw notFound('payment');
    const cid = payment.collectivity_id;
    const now = deps.clock.now();
    const decision = decideSettlement(
      { status: payment.status, amountCents: payment.amount_cents, expiresAt: new Date(payment.expires_at) },
      notice,
      now,
      provider.refund !== undefined,
    );
    if (!decision) return { id: payment.id, status: payment.status, changed: false };
    const heldBookings = async () =>
      (
        await trx
          .selectFrom('bookings')
          .select('id')
          .where('collectivity_id', '=', cid)
          .where('payment_id', '=', payment.id)
          .where('status', '=', 'pending_payment')
          .execute()
      ).map((b) => b.id);

    if (decision.holds === 'book') {
      await trx
        .updateTable('bookings')
        .set({ status: transition('pending_payment', 'booked'), hold_expires_at: null, updated_at: now })
        .where('collectivity_id', '=', cid)
        .where('payment_id', '=', payment.id)
        .where('status', '=', 'pending_payment')
        .execute();
    } else if (decision.holds !== 'keep') {
      await releaseHolds(deps, trx, cid, await heldBookings(), decision.holds === 'release_refused' ? 'refused' : 'expired');
    }
    // An invoice's payment, paid as asked: the invoice is paid.
    if (decision.status === 'paid' && payment.purpose === 'invoice' && payment.invoice_id)
      await markInvoicePaid(trx, cid, payment.invoice_id, now);
    // Inside the transaction: if the refund fails, nothing is recorded and the provider's retry tries again.
    if (decision.refund) await provider.refund?.({ providerRef: notice.providerRef, amountCents: payment.amount_cents });
    await trx
      .updateTable('payments')
      // `paid_at` is when the money arrived, refunded or held or not.
      .set({
        status: decision.status,
        updated_at: now,
        held_reason: decision.heldReason,
        confirmed_cents: decision.confirmedCents,
        ...(decision.moneyArrived ? { paid_at: now } : {}),
      })
      .where('collectivity_id', '=', cid)
      .where('id', '=', payment.id)
      .execute();
    return { id: payment.id, status: decision.status, changed: true };
  });
  const log = { provider: provider.name, paymentId: settled.id, outcome: notice.outcome, status: settled.status };
  if (settled.status === 'held' && settled.changed) deps.logger.warn(log, 'payment held for an agent');
  else deps.logger.info(log, settled.changed ? 'payment settled' : 'payment notification already applied');
  return { id: settled.id, status: settled.status };
}
