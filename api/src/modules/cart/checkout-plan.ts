import type { BookingReason, cart } from '@foyer/sdk/contract';
import type { Insertable } from 'kysely';
import type { AbsenceKind, BookingStatus, BookingsTable } from '../../db/schema.js';
import {
  type BookingRules,
  type CellState,
  decideLine,
  type HeldDay,
  isExpiredHold,
  type LineDecision,
  type LocalDate,
  type PricedHousehold,
} from '../../domain/index.js';
import { dayPrice } from '../bookings/activity-rules.js';
import { placeKey } from '../bookings/capacity.js';
import type { CartLineRow, LiveBooking } from './checkout-data.js';

type CheckoutResult = cart.Checkout;
type LineResult = CheckoutResult['lines'][number];

/**
 * What a checkout decides, in memory and without I/O: each line goes through `decideLine`
 * (the rule the calendar and the cart apply too) and its effect is added to the batch's plan.
 */

/** The world a batch decides against, changed as its decisions are taken in order. */
export interface DecisionState {
  now: Date;
  today: LocalDate;
  rules: ReadonlyMap<string, BookingRules>;
  /** Places taken per activity-day, as the batch's decisions change them. */
  taken: Map<string, number>;
  /** Live bookings per child × activity × day, as the batch's decisions change them. */
  live: Map<string, LiveBooking>;
  enrolments: readonly { child_id: string; activity_id: string; from_date: string; to_date: string }[];
}

/** A change of an existing booking, from the status it was read with. */
export interface BookingChange {
  id: string;
  from: BookingStatus;
  status: BookingStatus;
  reason: string | null;
  /** Why the child will be absent, on a cancellation. */
  absence?: AbsenceKind | null;
}

/** What a batch writes, gathered from all its checkouts. */
export interface Plan {
  inserts: Insertable<BookingsTable>[];
  changes: BookingChange[];
  credits: { householdId: string; bookingId: string; date: string; amountCents: number; label: string; year: string }[];
  /** Activity-days where a place was freed: their waiting lists move up. */
  freed: Map<string, { rules: BookingRules; date: string }>;
}

/** One checkout to decide. */
export interface CheckoutLines {
  householdId: string;
  collectivityId: string;
  /** When the parent validated: the waiting list is first come, first served by this instant. */
  receivedAt: Date;
  lines: readonly CartLineRow[];
  pricing: PricedHousehold;
}

/** One checkout's decided lines, and the days it holds until paid (one payment for them). */
export interface CheckoutDecision {
  lines: LineResult[];
  held: { price: number; label: string; holdMinutes: number }[];
  /** The bookings it inserts; a payment's id is set on the held ones before they are written. */
  inserts: Insertable<BookingsTable>[];
}

export const emptyPlan = (): Plan => ({ inserts: [], changes: [], credits: [], freed: new Map() });

const cellOf = (line: { child_id: string; activity_id: string; date: string }) =>
  `${line.child_id}|${line.activity_id}|${line.date}`;

/** The state `decideLine` needs for one line, from the batch's world as it stands. */
export function cellState(state: DecisionState, line: CartLineRow): CellState {
  const current = state.live.get(cellOf(line));
  const { now } = state;
  // The child's days, read only for an activity with a cap (a generator: lazily).
  const heldDays = function* (): Generator<HeldDay> {
    for (const b of state.live.values()) {
      if (b.child_id === line.child_id && !isExpiredHold(b.status, b.hold_expires_at, now)) {
        yield { activityId: b.activity_id, date: b.date };
      }
    }
  };
  return {
    rules: state.rules.get(line.activity_id),
    today: state.today,
    enrolled: state.enrolments.some(
      (e) =>
        e.child_id === line.child_id && e.activity_id === line.activity_id && e.from_date <= line.date && line.date <= e.to_date,
    ),
    current: current ? { status: current.status, holdExpiresAt: current.hold_expires_at, priceCents: current.price_cents } : null,
    placesTaken: state.taken.get(placeKey(line.activity_id, line.date)) ?? 0,
    heldDays: heldDays(),
  };
}

/** Decides the lines of one checkout, in order, adding what it changes to the plan and the state. */
export function decideCheckout(state: DecisionState, plan: Plan, checkout: CheckoutLines): CheckoutDecision {
  const decided: CheckoutDecision = { lines: [], held: [], inserts: [] };
  for (const line of checkout.lines) {
    const decision = decideLine(cellState(state, line), { date: line.date, action: line.action }, state.now);
    const bookingId = applyDecision(state, plan, checkout, decided, line, decision);
    decided.lines.push({
      lineId: line.id,
      childId: line.child_id,
      activityId: line.activity_id,
      date: line.date,
      action: line.action,
      outcome: decision.outcome,
      reason: reasonOf(decision),
      bookingId,
    });
  }
  plan.inserts.push(...decided.inserts);
  return decided;
}

/** The reason told with a line's outcome: why refused or left to agents, "full" for a waiting list, "credited". */
function reasonOf(decision: LineDecision): BookingReason | null {
  switch (decision.outcome) {
    case 'refused':
    case 'cancel_requested':
      return decision.reason;
    case 'waitlisted':
      return 'full';
    case 'cancelled':
      return decision.credit ? 'credited' : null;
    default:
      return null;
  }
}

/** Adds a decision's effect to the plan and the state; returns the booking it concerns. */
function applyDecision(
  state: DecisionState,
  plan: Plan,
  checkout: CheckoutLines,
  decided: CheckoutDecision,
  line: CartLineRow,
  decision: LineDecision,
): string | null {
  const cell = cellOf(line);
  const current = state.live.get(cell);
  const rules = state.rules.get(line.activity_id);
  if (decision.outcome === 'refused' || !rules)
    return current && !isExpiredHold(current.status, current.hold_expires_at, state.now) ? current.id : null;
  if (decision.outcome === 'cancel_requested' && current) {
    plan.changes.push({
      id: current.id,
      from: current.status,
      status: 'cancel_requested',
      reason: line.reason,
      absence: line.absence,
    });
    state.live.set(cell, { ...current, status: 'cancel_requested' });
    return current.id;
  }
  if (decision.outcome === 'cancelled' && current) {
    plan.changes.push({ id: current.id, from: current.status, status: 'cancelled', reason: line.reason, absence: line.absence });
    state.live.delete(cell);
    const key = placeKey(line.activity_id, line.date);
    if (decision.freesPlace) {
      state.taken.set(key, (state.taken.get(key) ?? 1) - 1);
      plan.freed.set(key, { rules, date: line.date });
    }
    if (decision.credit) {
      plan.credits.push({
        householdId: checkout.householdId,
        bookingId: current.id,
        date: line.date,
        amountCents: current.price_cents,
        label: `Annulation ${rules.name} du ${line.date}`,
        year: state.today.slice(0, 4),
      });
    }
    return current.id;
  }
  if (decision.outcome === 'booked' || decision.outcome === 'pending_payment' || decision.outcome === 'waitlisted') {
    return book(state, plan, checkout, decided, line, {
      rules,
      status: decision.outcome,
      closesExpiredHold: decision.closesExpiredHold,
    });
  }
  return null;
}

/** Books a line: closes the child's lapsed hold of the cell first, then inserts the booking. */
function book(
  state: DecisionState,
  plan: Plan,
  checkout: CheckoutLines,
  decided: CheckoutDecision,
  line: CartLineRow,
  how: { rules: BookingRules; status: BookingStatus; closesExpiredHold: boolean },
): string {
  const { now } = state;
  const { rules, status } = how;
  const cell = cellOf(line);
  const current = state.live.get(cell);
  // An expired hold the sweeper has not reached yet: closed before the new booking takes its cell.
  if (how.closesExpiredHold && current)
    plan.changes.push({ id: current.id, from: current.status, status: 'expired', reason: null });
  const id = crypto.randomUUID();
  const price = dayPrice(rules, checkout.pricing, line.date);
  const holdExpiresAt = status === 'pending_payment' ? new Date(now.getTime() + rules.holdMinutes * 60_000) : null;
  decided.inserts.push({
    collectivity_id: checkout.collectivityId,
    id,
    household_id: checkout.householdId,
    child_id: line.child_id,
    activity_id: rules.id,
    date: line.date,
    status,
    price_cents: price,
    hold_expires_at: holdExpiresAt,
    waitlisted_at: status === 'waitlisted' ? checkout.receivedAt : null,
    created_at: now,
    updated_at: now,
  });
  state.live.set(cell, {
    id,
    child_id: line.child_id,
    activity_id: rules.id,
    date: line.date,
    status,
    hold_expires_at: holdExpiresAt,
    price_cents: price,
  });
  const key = placeKey(rules.id, line.date);
  if (status !== 'waitlisted') state.taken.set(key, (state.taken.get(key) ?? 0) + 1);
  if (status === 'pending_payment')
    decided.held.push({ price, label: `${rules.name} ${line.date}`, holdMinutes: rules.holdMinutes });
  return id;
}
