import { describe, expect, it } from 'vitest';
import type { Attendance, BookingStatus } from '../booking/status.js';
import { addDays } from '../local-date.js';
import { type PricedHousehold, type Pricing, priceOn } from '../prices.js';
import { type BillableBooking, type BilledActivity, BLOCKING_ANOMALIES, decideBillingDay } from './billing-day.js';
import { billableFrom, dueDate, monthIsOver, monthRange } from './billing-month.js';
import { draftHouseholdInvoice } from './household-invoice.js';

/** A small seeded generator (mulberry32): each run draws the same cases, and a failure names its seed. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  return { next, int, pick };
}

const STATUSES: BookingStatus[] = [
  'booked',
  'booked',
  'booked',
  'cancelled',
  'cancel_requested',
  'waitlisted',
  'expired',
  'refused',
];
const ATTENDANCES: (Attendance | null)[] = [null, 'present', 'present', 'absent_justified', 'absent_unjustified'];
const MONTH = '2027-01';

function randomCase(seed: number) {
  const g = generator(seed);
  const pricing: Pricing = {
    currency: 'EUR',
    tiers: [
      { maxQuotient: 500, amountCents: 100 + g.int(200) },
      { maxQuotient: 1000, amountCents: 300 + g.int(200) },
      { maxQuotient: null, amountCents: 500 + g.int(200) },
    ],
    ...(g.next() < 0.5 ? { nonResidentAmountCents: 700 + g.int(300) } : {}),
  };
  const activities = new Map<string, BilledActivity>([
    ['a1', { id: 'a1', pricing, walkInSurchargeCents: g.next() < 0.5 ? 900 + g.int(100) : null }],
    ['a2', { id: 'a2', pricing: g.next() < 0.1 ? null : pricing, walkInSurchargeCents: null }],
  ]);
  const household: PricedHousehold = {
    resident: g.next() < 0.8,
    familyQuotient: g.next() < 0.2 ? null : g.int(1500),
    quotients:
      g.next() < 0.5 ? [] : [{ quotient: g.int(1500), appliesFrom: `${MONTH}-${String(1 + g.int(28)).padStart(2, '0')}` }],
  };
  const { from } = monthRange(MONTH);
  const bookings: BillableBooking[] = Array.from({ length: g.int(40) }, (_, i) => {
    const status = g.pick(STATUSES);
    return {
      bookingId: `b${i}`,
      childId: g.pick(['c1', 'c2']),
      activityId: g.pick(['a1', 'a2', 'prepaid']),
      date: addDays(from, g.int(31)),
      status,
      attendance: g.pick(ATTENDANCES),
      walkIn: status === 'booked' && g.next() < 0.1,
      lateCancellationDecided: (status === 'booked' || status === 'cancelled') && g.next() < 0.2,
    };
  });
  return { activities, household, bookings, shuffle: (items: BillableBooking[]) => [...items].sort(() => g.next() - 0.5) };
}

const SEEDS = Array.from({ length: 300 }, (_, i) => 1000 + i);

describe('a household month: properties over random months', () => {
  it('totals equal the sum of their lines, in whole non-negative cents, one line per billed booking at most', () => {
    for (const seed of SEEDS) {
      const { activities, household, bookings } = randomCase(seed);
      const draft = draftHouseholdInvoice(household, activities, bookings);
      expect(draft.totalCents, `seed ${seed}`).toBe(draft.lines.reduce((s, l) => s + l.totalCents, 0));
      for (const line of draft.lines) {
        expect(Number.isInteger(line.totalCents) && line.totalCents >= 0, `seed ${seed}`).toBe(true);
        expect(line.totalCents).toBe(line.unitCents * line.quantity);
      }
      expect(new Set(draft.lines.map((l) => l.bookingId)).size).toBe(draft.lines.length);
    }
  });

  it('bills only held days that are not justified absences, and never a prepaid activity', () => {
    for (const seed of SEEDS) {
      const { activities, household, bookings } = randomCase(seed);
      const byId = new Map(bookings.map((b) => [b.bookingId, b]));
      for (const line of draftHouseholdInvoice(household, activities, bookings).lines) {
        const booking = byId.get(line.bookingId);
        expect(booking?.status, `seed ${seed}`).toBe('booked');
        expect(booking?.attendance).not.toBe('absent_justified');
        expect(line.activityId).not.toBe('prepaid');
      }
    }
  });

  it('prices every day but surcharged walk-ins at the tier in force that day', () => {
    for (const seed of SEEDS) {
      const { activities, household, bookings } = randomCase(seed);
      for (const line of draftHouseholdInvoice(household, activities, bookings).lines) {
        const activity = activities.get(line.activityId);
        if (line.reason === 'walk_in' && activity?.walkInSurchargeCents != null) {
          expect(line.unitCents).toBe(activity.walkInSurchargeCents);
        } else if (activity?.pricing) {
          expect(line.unitCents, `seed ${seed}`).toBe(priceOn(activity.pricing, household, line.date));
        }
      }
    }
  });

  it('turns every undecided late cancellation into a blocking anomaly, never a line', () => {
    for (const seed of SEEDS) {
      const { activities, household, bookings } = randomCase(seed);
      const draft = draftHouseholdInvoice(household, activities, bookings);
      const undecided = bookings.filter((b) => b.status === 'cancel_requested' && b.activityId !== 'prepaid');
      const flagged = draft.anomalies.filter((a) => a.kind === 'late_cancellation_undecided');
      expect(flagged.map((a) => a.bookingId).sort(), `seed ${seed}`).toEqual(undecided.map((b) => b.bookingId).sort());
      expect(draft.lines.some((l) => undecided.some((b) => b.bookingId === l.bookingId))).toBe(false);
      expect(BLOCKING_ANOMALIES).toContain('late_cancellation_undecided');
    }
  });

  it('does not depend on the order of the bookings, and a booked day more never lowers the total', () => {
    for (const seed of SEEDS) {
      const { activities, household, bookings, shuffle } = randomCase(seed);
      const draft = draftHouseholdInvoice(household, activities, bookings);
      expect(draftHouseholdInvoice(household, activities, shuffle(bookings)), `seed ${seed}`).toEqual(draft);
      const more: BillableBooking = {
        bookingId: 'extra',
        childId: 'c1',
        activityId: 'a1',
        date: `${MONTH}-15`,
        status: 'booked',
        attendance: null,
        walkIn: false,
        lateCancellationDecided: false,
      };
      expect(draftHouseholdInvoice(household, activities, [...bookings, more]).totalCents).toBeGreaterThanOrEqual(
        draft.totalCents,
      );
    }
  });
});

describe('a billing day: the rules one by one', () => {
  const pricing: Pricing = {
    currency: 'EUR',
    tiers: [
      { maxQuotient: 600, amountCents: 150 },
      { maxQuotient: null, amountCents: 420 },
    ],
  };
  const activity: BilledActivity = { id: 'a', pricing, walkInSurchargeCents: 800 };
  const day = (overrides: Partial<BillableBooking>): BillableBooking => ({
    bookingId: 'b',
    childId: 'c',
    activityId: 'a',
    date: '2027-01-11',
    status: 'booked',
    attendance: null,
    walkIn: false,
    lateCancellationDecided: false,
    ...overrides,
  });
  const price = { amountCents: 150, quotientMissing: false };

  it('bills booked days and unjustified absences, not cancellations or justified absences', () => {
    expect(decideBillingDay(day({ attendance: 'present' }), activity, price)).toEqual({
      billed: true,
      reason: 'booked',
      unitCents: 150,
    });
    expect(decideBillingDay(day({ attendance: 'absent_unjustified' }), activity, price)).toMatchObject({
      billed: true,
      reason: 'absence_unjustified',
    });
    expect(decideBillingDay(day({ attendance: 'absent_justified' }), activity, price)).toEqual({
      billed: false,
      reason: 'absence_justified',
    });
    expect(decideBillingDay(day({ status: 'cancelled' }), activity, price)).toEqual({
      billed: false,
      reason: 'cancelled_in_time',
    });
  });

  it('follows the agent on late cancellations, and flags the undecided ones', () => {
    expect(decideBillingDay(day({ status: 'cancelled', lateCancellationDecided: true }), activity, price)).toEqual({
      billed: false,
      reason: 'late_cancellation_accepted',
    });
    expect(decideBillingDay(day({ lateCancellationDecided: true }), activity, price)).toMatchObject({
      billed: true,
      reason: 'late_cancellation_refused',
    });
    expect(decideBillingDay(day({ status: 'cancel_requested' }), activity, price)).toEqual({
      billed: false,
      reason: 'anomaly',
      anomaly: 'late_cancellation_undecided',
    });
  });

  it('bills a walk-in at the surcharge, or at the day price when the activity has none', () => {
    expect(decideBillingDay(day({ walkIn: true, attendance: 'present' }), activity, price)).toEqual({
      billed: true,
      reason: 'walk_in',
      unitCents: 800,
    });
    expect(
      decideBillingDay(day({ walkIn: true, attendance: 'present' }), { ...activity, walkInSurchargeCents: null }, price),
    ).toEqual({ billed: true, reason: 'walk_in', unitCents: 150 });
  });

  it('flags a day without a price, and one priced at the full rate for want of a quotient', () => {
    expect(decideBillingDay(day({ attendance: 'present' }), { ...activity, pricing: null }, null)).toEqual({
      billed: false,
      reason: 'anomaly',
      anomaly: 'no_price',
    });
    const household = { resident: true, familyQuotient: null };
    const draft = draftHouseholdInvoice(household, new Map([['a', activity]]), [day({})]);
    expect(draft.lines[0]?.unitCents).toBe(420);
    expect(draft.anomalies.map((a) => a.kind)).toEqual(['no_quotient']);
  });
});

describe('the billing calendar', () => {
  it('covers the whole month, leap years included, and invoices it only once it is over', () => {
    expect(monthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthIsOver('2027-01', '2027-01-31')).toBe(false);
    expect(monthIsOver('2027-01', '2027-02-01')).toBe(true);
    expect(billableFrom('2027-12')).toBe('2028-01-01');
    // The last month there is never ends, and saying so does not overflow.
    expect(monthIsOver('9999-12', '9999-12-31')).toBe(false);
    expect(billableFrom('9999-12')).toBeNull();
  });

  it('makes invoices due on the 15th of the month after issue, across the year end', () => {
    expect(dueDate('2027-02-03')).toBe('2027-03-15');
    expect(dueDate('2027-12-20')).toBe('2028-01-15');
  });
});
