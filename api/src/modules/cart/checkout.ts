import { createHash } from 'node:crypto';
import type { cart } from '@foyer/sdk/contract';
import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { BookingStatus, BookingsTable } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { localDateOf } from '../../domain/index.js';
import { ApiError } from '../../lib/api-error.js';
import type { CollectivityContext } from '../../lib/app-env.js';
import { type ActivityRules, dayPrice, judgeDay, sessionOf } from '../bookings/activity-rules.js';
import { LIVE_STATUSES, lockActivityDays, placeKey, placesTaken } from '../bookings/capacity.js';
import { rulesSnapshot } from '../bookings/rules-cache.js';
import { promoteWaitlist } from '../bookings/waitlist.js';
import { issueBookingCreditNote } from '../invoices/credit-notes.js';
import { createPayment } from '../payments/create-payment.js';
import type { HouseholdScope } from './cart-view.js';

type CheckoutResult = cart.Checkout;
type LineResult = CheckoutResult['lines'][number];

export interface CheckoutInput {
  scope: HouseholdScope & { accountId: string };
  collectivity: CollectivityContext;
  idempotencyKey: string;
  returnUrl: string | undefined;
}

const KEY_HOURS = 24;

interface CartLineRow {
  id: string;
  child_id: string;
  activity_id: string;
  date: string;
  action: 'book' | 'cancel';
  reason: string | null;
}

/** What identifies "the same checkout": the lines it was asked for. */
function fingerprint(lines: CartLineRow[]): string {
  const canonical = lines.map((l) => `${l.child_id}|${l.activity_id}|${l.date}|${l.action}`).sort();
  return createHash('sha256').update(canonical.join('\n')).digest('hex');
}

/**
 * Validates the cart: every line is checked again (enrolment, opening day, deadline, capacity)
 * and applied in ONE transaction, with an outcome per line. The idempotency key is stored in
 * the same transaction with the answer: a replay returns that answer and changes nothing, and
 * a crash leaves neither the key nor any booking behind, so the retry starts afresh.
 */
export async function checkout(deps: AppDeps, input: CheckoutInput): Promise<CheckoutResult> {
  const { scope, idempotencyKey } = input;
  return deps.db.transaction().execute(async (trx) => {
    // One checkout at a time per household: the cart row is the household's lock.
    const cartRow = await trx
      .selectFrom('carts')
      .select('id')
      .where('collectivity_id', '=', scope.collectivityId)
      .where('household_id', '=', scope.householdId)
      .forUpdate()
      .executeTakeFirst();
    const [lines, previous] = await Promise.all([
      cartRow
        ? trx
            .selectFrom('cart_lines')
            .select(['id', 'child_id', 'activity_id', 'date', 'action', 'reason'])
            .where('collectivity_id', '=', scope.collectivityId)
            .where('cart_id', '=', cartRow.id)
            .orderBy('date')
            .orderBy('child_id')
            .orderBy('activity_id')
            .execute()
        : Promise.resolve([] as CartLineRow[]),
      trx
        .selectFrom('idempotency_keys')
        .select(['request_hash', 'response_body'])
        .where('collectivity_id', '=', scope.collectivityId)
        .where('account_id', '=', scope.accountId)
        .where('key', '=', idempotencyKey)
        .executeTakeFirst(),
    ]);
    const hash = fingerprint(lines);
    if (previous) {
      // After a checkout the cart is empty: a retry then is the same request.
      if (previous.request_hash !== hash && lines.length > 0) {
        throw new ApiError(422, 'idempotency_key_mismatch', 'This Idempotency-Key was used for another cart: use a new key.');
      }
      return previous.response_body as CheckoutResult;
    }
    if (!cartRow || lines.length === 0) throw new ApiError(422, 'cart_empty', 'The cart is empty: add days before validating.');

    const result = await applyLines(deps, trx, input, lines);

    await Promise.all([
      trx
        .deleteFrom('cart_lines')
        .where('collectivity_id', '=', scope.collectivityId)
        .where('cart_id', '=', cartRow.id)
        .execute(),
      trx
        .insertInto('idempotency_keys')
        .values({
          collectivity_id: scope.collectivityId,
          account_id: scope.accountId,
          key: idempotencyKey,
          request_hash: hash,
          response_status: 200,
          response_body: JSON.stringify(result),
          expires_at: new Date(deps.clock.now().getTime() + KEY_HOURS * 3600_000),
        })
        .execute(),
    ]);
    return result;
  });
}

async function applyLines(deps: AppDeps, trx: Db, input: CheckoutInput, lines: CartLineRow[]): Promise<CheckoutResult> {
  const { scope, collectivity } = input;
  const cid = scope.collectivityId;
  const now = deps.clock.now();
  const today = localDateOf(now, collectivity.timeZone);
  const dates = lines.map((l) => l.date);
  const first = dates.reduce((a, b) => (a < b ? a : b));
  const last = dates.reduce((a, b) => (a > b ? a : b));
  const childIds = [...new Set(lines.map((l) => l.child_id))];
  const activityIds = [...new Set(lines.map((l) => l.activity_id))];

  // Reads that need no lock, sent together (pipelined on the transaction's connection).
  const [rules, household, snapshot, enrolments] = await Promise.all([
    // Rules may be a few seconds old (config.cacheSeconds): a change of rules applies within that.
    rulesSnapshot(deps, collectivity, trx).then((snapshot) => snapshot.rules),
    trx
      .selectFrom('households')
      .select(['family_quotient', 'resident'])
      .where('collectivity_id', '=', cid)
      .where('id', '=', scope.householdId)
      .executeTakeFirstOrThrow(),
    placesTaken(trx, cid, activityIds, first, last, now),
    trx
      .selectFrom('enrolments')
      .select(['child_id', 'activity_id', 'from_date', 'to_date'])
      .where('collectivity_id', '=', cid)
      .where('child_id', 'in', childIds)
      .where('ended_at', 'is', null)
      .execute(),
  ]);
  const pricing = { familyQuotient: household.family_quotient, resident: household.resident };

  // Lock the activity-days this checkout may take or free a place on, in a fixed order. A day
  // already full before any lock stays full until someone frees a place, and freeing takes the
  // lock and promotes the waiting list: booking onto the list of a full day needs no lock, so
  // at a registration rush only the checkouts that can still win a place wait for each other.
  const mustLock = lines
    .filter((l) => {
      const capacity = rules.get(l.activity_id)?.capacity;
      if (capacity == null) return false;
      return l.action === 'cancel' || (snapshot.get(placeKey(l.activity_id, l.date)) ?? 0) < capacity;
    })
    .map((l) => placeKey(l.activity_id, l.date));
  await lockActivityDays(trx, cid, mustLock);
  const locked = new Set(mustLock);

  // Live bookings of these children, over the sessions too (for the per-session cap).
  const sessionBounds = [...rules.values()].flatMap((r) => r.sessions.filter((s) => s.to >= first && s.from <= last));
  const from = sessionBounds.reduce((a, s) => (s.from < a ? s.from : a), first);
  const to = sessionBounds.reduce((a, s) => (s.to > a ? s.to : a), last);
  const [existing, recount] = await Promise.all([
    trx
      .selectFrom('bookings')
      .select(['id', 'child_id', 'activity_id', 'date', 'status', 'hold_expires_at', 'price_cents'])
      .where('collectivity_id', '=', cid)
      .where('child_id', 'in', childIds)
      .where('activity_id', 'in', activityIds)
      .where('date', '>=', from)
      .where('date', '<=', to)
      .where('status', 'in', [...LIVE_STATUSES])
      .forUpdate()
      .execute(),
    mustLock.length > 0 ? placesTaken(trx, cid, activityIds, first, last, now) : Promise.resolve(snapshot),
  ]);
  const taken = new Map(recount);
  // Days not locked were full: keep them full, whatever a later read says.
  for (const [key, count] of snapshot) if (!locked.has(key)) taken.set(key, Math.max(count, taken.get(key) ?? 0));
  const live = new Map(existing.map((b) => [`${b.child_id}|${b.activity_id}|${b.date}`, b]));

  // Decide every line in memory, then write everything in a few statements.
  const results: LineResult[] = [];
  const inserts: Insertable<BookingsTable>[] = [];
  const changes: { id: string; status: BookingStatus; reason: string | null }[] = [];
  const credits: { bookingId: string; date: string; amountCents: number; label: string }[] = [];
  const held: { id: string; price: number; label: string; holdMinutes: number }[] = [];
  const freed = new Map<string, { rules: ActivityRules; date: string }>();

  for (const line of lines) {
    const r = (outcome: LineResult['outcome'], reason: string | null, bookingId: string | null = null) =>
      results.push({
        lineId: line.id,
        childId: line.child_id,
        activityId: line.activity_id,
        date: line.date,
        action: line.action,
        outcome,
        reason,
        bookingId,
      });
    const activity = rules.get(line.activity_id);
    if (!activity) {
      r('refused', 'activity_closed');
      continue;
    }
    const cell = `${line.child_id}|${line.activity_id}|${line.date}`;
    const current = live.get(cell);
    const day = judgeDay(activity, line.date, now);
    const key = placeKey(activity.id, line.date);

    if (line.action === 'cancel') {
      if (!current || (current.status !== 'booked' && current.status !== 'waitlisted')) {
        r('refused', current?.status === 'pending_payment' ? 'payment_pending' : 'not_booked');
        continue;
      }
      if (current.status === 'waitlisted' || day.cancellation.allowed) {
        changes.push({ id: current.id, status: 'cancelled', reason: line.reason });
        live.delete(cell);
        if (current.status === 'booked' && activity.capacity != null) {
          taken.set(key, (taken.get(key) ?? 1) - 1);
          freed.set(key, { rules: activity, date: line.date });
        }
        // A paid day cancelled in time is credited, when the activity's rule says so.
        const credit =
          current.status === 'booked' && activity.paymentMode === 'prepaid' && activity.refundOnCancel && current.price_cents > 0;
        if (credit) {
          credits.push({
            bookingId: current.id,
            date: line.date,
            amountCents: current.price_cents,
            label: `Annulation ${activity.name} du ${line.date}`,
          });
        }
        r('cancelled', credit ? 'credited' : null, current.id);
      } else if (line.date >= today) {
        // Past the deadline: recorded at once (a sick child this morning) and left to agents.
        changes.push({ id: current.id, status: 'cancel_requested', reason: line.reason });
        r('cancel_requested', 'deadline_passed', current.id);
      } else {
        r('refused', 'day_passed', current.id);
      }
      continue;
    }

    // Booking.
    const enrolled = enrolments.some(
      (e) =>
        e.child_id === line.child_id && e.activity_id === line.activity_id && e.from_date <= line.date && line.date <= e.to_date,
    );
    if (!enrolled) {
      r('refused', 'not_enrolled');
      continue;
    }
    if (!day.opening.open) {
      r('refused', day.opening.reason);
      continue;
    }
    if (!day.booking.allowed) {
      r('refused', day.booking.reason);
      continue;
    }
    if (
      current &&
      !(current.status === 'pending_payment' && current.hold_expires_at && new Date(current.hold_expires_at) <= now)
    ) {
      r('refused', 'already_booked', current.id);
      continue;
    }
    if (current) {
      // An expired hold the sweeper has not reached yet: close it before booking again.
      changes.push({ id: current.id, status: 'expired', reason: null });
      live.delete(cell);
    }
    const session = sessionOf(activity, line.date);
    if (activity.maxDaysPerChildPerSession != null && session) {
      let days = 0;
      for (const b of live.values()) {
        if (b.child_id === line.child_id && b.activity_id === activity.id && b.date >= session.from && b.date <= session.to)
          days++;
      }
      if (days >= activity.maxDaysPerChildPerSession) {
        r('refused', 'session_limit');
        continue;
      }
    }
    const price = dayPrice(activity, pricing);
    let status: BookingStatus = activity.paymentMode === 'prepaid' ? 'pending_payment' : 'booked';
    if (activity.capacity != null && (taken.get(key) ?? 0) >= activity.capacity) {
      if (!activity.waitlist) {
        r('refused', 'full');
        continue;
      }
      status = 'waitlisted';
    }
    const id = crypto.randomUUID();
    inserts.push({
      collectivity_id: cid,
      id,
      household_id: scope.householdId,
      child_id: line.child_id,
      activity_id: activity.id,
      date: line.date,
      status,
      price_cents: price,
      hold_expires_at: status === 'pending_payment' ? new Date(now.getTime() + activity.holdMinutes * 60_000) : null,
      waitlisted_at: status === 'waitlisted' ? now : null,
      created_at: now,
      updated_at: now,
    });
    live.set(cell, {
      id,
      child_id: line.child_id,
      activity_id: activity.id,
      date: line.date,
      status,
      hold_expires_at: null,
      price_cents: price,
    });
    if (status !== 'waitlisted') taken.set(key, (taken.get(key) ?? 0) + 1);
    if (status === 'pending_payment')
      held.push({ id, price, label: `${activity.name} ${line.date}`, holdMinutes: activity.holdMinutes });
    r(status, status === 'waitlisted' ? 'full' : null, id);
  }

  // The payment first: the held bookings refer to it as they are inserted.
  let payment: CheckoutResult['payment'] = null;
  if (held.length > 0) {
    const paymentId = crypto.randomUUID();
    const created = await createPayment(deps, trx, {
      id: paymentId,
      collectivityId: cid,
      householdId: scope.householdId,
      bookingIds: [],
      amountCents: held.reduce((sum, h) => sum + h.price, 0),
      expiresAt: new Date(now.getTime() + Math.min(...held.map((h) => h.holdMinutes)) * 60_000),
      label: held.length === 1 ? (held[0]?.label ?? 'Réservation') : `${held.length} réservations`,
      returnUrl: input.returnUrl ?? collectivity.portalUrl ?? `${deps.config.publicUrl}/`,
    });
    for (const row of inserts) if (row.status === 'pending_payment') row.payment_id = paymentId;
    payment = { id: created.id, url: created.url, amountCents: created.amountCents, expiresAt: created.expiresAt.toISOString() };
  }
  const writes: Promise<unknown>[] = [];
  if (inserts.length > 0) writes.push(trx.insertInto('bookings').values(inserts).execute());
  for (const change of changes) {
    writes.push(
      trx
        .updateTable('bookings')
        .set({
          status: change.status,
          updated_at: now,
          ...(change.status === 'expired' ? { hold_expires_at: null } : { cancel_reason: change.reason }),
          ...(change.status === 'cancel_requested' ? { absence_reason: change.reason } : {}),
        })
        .where('collectivity_id', '=', cid)
        .where('id', '=', change.id)
        .execute(),
    );
  }
  await Promise.all(writes);
  for (const credit of credits) {
    await issueBookingCreditNote(trx, {
      collectivityId: cid,
      householdId: scope.householdId,
      year: today.slice(0, 4),
      now,
      ...credit,
    });
  }
  for (const { rules: activity, date } of freed.values()) await promoteWaitlist(deps, trx, cid, activity, date);
  return { status: payment ? 'payment_required' : 'confirmed', lines: results, payment };
}
