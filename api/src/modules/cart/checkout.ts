import { cart } from '@foyer/sdk/contract';
import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.js';
import { useGenericPlans } from '../../db/generic-plans.js';
import { pipelined, run, type Statement, statement } from '../../db/pipeline.js';
import type { PaymentsTable } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { type LocalDate, localDateOf, sessionSpan, transition } from '../../domain/index.js';
import { ApiError } from '../../lib/api-error.js';
import type { CollectivityContext } from '../../lib/app-env.js';
import { type DraftToSave, draftsSave, type IdempotencyClaim } from '../../lib/idempotency.js';
import { activityDaysLock, placeKey } from '../bookings/capacity.js';
import { rulesSnapshot } from '../bookings/rules-cache.js';
import { promoteWaitlist } from '../bookings/waitlist.js';
import { issueBookingCreditNote } from '../invoices/credit-notes.js';
import { unstartedPayment } from '../payments/create-payment.js';
import type { HouseholdScope } from './cart-view.js';
import { type BatchRows, type CartLineRow, lockCarts, readBatchRows, readLiveBookings, writeBatch } from './checkout-data.js';
import { startPayments } from './checkout-payments.js';
import {
  type BookingChange,
  type CheckoutDecision,
  type DecisionState,
  decideCheckout,
  emptyPlan,
  type Plan,
} from './checkout-plan.js';

type CheckoutResult = cart.Checkout;

export interface CheckoutInput {
  scope: HouseholdScope & { accountId: string };
  collectivity: CollectivityContext;
  /** The Idempotency-Key this checkout holds: its answer is drafted under it in the transaction. */
  claim: IdempotencyClaim;
  returnUrl: string | undefined;
  /** When the parent validated: the waiting list is first come, first served by this instant. */
  receivedAt: Date;
}

/** One checkout's answer: its result, or the error to answer with. */
export type CheckoutOutcome = { ok: true; result: CheckoutResult } | { ok: false; error: unknown };

/** A checkout that has lines to apply. */
interface Pending {
  index: number;
  input: CheckoutInput;
  lines: CartLineRow[];
}

/** What a batch writes, gathered from all its checkouts, and each checkout's answer. */
interface BatchPlan extends Plan {
  payments: Insertable<PaymentsTable>[];
  results: Map<number, CheckoutResult>;
}

/**
 * Validates the carts of several households of one collectivity in ONE transaction (a batch
 * from the {@link CheckoutQueue}; a batch of one when the portal is quiet). Every line is
 * checked again (enrolment, opening day, deadline, capacity) with an outcome per line, the
 * checkouts taking places in the order the parents validated. Each answer is drafted under its
 * idempotency key in the same transaction (lib/idempotency.ts): a retry after a failure past the
 * commit resumes from it, and a crash before the commit leaves no booking behind, so the retry
 * starts afresh. The payment provider is called after commit (see checkout-payments.ts).
 *
 * The inputs are of different households. An error of one checkout (an empty cart) is its own
 * outcome; an error of the database fails the whole batch.
 */
export async function checkoutBatch(
  deps: AppDeps,
  collectivity: CollectivityContext,
  inputs: readonly CheckoutInput[],
): Promise<CheckoutOutcome[]> {
  const cid = collectivity.id;
  const householdIds = inputs.map((i) => i.scope.householdId);
  const now = deps.clock.now();
  let drafts: (DraftToSave & { claim: IdempotencyClaim })[] = [];
  const outcomes = await deps.db.transaction().execute(async (trx) => {
    // One round trip: the carts are locked before the rows are read (see checkout-data.ts).
    // A household without a cart has no lines: its checkout answers cart_empty.
    const [, , rows] = await pipelined(trx, [
      useGenericPlans(trx),
      lockCarts(trx, cid, householdIds),
      readBatchRows(trx, { collectivityId: cid, householdIds, now }),
    ]);
    const linesOf = new Map<string, CartLineRow[]>();
    for (const line of rows.lines) {
      const own = linesOf.get(line.household_id);
      if (own) own.push(line);
      else linesOf.set(line.household_id, [line]);
    }
    const outcomes: CheckoutOutcome[] = [];
    const pending: Pending[] = [];
    inputs.forEach((input, index) => {
      const lines = linesOf.get(input.scope.householdId) ?? [];
      if (lines.length === 0) {
        outcomes[index] = { ok: false, error: new ApiError(422, 'cart_empty', 'The cart is empty: add days before validating.') };
        return;
      }
      pending.push({ index, input, lines });
    });
    if (pending.length === 0) return outcomes;

    const plan = await planCheckouts(deps, trx, collectivity, pending, rows, now);
    drafts = draftsOf(pending, plan);
    // One round trip. Changes first: an expired hold leaves its cell before the new booking takes it.
    const save = draftsSave(trx, drafts);
    await pipelined(trx, [
      ...plan.changes.map((change) => applyChange(trx, cid, change, now)),
      writeBatch(trx, {
        collectivityId: cid,
        // Only the lines of the checkouts applied: a replay's cart keeps what was added since.
        lineIds: pending.flatMap((p) => p.lines.map((l) => l.id)),
        payments: plan.payments,
        bookings: plan.inserts,
      }),
      ...(save ? [save] : []),
    ]);
    // Rare (cancellations): statements of their own.
    for (const credit of plan.credits) await issueBookingCreditNote(trx, { collectivityId: cid, now, ...credit });
    for (const { rules, date } of plan.freed.values()) await promoteWaitlist(deps, trx, cid, rules, date);
    for (const p of pending) {
      const result = plan.results.get(p.index);
      if (result) outcomes[p.index] = { ok: true, result };
    }
    return outcomes;
  });
  // Committed: the final answers are kept; the idempotency middleware has nothing more to write.
  for (const d of drafts) if (d.finalStatus !== null) d.claim.committedAnswer = { status: d.finalStatus, text: d.text };
  // Outside the transaction: its locks are released before the provider is called.
  return startPayments(deps, collectivity, inputs, outcomes);
}

/**
 * Each checkout's answer, to record under its key in the transaction: final when no payment is
 * left to start after commit (every day booked or waiting-listed), a draft otherwise.
 */
function draftsOf(pending: Pending[], plan: BatchPlan): (DraftToSave & { claim: IdempotencyClaim })[] {
  return pending.flatMap((p) => {
    const result = plan.results.get(p.index);
    if (!result) return [];
    const claim = p.input.claim;
    return [
      { claim, scope: claim.scope, text: JSON.stringify(result), finalStatus: result.payment ? null : cart.checkout.status },
    ];
  });
}

/** Takes the activity-day locks, reads the live bookings, and decides every line in memory. */
async function planCheckouts(
  deps: AppDeps,
  trx: Db,
  collectivity: CollectivityContext,
  pending: Pending[],
  rows: BatchRows,
  now: Date,
): Promise<BatchPlan> {
  const cid = collectivity.id;
  const state = await lockAndRead(deps, trx, collectivity, pending, rows, now);
  const plan: BatchPlan = { ...emptyPlan(), payments: [], results: new Map() };
  const householdOf = new Map(rows.households.map((h) => [h.id, h]));
  // First come, first served: the places go in the order the parents validated.
  const ordered = [...pending].sort((a, b) => a.input.receivedAt.getTime() - b.input.receivedAt.getTime() || a.index - b.index);
  for (const p of ordered) {
    const household = householdOf.get(p.input.scope.householdId);
    const decided = decideCheckout(state, plan, {
      householdId: p.input.scope.householdId,
      collectivityId: cid,
      receivedAt: p.input.receivedAt,
      lines: p.lines,
      pricing: {
        familyQuotient: household?.family_quotient ?? null,
        resident: household?.resident ?? false,
        quotients: household?.quotients ?? [],
      },
    });
    const result = holdPayment(deps, plan, p.input, decided);
    plan.results.set(p.index, result);
  }
  return plan;
}

/** Locks the activity-days the batch may change, and reads the world its decisions start from. */
async function lockAndRead(
  deps: AppDeps,
  trx: Db,
  collectivity: CollectivityContext,
  pending: Pending[],
  rows: BatchRows,
  now: Date,
): Promise<DecisionState> {
  const cid = collectivity.id;
  const lines = pending.flatMap((p) => p.lines);
  // ISO dates sort as text.
  const dates = [...new Set(lines.map((l) => l.date))].sort();
  const first = dates[0] as LocalDate;
  const last = dates[dates.length - 1] as LocalDate;

  // Rules may be a few seconds old (config.cacheSeconds): a change of rules applies within that.
  const { rules } = await rulesSnapshot(deps, collectivity, trx);
  const snapshot = rows.taken;

  // Lock the activity-days these checkouts may take or free a place on, in a fixed order. A
  // day already full before any lock stays full until someone frees a place, and freeing takes
  // the lock and promotes the waiting list: booking onto the list of a full day needs no lock,
  // so at a registration rush only the checkouts that can still win a place wait for each other.
  const mustLock = lines
    .filter((l) => {
      const capacity = rules.get(l.activity_id)?.capacity;
      if (capacity == null) return false;
      return l.action === 'cancel' || (snapshot.get(placeKey(l.activity_id, l.date)) ?? 0) < capacity;
    })
    .map((l) => placeKey(l.activity_id, l.date));
  const lock = activityDaysLock(trx, cid, mustLock);
  const locked = new Set(mustLock);

  // Live bookings of these children, over the sessions too (for the per-session cap), and the
  // places counted again once the days are locked.
  const span = sessionSpan(rules.values(), first, last);
  const reading = readLiveBookings(trx, {
    collectivityId: cid,
    childIds: [...new Set(lines.map((l) => l.child_id))],
    activityIds: [...new Set(lines.map((l) => l.activity_id))],
    from: span.from,
    to: span.to,
    recount: mustLock.length > 0 ? { from: first, to: last } : null,
    now,
  });
  // Read once the days are locked, in the same round trip.
  const live = lock ? (await pipelined(trx, [lock, reading]))[1] : await run(trx, reading);
  const taken = live.taken ?? new Map(snapshot);
  // Days not locked were full: keep them full, whatever a later read says.
  for (const [key, count] of snapshot) if (!locked.has(key)) taken.set(key, Math.max(count, taken.get(key) ?? 0));
  return {
    now,
    today: localDateOf(now, collectivity.timeZone),
    rules,
    taken,
    live: new Map(live.existing.map((b) => [`${b.child_id}|${b.activity_id}|${b.date}`, b])),
    enrolments: rows.enrolments,
  };
}

/**
 * Holds a checkout's days on one payment (paid together) and gives its answer. The provider is
 * asked for the payment's page only after commit (`startPayments`): the answer's `url` is
 * empty until then.
 */
function holdPayment(deps: AppDeps, plan: BatchPlan, input: CheckoutInput, decided: CheckoutDecision): CheckoutResult {
  const { held } = decided;
  if (held.length === 0) return { status: 'confirmed', lines: decided.lines, payment: null };
  const now = deps.clock.now();
  const id = crypto.randomUUID();
  const row = unstartedPayment(deps, {
    id,
    collectivityId: input.collectivity.id,
    householdId: input.scope.householdId,
    amountCents: held.reduce((sum, h) => sum + h.price, 0),
    expiresAt: new Date(now.getTime() + Math.min(...held.map((h) => h.holdMinutes)) * 60_000),
  });
  // The bookings refer to their payment as they are inserted.
  for (const booking of decided.inserts) if (booking.status === 'pending_payment') booking.payment_id = id;
  plan.payments.push(row);
  const payment = { id, url: '', amountCents: row.amount_cents, expiresAt: new Date(row.expires_at).toISOString() };
  return { status: 'payment_required', lines: decided.lines, payment };
}

/** A change of an existing booking: a cancellation, or an expired hold closed before booking again. */
function applyChange(trx: Db, cid: string, change: BookingChange, now: Date): Statement<void> {
  const query = trx
    .updateTable('bookings')
    .set({
      status: transition(change.from, change.status),
      updated_at: now,
      ...(change.status === 'expired' ? { hold_expires_at: null } : { cancel_reason: change.reason }),
      ...(change.status === 'cancel_requested' ? { absence_reason: change.reason } : {}),
      ...(change.absence ? { absence: change.absence } : {}),
    })
    .where('collectivity_id', '=', cid)
    .where('id', '=', change.id)
    .compile();
  return statement(query);
}
