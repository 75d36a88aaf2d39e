import type { AppDeps } from '../../../deps.js';
import { type PeriodicWorker, startPeriodicWorker } from '../../../lib/periodic-worker.js';
import { settlePayment } from '../settle-payment.js';
import { PayfipUnavailable } from './payfip-client.js';
import { PayfipPaymentProvider } from './payfip-provider.js';

/** An idOp lives 15 minutes: past 20, its result is known or never will be. */
const SETTLED_AFTER_MS = 20 * 60_000;
/** PayFiP forgets operations after a day (P1): asking later is useless. */
const FORGOTTEN_AFTER_MS = 24 * 60 * 60_000;
/** How often one operation is asked about again, as PayFiP's guide asks integrators to space lookups. */
const ASK_AGAIN_AFTER_MS = 30 * 60_000;

/**
 * Asks PayFiP about operations whose notification never came (PayFiP could not reach Foyer, or
 * Foyer could not reach PayFiP's lookup then), and settles what its lookup confirms, by the same
 * rule as a notification: a payment paid while its places were held is booked, one paid after
 * its deadline is held for an agent. Returns how many operations PayFiP confirmed.
 */
export async function reconcilePayfip(deps: AppDeps, batch = 50): Promise<number> {
  const payfip = deps.payments.get('payfip');
  if (!(payfip instanceof PayfipPaymentProvider)) return 0;
  const now = deps.clock.now().getTime();
  const operations = await deps.db
    .selectFrom('payfip_operations as o')
    .innerJoin('payments as p', (j) => j.onRef('p.collectivity_id', '=', 'o.collectivity_id').onRef('p.id', '=', 'o.payment_id'))
    .select(['o.id_op'])
    .where('o.confirmed_at', 'is', null)
    .where('o.created_at', '<=', new Date(now - SETTLED_AFTER_MS))
    .where('o.created_at', '>', new Date(now - FORGOTTEN_AFTER_MS))
    .where((eb) =>
      eb.or([eb('o.last_checked_at', 'is', null), eb('o.last_checked_at', '<=', new Date(now - ASK_AGAIN_AFTER_MS))]),
    )
    .where('p.status', 'in', ['pending', 'expired'])
    .orderBy('o.created_at')
    .limit(batch)
    .execute();
  let confirmed = 0;
  for (const { id_op } of operations) {
    try {
      const notice = await payfip.confirmOperation(id_op);
      if (!notice) continue;
      await settlePayment(deps, payfip, notice);
      confirmed += 1;
    } catch (error) {
      if (!(error instanceof PayfipUnavailable)) throw error;
      deps.logger.warn({ err: error }, 'PayFiP unreachable: lost notifications are asked again later');
      break;
    }
  }
  if (confirmed > 0) deps.logger.info({ operations: confirmed }, 'PayFiP operations confirmed by lookup');
  return confirmed;
}

/** Runs `reconcilePayfip` every `intervalMs` until stopped. */
export function startPayfipReconciler(deps: AppDeps, intervalMs = 5 * 60_000): PeriodicWorker {
  return startPeriodicWorker('PayFiP reconciler', deps.logger, intervalMs, () => reconcilePayfip(deps));
}
