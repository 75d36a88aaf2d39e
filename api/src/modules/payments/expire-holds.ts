import type { AppDeps } from '../../deps.js';
import { type PeriodicWorker, startPeriodicWorker } from '../../lib/periodic-worker.js';
import { lockActivityDays, placeKey } from '../bookings/capacity.js';
import { releaseHolds } from './release-holds.js';

interface DueHold {
  collectivity_id: string;
  id: string;
  payment_id: string | null;
  activity_id: string;
  date: string;
}

/**
 * Ends up to `batch` unpaid holds: `pending_payment` bookings whose hold has run out, or whose
 * payment's deadline has, become `expired` with their pending payments, and each freed
 * activity-day goes to its waiting list (in each collectivity, by its rules). Returns how many
 * bookings expired.
 *
 * Safe with several workers: rows are taken with `FOR UPDATE SKIP LOCKED`, and a payment being
 * settled at that moment (its row locked by a notification) is left to the next round. Locks
 * are taken activity-days first, then rows, the order of the checkout, so neither can wait on
 * the other in a cycle.
 */
export async function expireHolds(deps: AppDeps, batch = 100): Promise<number> {
  const now = deps.clock.now();
  const due: DueHold[] = await deps.db
    .selectFrom('bookings as b')
    .leftJoin('payments as p', (j) => j.onRef('p.collectivity_id', '=', 'b.collectivity_id').onRef('p.id', '=', 'b.payment_id'))
    .select(['b.collectivity_id', 'b.id', 'b.payment_id', 'b.activity_id', 'b.date'])
    .where('b.status', '=', 'pending_payment')
    .where((eb) => eb.or([eb('b.hold_expires_at', '<=', now), eb('p.expires_at', '<=', now)]))
    .orderBy('b.hold_expires_at')
    .limit(batch)
    .execute();
  // Payments past their deadline whose holds are already gone (a checkout closed them) only change status.
  const bare = await deps.db
    .selectFrom('payments as p')
    .select(['p.collectivity_id', 'p.id'])
    .where('p.status', '=', 'pending')
    .where('p.expires_at', '<=', now)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('bookings as b')
            .select('b.id')
            .whereRef('b.collectivity_id', '=', 'p.collectivity_id')
            .whereRef('b.payment_id', '=', 'p.id')
            .where('b.status', '=', 'pending_payment'),
        ),
      ),
    )
    .limit(batch)
    .execute();

  const byCollectivity = new Map<string, { holds: DueHold[]; paymentIds: Set<string> }>();
  const group = (cid: string) => {
    const found = byCollectivity.get(cid) ?? { holds: [], paymentIds: new Set<string>() };
    byCollectivity.set(cid, found);
    return found;
  };
  for (const hold of due) {
    const g = group(hold.collectivity_id);
    g.holds.push(hold);
    if (hold.payment_id) g.paymentIds.add(hold.payment_id);
  }
  for (const payment of bare) group(payment.collectivity_id).paymentIds.add(payment.id);

  let expired = 0;
  for (const [cid, { holds, paymentIds }] of byCollectivity) {
    expired += await deps.db.transaction().execute(async (trx) => {
      await lockActivityDays(
        trx,
        cid,
        holds.map((h) => placeKey(h.activity_id, h.date)),
      );
      const payments =
        paymentIds.size === 0
          ? []
          : await trx
              .selectFrom('payments')
              .select(['id', 'status', 'expires_at'])
              .where('collectivity_id', '=', cid)
              .where('id', 'in', [...paymentIds])
              .forUpdate()
              .skipLocked()
              .execute();
      const ours = new Map(payments.map((p) => [p.id, p]));
      const payable = holds.filter((h) => h.payment_id === null || ours.has(h.payment_id));
      const locked =
        payable.length === 0
          ? []
          : await trx
              .selectFrom('bookings')
              .select(['id', 'payment_id', 'hold_expires_at'])
              .where('collectivity_id', '=', cid)
              .where(
                'id',
                'in',
                payable.map((h) => h.id),
              )
              .where('status', '=', 'pending_payment')
              .forUpdate()
              .skipLocked()
              .execute();
      // Checked again under the locks: a notification may have settled them since the first look.
      const lapsed = (at: Date | null | undefined) => at != null && new Date(at) <= now;
      const ending = locked.filter(
        (b) => lapsed(b.hold_expires_at) || (b.payment_id !== null && lapsed(ours.get(b.payment_id)?.expires_at)),
      );
      const endingPayments = payments.filter(
        (p) => p.status === 'pending' && (lapsed(p.expires_at) || ending.some((b) => b.payment_id === p.id)),
      );
      if (endingPayments.length > 0) {
        await trx
          .updateTable('payments')
          .set({ status: 'expired', updated_at: now })
          .where('collectivity_id', '=', cid)
          .where(
            'id',
            'in',
            endingPayments.map((p) => p.id),
          )
          .where('status', '=', 'pending')
          .execute();
      }
      return releaseHolds(
        deps,
        trx,
        cid,
        ending.map((b) => b.id),
        'expired',
      );
    });
  }
  if (expired > 0) deps.logger.info({ bookings: expired }, 'unpaid holds expired');
  return expired;
}

/**
 * Runs `expireHolds` every `intervalMs` until stopped, beside the outbox worker; stop() waits
 * for the current round.
 */
export function startHoldSweeper(deps: AppDeps, intervalMs = 15_000): PeriodicWorker {
  return startPeriodicWorker('hold sweeper', deps.logger, intervalMs, () => expireHolds(deps));
}
