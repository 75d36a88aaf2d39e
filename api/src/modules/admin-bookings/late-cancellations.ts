import type { adminBookings, EndpointInput, EndpointOutput } from '@foyer/sdk/contract';
import type { Db } from '../../db/database.js';
import type { AppDeps } from '../../deps.js';
import { localDateOf, transition } from '../../domain/index.js';
import { ApiError, notFound } from '../../lib/api-error.js';
import type { CollectivityContext } from '../../lib/app-env.js';
import { loadActivityRules } from '../bookings/activity-rules.js';
import { lockActivityDays, placeKey } from '../bookings/capacity.js';
import { promoteWaitlist } from '../bookings/waitlist.js';
import { guardianEmails } from '../households/guardian-emails.js';
import { issueBookingCreditNote } from '../invoices/credit-notes.js';
import { enqueueEmail } from '../mail/outbox.js';
import { lateCancellationDecisionEmail } from './decision-email.js';

type LateCancellations = EndpointOutput<typeof adminBookings.listLateCancellations>;
type Filters = EndpointInput<typeof adminBookings.listLateCancellations>['query'];
type Decision = EndpointInput<typeof adminBookings.decideLateCancellation>['body'];
type DecisionResult = EndpointOutput<typeof adminBookings.decideLateCancellation>;

/** The late cancellations and late-reported absences waiting for an agent, oldest request first. */
export async function listLateCancellations(db: Db, collectivityId: string, filters: Filters): Promise<LateCancellations> {
  let query = db
    .selectFrom('bookings as b')
    .innerJoin('children as ch', (j) => j.onRef('ch.collectivity_id', '=', 'b.collectivity_id').onRef('ch.id', '=', 'b.child_id'))
    .innerJoin('households as h', (j) =>
      j.onRef('h.collectivity_id', '=', 'b.collectivity_id').onRef('h.id', '=', 'b.household_id'),
    )
    .innerJoin('activities as a', (j) =>
      j.onRef('a.collectivity_id', '=', 'b.collectivity_id').onRef('a.id', '=', 'b.activity_id'),
    )
    .select([
      'b.id',
      'b.date',
      'b.price_cents',
      'b.cancel_reason',
      'b.absence_reason',
      'b.updated_at',
      'ch.id as child_id',
      'ch.first_name',
      'ch.last_name',
      'h.id as household_id',
      'h.name as household_name',
      'a.id as activity_id',
      'a.code as activity_code',
      'a.name as activity_name',
      'a.payment_mode',
    ])
    .where('b.collectivity_id', '=', collectivityId)
    .where('b.status', '=', 'cancel_requested');
  if (filters.from) query = query.where('b.date', '>=', filters.from);
  if (filters.to) query = query.where('b.date', '<=', filters.to);
  if (filters.activity) query = query.where('b.activity_id', '=', filters.activity);
  const rows = await query.orderBy('b.updated_at').orderBy('b.id').execute();
  return {
    lateCancellations: rows.map((row) => ({
      bookingId: row.id,
      date: row.date,
      child: { id: row.child_id, firstName: row.first_name, lastName: row.last_name },
      household: { id: row.household_id, name: row.household_name },
      activity: { id: row.activity_id, code: row.activity_code, name: row.activity_name, paymentMode: row.payment_mode },
      priceCents: row.price_cents,
      reason: row.cancel_reason ?? row.absence_reason,
      requestedAt: new Date(row.updated_at).toISOString(),
    })),
  };
}

/**
 * Accepts or rejects a late cancellation, with all its effects in one transaction: the
 * booking's status, the credit note of a refund, the waiting list's promotion into the freed
 * place, the audit row and the families' emails (through the outbox). The booking row is locked
 * and its status checked again, so of two agents deciding at once one wins and the other gets
 * 409.
 */
export async function decideLateCancellation(
  deps: AppDeps,
  input: { collectivity: CollectivityContext; agentAccountId: string; bookingId: string; decision: Decision },
): Promise<DecisionResult> {
  const { collectivity, agentAccountId, bookingId, decision } = input;
  const cid = collectivity.id;
  return deps.db.transaction().execute(async (trx) => {
    const cell = await trx
      .selectFrom('bookings')
      .select(['activity_id', 'date'])
      .where('collectivity_id', '=', cid)
      .where('id', '=', bookingId)
      .executeTakeFirst();
    if (!cell) throw notFound('booking');
    const rules = (await loadActivityRules(trx, collectivity, [cell.activity_id])).get(cell.activity_id);
    // Activity-day lock before the row lock, in the order checkout takes them: no deadlock cycle.
    if (rules?.capacity != null) await lockActivityDays(trx, cid, [placeKey(cell.activity_id, cell.date)]);
    const booking = await trx
      .selectFrom('bookings')
      .select(['id', 'status', 'household_id', 'child_id', 'activity_id', 'date', 'price_cents'])
      .where('collectivity_id', '=', cid)
      .where('id', '=', bookingId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (booking.status !== 'cancel_requested') {
      throw new ApiError(
        409,
        'conflict',
        `This booking has no late cancellation waiting for a decision (it is ${booking.status}).`,
      );
    }
    const about = await trx
      .selectFrom('children as ch')
      .innerJoin('activities as a', (j) => j.onRef('a.collectivity_id', '=', 'ch.collectivity_id'))
      .select(['ch.first_name', 'a.name as activity_name'])
      .where('ch.collectivity_id', '=', cid)
      .where('ch.id', '=', booking.child_id)
      .where('a.id', '=', booking.activity_id)
      .executeTakeFirstOrThrow();

    const now = deps.clock.now();
    const today = localDateOf(now, collectivity.timeZone);
    const accepted = decision.decision === 'accept';
    const status = accepted ? 'cancelled' : 'booked';
    await trx
      .updateTable('bookings')
      .set({ status: transition(booking.status, status), decided_by: agentAccountId, updated_at: now })
      .where('collectivity_id', '=', cid)
      .where('id', '=', booking.id)
      .execute();

    let creditNote: { id: string; number: string; totalCents: number } | null = null;
    let promoted: string[] = [];
    if (accepted) {
      if (decision.refund && booking.price_cents > 0) {
        creditNote = await issueBookingCreditNote(trx, {
          collectivityId: cid,
          householdId: booking.household_id,
          bookingId: booking.id,
          date: booking.date,
          amountCents: booking.price_cents,
          label: `Annulation ${about.activity_name} du ${booking.date} — ${about.first_name}`,
          year: today.slice(0, 4),
          now,
        });
      }
      // A day gone by frees nothing anyone could still use.
      if (rules && booking.date >= today) promoted = await promoteWaitlist(deps, trx, cid, rules, booking.date);
    }

    const audit = await trx
      .insertInto('audit_log')
      .values({
        collectivity_id: cid,
        actor_account_id: agentAccountId,
        at: now,
        action: accepted ? 'late_cancellation.accepted' : 'late_cancellation.rejected',
        object_type: 'booking',
        object_id: booking.id,
        details: JSON.stringify({
          refund: accepted ? decision.refund : false,
          reason: decision.reason ?? null,
          creditNoteId: creditNote?.id ?? null,
          creditNoteNumber: creditNote?.number ?? null,
          promotedBookingIds: promoted,
        }),
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    for (const email of await guardianEmails(trx, cid, booking.household_id)) {
      await enqueueEmail(
        trx,
        lateCancellationDecisionEmail({
          to: email,
          collectivityName: collectivity.name,
          childFirstName: about.first_name,
          activityName: about.activity_name,
          date: booking.date,
          accepted,
          creditNote,
          reason: decision.reason ?? null,
        }),
        // One email per decision and address, even if the outbox is drained twice.
        { now, collectivityId: cid, dedupeKey: `late-cancellation:${audit.id}:${email}` },
      );
    }
    return { bookingId: booking.id, status, creditNoteId: creditNote?.id ?? null };
  });
}
