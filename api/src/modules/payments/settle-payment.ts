import type { payments } from '@foyer/sdk/contract';
import type { AppDeps, PaymentProvider } from '../../deps.js';
import { transition } from '../../domain/index.js';
import { ApiError, notFound } from '../../lib/api-error.js';
import { markInvoicePaid } from '../invoices/mark-invoice-paid.js';
import { releaseHolds } from './release-holds.js';

type PaymentStatus = payments.NotificationReceipt['status'];

/** What a verified notification says. */
export interface PaymentNotice {
  providerRef: string;
  outcome: 'paid' | 'refused';
}

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
 * Applies a verified notification in ONE transaction, with the payment row locked. A payment
 * reaches a final status once: the same notification received again (providers retry) finds
 * it final and changes nothing.
 *
 * - `paid` while pending: the payment is paid and its held bookings are booked; an invoice's
 *   payment (`purpose='invoice'`) marks the invoice paid.
 * - `refused` while pending: the held bookings are refused and their places go to the waiting lists.
 * - `paid` after the payment expired (the places may be gone): the money is refunded and the
 *   bookings stay expired. A pending payment past its deadline is expired first, as the
 *   sweeper would have done, so the outcome does not depend on when the sweeper ran.
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

    let status: PaymentStatus;
    if (payment.status === 'pending' && notice.outcome === 'refused') {
      await releaseHolds(deps, trx, cid, await heldBookings(), 'refused');
      status = 'refused';
    } else if (payment.status === 'pending' && new Date(payment.expires_at) > now) {
      await trx
        .updateTable('bookings')
        .set({ status: transition('pending_payment', 'booked'), hold_expires_at: null, updated_at: now })
        .where('collectivity_id', '=', cid)
        .where('payment_id', '=', payment.id)
        .where('status', '=', 'pending_payment')
        .execute();
      if (payment.purpose === 'invoice' && payment.invoice_id) await markInvoicePaid(trx, cid, payment.invoice_id, now);
      status = 'paid';
    } else if (notice.outcome === 'paid' && (payment.status === 'pending' || payment.status === 'expired')) {
      // Paid too late: the places may be gone, so the money goes back.
      if (payment.status === 'pending') await releaseHolds(deps, trx, cid, await heldBookings(), 'expired');
      // Inside the transaction: if the refund fails, nothing is recorded and the provider's retry tries again.
      await provider.refund({ providerRef: notice.providerRef, amountCents: payment.amount_cents });
      status = 'refunded';
    } else {
      return { id: payment.id, status: payment.status, changed: false };
    }
    await trx
      .updateTable('payments')
      // `paid_at` is when the money arrived, refunded or not.
      .set({ status, updated_at: now, ...(status === 'refused' ? {} : { paid_at: now }) })
      .where('collectivity_id', '=', cid)
      .where('id', '=', payment.id)
      .execute();
    return { id: payment.id, status, changed: true };
  });
  deps.logger.info(
    { provider: provider.name, paymentId: settled.id, outcome: notice.outcome, status: settled.status },
    settled.changed ? 'payment settled' : 'payment notification already applied',
  );
  return { id: settled.id, status: settled.status };
}
