import { describe, expect, it } from 'vitest';
import { bookingRules, openDayFrom, RULES_NOW, RULES_TODAY } from '../../../test/booking-rules.js';
import { addDays, weekdayOf } from '../local-date.js';
import { type CellState, decideLine } from './decide-line.js';
import type { BookingRules } from './rules.js';

const now = RULES_NOW;
const rules = bookingRules();
/** An open day far enough ahead for every deadline of these rules. */
const ahead = openDayFrom(rules, addDays(RULES_TODAY, 5));

function state(overrides: Partial<CellState> = {}): CellState {
  return { rules, today: RULES_TODAY, enrolled: true, current: null, placesTaken: 0, heldDays: [], ...overrides };
}
const book = (s: CellState, date = ahead) => decideLine(s, { date, action: 'book' }, now);
const cancel = (s: CellState, date = ahead) => decideLine(s, { date, action: 'cancel' }, now);
const booked = { status: 'booked', holdExpiresAt: null, priceCents: 500 } as const;
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

describe('decideLine: booking a day', () => {
  it('books a free open day of a postpaid activity at once, and holds a prepaid one until paid', () => {
    expect(book(state())).toEqual({ outcome: 'booked', closesExpiredHold: false });
    expect(book(state({ rules: bookingRules({ paymentMode: 'prepaid' }) }))).toEqual({
      outcome: 'pending_payment',
      closesExpiredHold: false,
    });
  });

  it('refuses an archived activity', () => {
    expect(book(state({ rules: undefined }))).toEqual({ outcome: 'refused', reason: 'activity_closed' });
  });

  it('refuses a day the child already holds, but takes one whose unpaid hold lapsed', () => {
    expect(book(state({ current: booked }))).toEqual({ outcome: 'refused', reason: 'already_booked' });
    const held = { status: 'pending_payment', holdExpiresAt: minutes(5), priceCents: 500 } as const;
    expect(book(state({ current: held }))).toEqual({ outcome: 'refused', reason: 'already_booked' });
    const lapsed = { ...held, holdExpiresAt: minutes(-1) };
    expect(book(state({ current: lapsed }))).toEqual({ outcome: 'booked', closesExpiredHold: true });
  });

  it('refuses a child who is not enrolled', () => {
    expect(book(state({ enrolled: false }))).toEqual({ outcome: 'refused', reason: 'not_enrolled' });
  });

  it('refuses a closed day with the reason it is closed', () => {
    const weekday = weekdayOf(ahead);
    const closed = bookingRules({ opening: { ...rules.opening, weekdays: [1, 2, 3, 4, 5, 6, 7].filter((d) => d !== weekday) } });
    expect(book(state({ rules: closed }))).toEqual({ outcome: 'refused', reason: 'weekday' });
  });

  it('refuses a day past its booking deadline, or before registrations open', () => {
    const monthAhead = bookingRules({ bookingDeadline: { kind: 'calendar_days', days: 30, time: '10:00' } });
    expect(book(state({ rules: monthAhead }))).toEqual({ outcome: 'refused', reason: 'deadline_passed' });
    const later = bookingRules({ window: { opensAt: minutes(60) } });
    expect(book(state({ rules: later }))).toEqual({ outcome: 'refused', reason: 'registration_not_open' });
  });

  it('refuses a day beyond the days a session allows, counting only the days of that session', () => {
    const session = { from: addDays(ahead, -10), to: addDays(ahead, 10), name: 'Vacances' };
    const capped = bookingRules({ maxDaysPerChildPerSession: 1, sessions: [session] });
    const inSession = [{ activityId: capped.id, date: addDays(ahead, 1) }];
    expect(book(state({ rules: capped, heldDays: inSession }))).toEqual({ outcome: 'refused', reason: 'session_limit' });
    const outside = [{ activityId: capped.id, date: addDays(ahead, 11) }];
    expect(book(state({ rules: capped, heldDays: outside })).outcome).toBe('booked');
  });

  it('refuses a full day, or puts the child on its waiting list', () => {
    const full: Partial<BookingRules> = { capacity: 2 };
    expect(book(state({ rules: bookingRules(full), placesTaken: 2 }))).toEqual({ outcome: 'refused', reason: 'full' });
    expect(book(state({ rules: bookingRules(full), placesTaken: 1 })).outcome).toBe('booked');
    const listed = bookingRules({ ...full, waitlist: true, paymentMode: 'prepaid' });
    expect(book(state({ rules: listed, placesTaken: 2 }))).toEqual({ outcome: 'waitlisted', closesExpiredHold: false });
  });
});

describe('decideLine: cancelling a day', () => {
  it('cancels a booked day before the deadline, freeing its place and crediting a paid one', () => {
    expect(cancel(state({ current: booked }))).toEqual({ outcome: 'cancelled', freesPlace: false, credit: false });
    const paid = bookingRules({ paymentMode: 'prepaid', capacity: 3 });
    expect(cancel(state({ rules: paid, current: booked }))).toEqual({ outcome: 'cancelled', freesPlace: true, credit: true });
    const noRefund = bookingRules({ paymentMode: 'prepaid', refundOnCancel: false });
    expect(cancel(state({ rules: noRefund, current: booked }))).toMatchObject({ credit: false });
    expect(cancel(state({ rules: paid, current: { ...booked, priceCents: 0 } }))).toMatchObject({ credit: false });
  });

  it('turns a late cancellation into a request for agents until the day is over', () => {
    expect(cancel(state({ current: booked }), RULES_TODAY)).toEqual({ outcome: 'cancel_requested', reason: 'deadline_passed' });
    expect(cancel(state({ current: booked }), addDays(RULES_TODAY, -1))).toEqual({ outcome: 'refused', reason: 'day_passed' });
  });

  it('lets a child leave a waiting list whatever the deadline, but not for a day gone', () => {
    const waiting = { status: 'waitlisted', holdExpiresAt: null, priceCents: 500 } as const;
    const listed = bookingRules({ capacity: 1, waitlist: true });
    expect(cancel(state({ rules: listed, current: waiting }), RULES_TODAY)).toEqual({
      outcome: 'cancelled',
      freesPlace: false,
      credit: false,
    });
    expect(cancel(state({ current: waiting }), addDays(RULES_TODAY, -1))).toEqual({ outcome: 'refused', reason: 'day_passed' });
  });

  it('refuses to cancel what is not booked: nothing, a hold waiting for its payment, a lapsed hold', () => {
    expect(cancel(state())).toEqual({ outcome: 'refused', reason: 'not_booked' });
    const held = { status: 'pending_payment', holdExpiresAt: minutes(5), priceCents: 500 } as const;
    expect(cancel(state({ current: held }))).toEqual({ outcome: 'refused', reason: 'payment_pending' });
    expect(cancel(state({ current: { ...held, holdExpiresAt: minutes(-1) } }))).toEqual({
      outcome: 'refused',
      reason: 'not_booked',
    });
    const requested = { ...booked, status: 'cancel_requested' } as const;
    expect(cancel(state({ current: requested }))).toEqual({ outcome: 'refused', reason: 'not_booked' });
  });

  it('cancels a booked day that closed afterwards, or of an enrolment that ended', () => {
    const weekday = weekdayOf(ahead);
    const closed = bookingRules({ opening: { ...rules.opening, weekdays: [1, 2, 3, 4, 5, 6, 7].filter((d) => d !== weekday) } });
    expect(cancel(state({ rules: closed, current: booked })).outcome).toBe('cancelled');
    expect(cancel(state({ enrolled: false, current: booked })).outcome).toBe('cancelled');
  });
});
