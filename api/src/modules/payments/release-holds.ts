import type { Db } from '../../db/database.js';
import type { AppDeps } from '../../deps.js';
import { transition } from '../../domain/index.js';
import type { CollectivityContext } from '../../lib/app-env.js';
import { loadActivityRules } from '../bookings/activity-rules.js';
import { lockActivityDays, placeKey } from '../bookings/capacity.js';
import { promoteWaitlist } from '../bookings/waitlist.js';
import { findCollectivityContext } from '../collectivities/collectivity-context.js';

/** A collectivity's rules context, for work that has no `:c` in a path (notifications, the sweeper). */
export async function loadCollectivityContext(db: Db, collectivityId: string): Promise<CollectivityContext> {
  const context = await findCollectivityContext(db, { id: collectivityId });
  if (!context) throw new Error(`collectivity ${collectivityId} not found`);
  return context;
}

/**
 * Ends payment holds that will not be paid (`refused` by the payer, or `expired`) and gives
 * the freed places to the waiting lists, in the caller's transaction. Only bookings still
 * `pending_payment` change, so running it twice frees nothing twice. The activity-days are
 * locked before the bookings are written, in the order every writer of places uses.
 */
export async function releaseHolds(
  deps: AppDeps,
  trx: Db,
  collectivityId: string,
  bookingIds: readonly string[],
  status: 'refused' | 'expired',
): Promise<number> {
  if (bookingIds.length === 0) return 0;
  const held = await trx
    .selectFrom('bookings')
    .select(['activity_id', 'date'])
    .where('collectivity_id', '=', collectivityId)
    .where('id', 'in', [...bookingIds])
    .where('status', '=', 'pending_payment')
    .execute();
  if (held.length === 0) return 0;
  await lockActivityDays(
    trx,
    collectivityId,
    held.map((b) => placeKey(b.activity_id, b.date)),
  );
  const now = deps.clock.now();
  const released = await trx
    .updateTable('bookings')
    .set({ status: transition('pending_payment', status), hold_expires_at: null, updated_at: now })
    .where('collectivity_id', '=', collectivityId)
    .where('id', 'in', [...bookingIds])
    .where('status', '=', 'pending_payment')
    .returning(['activity_id', 'date'])
    .execute();
  const days = new Map(released.map((b) => [placeKey(b.activity_id, b.date), b]));
  const rules = await loadActivityRules(trx, await loadCollectivityContext(trx, collectivityId), [
    ...new Set(released.map((b) => b.activity_id)),
  ]);
  for (const { activity_id, date } of days.values()) {
    const activity = rules.get(activity_id);
    if (activity) await promoteWaitlist(deps, trx, collectivityId, activity, date);
  }
  return released.length;
}
