import type { adminPayments } from '@foyer/sdk/contract';
import type { Db } from '../../db/database.js';
import type { AppDeps } from '../../deps.js';
import { transition } from '../../domain/index.js';
import { ApiError, notFound } from '../../lib/api-error.js';
import { audit } from '../../lib/audit.js';
import { releaseHolds } from '../payments/release-holds.js';

type AdminPayment = adminPayments.AdminPayment;
type PaymentStatus = AdminPayment['status'];

function paymentsQuery(db: Db, collectivityId: string) {
  return db
    .selectFrom('payments as p')
    .innerJoin('households as h', (j) =>
      j.onRef('h.collectivity_id', '=', 'p.collectivity_id').onRef('h.id', '=', 'p.household_id'),
    )
    .leftJoin('invoices as i', (j) => j.onRef('i.collectivity_id', '=', 'p.collectivity_id').onRef('i.id', '=', 'p.invoice_id'))
    .select([
      'p.id',
      'p.status',
      'p.household_id',
      'h.name as household_name',
      'p.provider',
      'p.provider_ref',
      'p.purpose',
      'p.invoice_id',
      'i.number as invoice_number',
      'p.amount_cents',
      'p.confirmed_cents',
      'p.held_reason',
      'p.resolution',
      'p.resolution_reason',
      'p.created_at',
      'p.updated_at',
    ])
    .where('p.collectivity_id', '=', collectivityId);
}

type Row = Awaited<ReturnType<ReturnType<typeof paymentsQuery>['executeTakeFirstOrThrow']>>;

function toAdminPayment(row: Row): AdminPayment {
  return {
    id: row.id,
    status: row.status,
    householdId: row.household_id,
    householdName: row.household_name,
    provider: row.provider,
    providerRef: row.provider_ref,
    purpose: row.purpose,
    invoiceId: row.invoice_id,
    invoiceNumber: row.invoice_number,
    amountCents: row.amount_cents,
    confirmedCents: row.confirmed_cents,
    heldReason: row.held_reason,
    resolution: row.resolution,
    resolutionReason: row.resolution_reason,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** The collectivity's payments of one status (`held` by default), those waiting longest first. */
export async function listPayments(db: Db, collectivityId: string, status: PaymentStatus = 'held'): Promise<AdminPayment[]> {
  const rows = await paymentsQuery(db, collectivityId)
    .where('p.status', '=', status)
    .orderBy('p.updated_at')
    .orderBy('p.id')
    .limit(1000)
    .execute();
  return rows.map(toAdminPayment);
}

/**
 * An agent's decision on a held payment, in one transaction with the payment locked, audited.
 * `accept`: the money counts as paid; the invoice it pays is settled, or the days it held (still
 * held) are booked. `refuse`: the payment is closed (the régie gives the money back outside
 * Foyer) and the days it still held go to the waiting lists. A payment not held → 409 `conflict`.
 */
export async function resolvePayment(
  deps: AppDeps,
  collectivityId: string,
  agentId: string,
  paymentId: string,
  input: adminPayments.ResolvePaymentInput,
): Promise<AdminPayment> {
  await deps.db.transaction().execute(async (trx) => {
    const payment = await trx
      .selectFrom('payments')
      .select(['id', 'status', 'purpose', 'invoice_id', 'amount_cents', 'confirmed_cents', 'held_reason'])
      .where('collectivity_id', '=', collectivityId)
      .where('id', '=', paymentId)
      .forUpdate()
      .executeTakeFirst();
    if (!payment) throw notFound('payment');
    if (payment.status !== 'held') {
      throw new ApiError(409, 'conflict', {
        fr: 'Ce paiement n’attend pas de décision : il a déjà été traité.',
        en: 'This payment is not waiting for a decision: it has already been dealt with.',
      });
    }
    const now = deps.clock.now();
    const accept = input.decision === 'accept';
    const bookings = trx
      .selectFrom('bookings')
      .select('id')
      .where('collectivity_id', '=', collectivityId)
      .where('payment_id', '=', payment.id)
      .where('status', '=', 'pending_payment');
    if (accept && payment.purpose === 'invoice' && payment.invoice_id) {
      await trx
        .updateTable('invoices')
        .set({ status: 'paid', paid_at: now })
        .where('collectivity_id', '=', collectivityId)
        .where('id', '=', payment.invoice_id)
        .where('status', '=', 'issued')
        .execute();
    } else if (accept) {
      const held = (await bookings.execute()).map((b) => b.id);
      if (held.length > 0) {
        await trx
          .updateTable('bookings')
          .set({ status: transition('pending_payment', 'booked'), hold_expires_at: null, updated_at: now })
          .where('collectivity_id', '=', collectivityId)
          .where('id', 'in', held)
          .execute();
      }
    } else {
      await releaseHolds(
        deps,
        trx,
        collectivityId,
        (await bookings.execute()).map((b) => b.id),
        'refused',
      );
    }
    await trx
      .updateTable('payments')
      .set({
        status: accept ? 'paid' : 'refused',
        resolution: accept ? 'accepted' : 'refused',
        resolution_reason: input.reason,
        resolved_by: agentId,
        resolved_at: now,
        updated_at: now,
      })
      .where('collectivity_id', '=', collectivityId)
      .where('id', '=', payment.id)
      .execute();
    await audit(trx, {
      collectivityId,
      actorAccountId: agentId,
      action: accept ? 'payment.accept' : 'payment.refuse',
      objectType: 'payment',
      objectId: payment.id,
      details: {
        reason: input.reason,
        heldReason: payment.held_reason,
        amountCents: payment.amount_cents,
        confirmedCents: payment.confirmed_cents,
      },
      at: now,
    });
  });
  return toAdminPayment(await paymentsQuery(deps.db, collectivityId).where('p.id', '=', paymentId).executeTakeFirstOrThrow());
}
