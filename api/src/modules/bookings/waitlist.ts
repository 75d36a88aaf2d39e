import type { Db } from '../../db/database.js';
import type { AppDeps } from '../../deps.js';
import { type BookingRules, transition } from '../../domain/index.js';
import { frenchDate } from '../../lib/french-date.js';
import { guardianEmails } from '../households/guardian-emails.js';
import { enqueueEmail } from '../mail/outbox.js';
import { unstartedPayment } from '../payments/create-payment.js';
import { lockActivityDays, placeKey, placesTaken } from './capacity.js';
import { promotionPaymentLink } from './promotion-payment-link.js';

/** How long a family promoted from the waiting list has to pay a prepaid day. */
const PROMOTION_HOLD_HOURS = 24;

/**
 * Gives the free places of an activity-day to its waiting list, first come first served (by
 * checkout instant). Runs in the transaction that freed the place; the families are told
 * through the outbox, so the email leaves only if the promotion commits. A prepaid day's payment
 * is written unstarted: the payment provider is never asked under the activity-day lock, but
 * when the family follows the email's link (promotion-payment-link.ts).
 */
export async function promoteWaitlist(
  deps: AppDeps,
  trx: Db,
  collectivityId: string,
  rules: BookingRules,
  date: string,
): Promise<string[]> {
  if (rules.capacity === null) return [];
  await lockActivityDays(trx, collectivityId, [placeKey(rules.id, date)]);
  const now = deps.clock.now();
  const taken = (await placesTaken(trx, collectivityId, [rules.id], date, date, now)).get(placeKey(rules.id, date)) ?? 0;
  const free = rules.capacity - taken;
  if (free <= 0) return [];
  const waiting = await trx
    .selectFrom('bookings as b')
    .innerJoin('children as ch', (j) => j.onRef('ch.collectivity_id', '=', 'b.collectivity_id').onRef('ch.id', '=', 'b.child_id'))
    .select(['b.id', 'b.household_id', 'b.price_cents', 'ch.first_name'])
    .where('b.collectivity_id', '=', collectivityId)
    .where('b.activity_id', '=', rules.id)
    .where('b.date', '=', date)
    .where('b.status', '=', 'waitlisted')
    .orderBy('b.waitlisted_at')
    .orderBy('b.id')
    .limit(free)
    .execute();
  for (const entry of waiting)
    await promoteEntry(deps, trx, collectivityId, rules, { ...entry, date }, { now, agentAccountId: null });
  return waiting.map((w) => w.id);
}

/** A waiting family, as `promoteEntry` needs it. */
export interface WaitingEntry {
  id: string;
  household_id: string;
  price_cents: number;
  first_name: string;
  date: string;
}

/**
 * Moves one family from the waiting list into a place and tells them, recording when and by
 * whom (`agentAccountId` null: given automatically, first come first served). The caller holds
 * the activity-day's lock and has decided that the family gets the place.
 */
export async function promoteEntry(
  deps: AppDeps,
  trx: Db,
  collectivityId: string,
  rules: BookingRules,
  entry: WaitingEntry,
  by: { now: Date; agentAccountId: string | null },
): Promise<void> {
  const link = await promote(deps, trx, collectivityId, rules, entry, by);
  const portal = await trx
    .selectFrom('collectivities')
    .select(['name', 'portal_url'])
    .where('id', '=', collectivityId)
    .executeTakeFirstOrThrow();
  const when = frenchDate(entry.date, { year: false });
  for (const email of await guardianEmails(trx, collectivityId, entry.household_id)) {
    await enqueueEmail(
      trx,
      {
        to: email,
        subject: `${portal.name} — Une place s'est libérée pour ${entry.first_name}`,
        text: [
          'Bonjour,',
          '',
          `Une place s'est libérée : ${entry.first_name} passe de la liste d'attente à ${rules.name} le ${when}.`,
          link
            ? `Pour confirmer la réservation, réglez-la dans les ${PROMOTION_HOLD_HOURS} heures : ${link}`
            : 'La réservation est confirmée et sera facturée en fin de mois.',
          '',
          `— ${portal.name}`,
        ].join('\n'),
      },
      { now: by.now, collectivityId, dedupeKey: `waitlist-promotion:${entry.id}:${email}` },
    );
  }
}

/**
 * Moves one family from the waiting list into the place: booked at once for a postpaid day
 * (no link), or held with an unstarted payment for a prepaid one (the link that starts it).
 */
async function promote(
  deps: AppDeps,
  trx: Db,
  collectivityId: string,
  rules: BookingRules,
  entry: { id: string; household_id: string; price_cents: number },
  by: { now: Date; agentAccountId: string | null },
): Promise<string | null> {
  const { now } = by;
  const promoted = { promoted_at: now, promoted_by: by.agentAccountId, updated_at: now };
  if (rules.paymentMode !== 'prepaid') {
    await trx
      .updateTable('bookings')
      .set({ status: transition('waitlisted', 'booked'), ...promoted })
      .where('collectivity_id', '=', collectivityId)
      .where('id', '=', entry.id)
      .where('status', '=', 'waitlisted')
      .execute();
    return null;
  }
  const holdUntil = new Date(now.getTime() + PROMOTION_HOLD_HOURS * 3600_000);
  const payment = unstartedPayment(deps, {
    collectivityId,
    householdId: entry.household_id,
    amountCents: entry.price_cents,
    expiresAt: holdUntil,
  });
  await trx.insertInto('payments').values(payment).execute();
  await trx
    .updateTable('bookings')
    .set({
      status: transition('waitlisted', 'pending_payment'),
      hold_expires_at: holdUntil,
      payment_id: payment.id as string,
      ...promoted,
    })
    .where('collectivity_id', '=', collectivityId)
    .where('id', '=', entry.id)
    .where('status', '=', 'waitlisted')
    .execute();
  return promotionPaymentLink(deps, collectivityId, payment.id as string);
}
