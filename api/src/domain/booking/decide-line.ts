import type { BookingRefusal } from '../deadlines.js';
import type { LocalDate } from '../local-date.js';
import type { ClosedReason } from '../opening-days.js';
import { type DayJudgement, judgeDay } from './judge-day.js';
import type { BookingRules } from './rules.js';
import { type HeldDay, sessionCapReached } from './session-cap.js';
import { type BookingStatus, isExpiredHold } from './status.js';

/** Why a line cannot be applied: the booking reason codes, listed once in the contract too. */
export type LineRefusal =
  | ClosedReason
  | BookingRefusal
  | 'activity_closed'
  | 'not_enrolled'
  | 'already_booked'
  | 'session_limit'
  | 'full'
  | 'not_booked'
  | 'payment_pending'
  | 'day_passed';

/** The child's booking of the cell (a lapsed hold the sweeper has not closed yet included). */
export interface CellBooking {
  status: BookingStatus;
  holdExpiresAt: Date | null;
  priceCents: number;
}

/** Everything a decision about one child × activity × day depends on. */
export interface CellState {
  /** The activity's rules; undefined when it is archived or unknown. */
  rules: BookingRules | undefined;
  /** The collectivity's date at `now`. */
  today: LocalDate;
  /** Whether the child is enrolled in the activity on that date. */
  enrolled: boolean;
  /** The child's live booking of the cell, if any. */
  current: CellBooking | null;
  /** Places taken on the activity-day, this child's included. */
  placesTaken: number;
  /** The child's other held days (not lapsed holds), for the per-session cap. */
  heldDays: Iterable<HeldDay>;
  /** The day's judgement, when the caller has it already (the calendar needs it anyway). */
  day?: DayJudgement;
}

/** A change asked for one cell. */
export interface LineRequest {
  date: LocalDate;
  action: 'book' | 'cancel';
}

/** What applying a line does, or why it cannot be applied. */
export type LineDecision =
  | { outcome: 'refused'; reason: LineRefusal }
  | {
      outcome: 'booked' | 'pending_payment' | 'waitlisted';
      /** The child's lapsed hold of the cell is closed first. */
      closesExpiredHold: boolean;
    }
  | { outcome: 'cancelled'; freesPlace: boolean; credit: boolean }
  | { outcome: 'cancel_requested'; reason: 'deadline_passed' };

const refused = (reason: LineRefusal): LineDecision => ({ outcome: 'refused', reason });

/** A booking rule: the reason it refuses the line, or null when it lets it through. */
type BookRule = (state: CellState, rules: BookingRules, day: DayJudgement, date: LocalDate, now: Date) => LineRefusal | null;

const holding = (state: CellState, now: Date) =>
  state.current !== null && !isExpiredHold(state.current.status, state.current.holdExpiresAt, now);

const isFull = (state: CellState, rules: BookingRules) => rules.capacity !== null && state.placesTaken >= rules.capacity;

/**
 * The rules a booking must pass, in the order their reasons are told to the parent. Each is
 * a line of its own so that removing one fails a test (see decide-line.test.ts).
 */
const BOOK_RULES: readonly BookRule[] = [
  (state, _rules, _day, _date, now) => (holding(state, now) ? 'already_booked' : null),
  (state) => (state.enrolled ? null : 'not_enrolled'),
  (_state, _rules, day) => (day.opening.open ? null : day.opening.reason),
  (_state, _rules, day) => (day.booking.allowed ? null : day.booking.reason),
  (state, rules, _day, date) => (sessionCapReached(rules, date, state.heldDays) ? 'session_limit' : null),
  (state, rules) => (isFull(state, rules) && !rules.waitlist ? 'full' : null),
];

function decideBook(state: CellState, rules: BookingRules, date: LocalDate, now: Date): LineDecision {
  const day = state.day ?? judgeDay(rules, date, now);
  for (const rule of BOOK_RULES) {
    const reason = rule(state, rules, day, date, now);
    if (reason) return refused(reason);
  }
  const outcome = isFull(state, rules) ? 'waitlisted' : rules.paymentMode === 'prepaid' ? 'pending_payment' : 'booked';
  return { outcome, closesExpiredHold: state.current !== null };
}

function decideCancel(state: CellState, rules: BookingRules, date: LocalDate, now: Date): LineDecision {
  const current = holding(state, now) ? state.current : null;
  if (current?.status === 'pending_payment') return refused('payment_pending');
  if (current?.status !== 'booked' && current?.status !== 'waitlisted') return refused('not_booked');
  if (date < state.today) return refused('day_passed');
  // Leaving the waiting list frees nobody's place: allowed whatever the deadline.
  if (current.status === 'waitlisted') return { outcome: 'cancelled', freesPlace: false, credit: false };
  const day = state.day ?? judgeDay(rules, date, now);
  // Past the deadline: recorded at once (a sick child this morning) and left to agents.
  if (!day.cancellation.allowed) return { outcome: 'cancel_requested', reason: 'deadline_passed' };
  return {
    outcome: 'cancelled',
    freesPlace: rules.capacity !== null,
    // A paid day cancelled in time is credited, when the activity's rule says so.
    credit: rules.paymentMode === 'prepaid' && rules.refundOnCancel && current.priceCents > 0,
  };
}

/**
 * The one answer to "may this change be made to this child's day, and what happens if it
 * is?": the calendar offers what it allows, the cart accepts it, the checkout applies it.
 *
 * A cancellation needs a live booking, not an open day: a booked day that closed afterwards
 * can still be cancelled.
 *
 * @example
 * decideLine({ rules: canteen, today, enrolled: true, current: null, placesTaken: 0, heldDays: [] }, { date, action: 'book' }, now);
 * // { outcome: 'booked', closesExpiredHold: false }
 */
export function decideLine(state: CellState, line: LineRequest, now: Date): LineDecision {
  const { rules } = state;
  if (!rules) return refused('activity_closed');
  return line.action === 'book' ? decideBook(state, rules, line.date, now) : decideCancel(state, rules, line.date, now);
}
