import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, type BookingRules, type BookingStatus, eachDate, type LocalDate, localDateOf } from '../src/domain/index.js';
import { type CalendarBooking, calendarCells } from '../src/modules/calendar/calendar-cells.js';
import { judgeCartLines } from '../src/modules/cart/cart-decisions.js';
import { decideCheckout, emptyPlan } from '../src/modules/cart/checkout-plan.js';
import { bookingRules, RULES_NOW, RULES_TODAY, RULES_TZ } from './booking-rules.js';

/**
 * The calendar offers exactly what the cart accepts and the checkout applies: for random
 * rules, bookings, places and instants, every day of a fortnight around the test clock is
 * asked the three ways, to book and to cancel, and the three answers must agree.
 */

const CHILD = 'child';
const HOUSEHOLD = 'household';
const FIRST = addDays(RULES_TODAY, -3);
const DAYS = eachDate(FIRST, addDays(FIRST, 13));

const deadline = fc.record({
  kind: fc.constant('calendar_days' as const),
  days: fc.integer({ min: 0, max: 3 }),
  time: fc.constantFrom('00:00', '08:00', '10:00', '18:00', '23:59'),
});

const arbitraryRules = fc
  .record({
    weekdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
    capacity: fc.option(fc.integer({ min: 1, max: 3 })),
    waitlist: fc.boolean(),
    paymentMode: fc.constantFrom('prepaid' as const, 'postpaid' as const),
    refundOnCancel: fc.boolean(),
    cap: fc.option(fc.integer({ min: 1, max: 3 })),
    bookingDeadline: deadline,
    cancellationDeadline: deadline,
    opensInMinutes: fc.option(fc.integer({ min: -600, max: 600 })),
    closure: fc.option(fc.integer({ min: 0, max: 13 })),
  })
  .map((r): BookingRules => {
    const base = bookingRules();
    const closure =
      r.closure === null ? [] : [{ from: addDays(FIRST, r.closure), to: addDays(FIRST, r.closure), reason: 'Grève' }];
    return bookingRules({
      capacity: r.capacity,
      waitlist: r.waitlist,
      paymentMode: r.paymentMode,
      refundOnCancel: r.refundOnCancel,
      maxDaysPerChildPerSession: r.cap,
      sessions: [{ from: addDays(FIRST, 2), to: addDays(FIRST, 11), name: 'Session' }],
      opening: { ...base.opening, weekdays: r.weekdays },
      openingContext: { ...base.openingContext, closures: closure },
      bookingDeadline: r.bookingDeadline,
      cancellationDeadline: r.cancellationDeadline,
      window: r.opensInMinutes === null ? {} : { opensAt: new Date(RULES_NOW.getTime() + r.opensInMinutes * 60_000) },
    });
  });

/** The child's booking of a day, if any: its status, and for a hold when it lapses (minutes from now). */
const arbitraryBooking = fc.option(
  fc.record({
    status: fc.constantFrom<BookingStatus>('booked', 'pending_payment', 'waitlisted', 'cancel_requested', 'cancelled'),
    holdMinutes: fc.integer({ min: -120, max: 120 }),
    priceCents: fc.constantFrom(0, 500),
  }),
);

const arbitraryWorld = fc.record({
  rules: arbitraryRules,
  days: fc.array(fc.record({ booking: arbitraryBooking, taken: fc.integer({ min: 0, max: 4 }) }), {
    minLength: DAYS.length,
    maxLength: DAYS.length,
  }),
  enrolment: fc.record({ from: fc.integer({ min: 0, max: 6 }), to: fc.integer({ min: 7, max: 13 }) }),
  nowMinutes: fc.integer({ min: -2 * 24 * 60, max: 2 * 24 * 60 }),
});

type World = typeof arbitraryWorld extends fc.Arbitrary<infer W> ? W : never;

/** The world as each of the three reads it. */
function readings(world: World) {
  const now = new Date(RULES_NOW.getTime() + world.nowMinutes * 60_000);
  const rules = world.rules;
  const enrolment = { from: addDays(FIRST, world.enrolment.from), to: addDays(FIRST, world.enrolment.to) };
  const bookings: (CalendarBooking & { holdExpiresAt: Date | null })[] = [];
  const taken = new Map<string, number>();
  DAYS.forEach((date, i) => {
    const day = world.days[i];
    if (!day) return;
    taken.set(`${rules.id}|${date}`, day.taken);
    const b = day.booking;
    if (!b) return;
    bookings.push({
      id: `booking-${date}`,
      activityId: rules.id,
      date,
      status: b.status,
      priceCents: b.priceCents,
      holdExpiresAt: b.status === 'pending_payment' ? new Date(now.getTime() + b.holdMinutes * 60_000) : null,
      attendance: null,
      updatedAt: now,
    });
  });
  const live = bookings.filter((b) => b.status !== 'cancelled');
  const rows = live.map((b) => ({
    id: b.id,
    child_id: CHILD,
    activity_id: b.activityId,
    date: b.date,
    status: b.status,
    hold_expires_at: b.holdExpiresAt,
    price_cents: b.priceCents,
  }));
  const enrolments = [{ child_id: CHILD, activity_id: rules.id, from_date: enrolment.from, to_date: enrolment.to }];
  return { now, today: localDateOf(now, RULES_TZ), rules, enrolment, bookings, taken, rows, enrolments };
}

function checkoutOf(r: ReturnType<typeof readings>, date: LocalDate, action: 'book' | 'cancel') {
  const state = {
    now: r.now,
    today: r.today,
    rules: new Map([[r.rules.id, r.rules]]),
    taken: new Map(r.taken),
    live: new Map(r.rows.map((b) => [`${b.child_id}|${b.activity_id}|${b.date}`, b])),
    enrolments: r.enrolments,
  };
  const line = {
    id: 'line',
    household_id: HOUSEHOLD,
    child_id: CHILD,
    activity_id: r.rules.id,
    date,
    action,
    reason: null,
    absence: null,
  };
  const decided = decideCheckout(state, emptyPlan(), {
    householdId: HOUSEHOLD,
    collectivityId: 'town',
    receivedAt: r.now,
    lines: [line],
    pricing: { familyQuotient: null, resident: true },
  });
  const result = decided.lines[0];
  if (!result) throw new Error('the checkout decided no line');
  return result;
}

describe('one booking rule', () => {
  it('the calendar offers exactly what the cart accepts and the checkout applies', () => {
    fc.assert(
      fc.property(arbitraryWorld, (world) => {
        const r = readings(world);
        const cells = calendarCells({
          from: DAYS[0] ?? FIRST,
          to: DAYS[DAYS.length - 1] ?? FIRST,
          now: r.now,
          timeZone: RULES_TZ,
          activities: [r.rules],
          enrolments: [{ activityId: r.rules.id, ...r.enrolment }],
          bookings: r.bookings,
          placesTaken: r.taken,
          cartLines: [],
          household: { familyQuotient: null, resident: true },
        });
        const facts = {
          now: r.now,
          today: r.today,
          rules: new Map([[r.rules.id, r.rules]]),
          enrolments: r.enrolments,
          bookings: r.rows,
          inCart: [],
          placesTaken: r.taken,
        };
        for (const cell of cells) {
          for (const action of ['book', 'cancel'] as const) {
            const wanted = [{ childId: CHILD, activityId: r.rules.id, date: cell.date, action, reason: null, absence: null }];
            const cart = judgeCartLines(wanted, facts);
            const checkout = checkoutOf(r, cell.date, action);
            const offered = action === 'book' ? cell.canBook : cell.canCancel || cell.canReportAbsence;
            const where = `${action} ${cell.date} (${cell.status}, ${checkout.outcome} ${checkout.reason})`;
            expect(cart.accepted.length === 1, `cart: ${where}`).toBe(offered);
            expect(checkout.outcome !== 'refused', `checkout: ${where}`).toBe(offered);
            if (action === 'book') {
              expect(checkout.outcome === 'waitlisted', `waiting list: ${where}`).toBe(cell.waitlist);
              // A free open day tells the same reason the three ways.
              if (cell.status !== 'closed' && cell.bookingId === null && !offered) {
                expect(cart.skipped[0]?.reason, `reason: ${where}`).toBe(cell.reason);
                expect(checkout.reason, `reason: ${where}`).toBe(cell.reason);
              }
            } else {
              expect(checkout.outcome === 'cancelled', `cancel: ${where}`).toBe(cell.canCancel);
              expect(checkout.outcome === 'cancel_requested', `absence: ${where}`).toBe(cell.canReportAbsence);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
