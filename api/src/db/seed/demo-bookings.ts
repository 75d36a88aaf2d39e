/**
 * The demo's bookings: a month of canteen and childcare history with attendance for the demo
 * children, a few weeks of the other families' meals (so that meal counts and the roll call
 * look real), and the next leisure-centre session, paid online and nearly full.
 */
import { type PricedHousehold, priceFor } from '../../domain/prices.js';
import type { Executor } from '../database.js';
import type { Attendance, NewBooking } from '../schema.js';
import type { DemoCatalog, SeededActivity } from './demo-catalog.js';
import type { DemoFamilies, SeededChild, SeededHousehold } from './demo-families.js';
import { addDays, isoWeekday, type LocalDate, openDaysIn, parisInstant } from './school-calendar.js';

function pricedHousehold(household: SeededHousehold): PricedHousehold {
  return { familyQuotient: household.spec.familyQuotient, resident: household.spec.resident };
}

interface BookingInput {
  household: SeededHousehold;
  child: SeededChild;
  activity: SeededActivity;
  date: LocalDate;
  attendance?: { value: Attendance; reason?: string };
  paymentId?: string;
}

function bookingRow(collectivityId: string, input: BookingInput, today: LocalDate): NewBooking {
  const { attendance } = input;
  // Booked a week before the day (a week ago for days to come), before any payment of it.
  const bookedOn = addDays(input.date < today ? input.date : today, -7);
  return {
    collectivity_id: collectivityId,
    household_id: input.household.id,
    child_id: input.child.id,
    activity_id: input.activity.id,
    date: input.date,
    status: 'booked',
    price_cents: priceFor(input.activity.pricing, pricedHousehold(input.household)),
    payment_id: input.paymentId ?? null,
    attendance: attendance?.value ?? null,
    attendance_recorded_at: attendance === undefined ? null : parisInstant(input.date, '17:00'),
    absence_reason: attendance?.reason ?? null,
    created_at: parisInstant(bookedOn, '20:00'),
    updated_at: parisInstant(bookedOn, '20:00'),
  };
}

/** The days of `[from, to]` the activity runs on, limited to the child's own weekdays when given. */
function daysOf(activity: SeededActivity, from: LocalDate, to: LocalDate, weekdays?: readonly number[]): LocalDate[] {
  return openDaysIn({ from, to }, activity.opening).filter(
    (date) => weekdays === undefined || weekdays.includes(isoWeekday(date)),
  );
}

/** How far back the history looks for school days, and how far ahead the coming ones: over any summer. */
const HISTORY_REACH_DAYS = 16 * 7;
const AHEAD_REACH_DAYS = 16 * 7;

/**
 * Where the demo's bookings start and the coming ones are counted from. In term time the history
 * is the last `days` days; when they hold fewer than `schoolDays` days the canteen ran (after the
 * holidays, or at the rentrée) it reaches back to the `schoolDays`-th last one. The coming days
 * count from the first day the canteen runs from today on (the end of the holidays, if need be).
 */
function schoolWindow(
  canteen: SeededActivity,
  today: LocalDate,
  history: { days: number; schoolDays: number },
): { from: LocalDate; next: LocalDate } {
  const [nthLast] = daysOf(canteen, addDays(today, -HISTORY_REACH_DAYS), addDays(today, -1)).slice(-history.schoolDays);
  const lastDays = addDays(today, -history.days);
  const [next] = daysOf(canteen, today, addDays(today, AHEAD_REACH_DAYS));
  return { from: nthLast !== undefined && nthLast < lastDays ? nthLast : lastDays, next: next ?? today };
}

/**
 * The demo children's story: every school day of the last four weeks (at least fifteen) at the
 * canteen (two sick days for Alvaro, one unexplained absence for Lucia), their childcare, and a
 * few days ahead.
 */
function demoHouseholdBookings(household: SeededHousehold, today: LocalDate): BookingInput[] {
  const bookings: BookingInput[] = [];
  const yesterday = addDays(today, -1);
  household.children.forEach((child, childIndex) => {
    const window = schoolWindow(child.canteen, today, { days: 28, schoolDays: 15 });
    const pastMeals = daysOf(child.canteen, window.from, yesterday);
    // Alvaro was ill two school days in a row a week ago; Lucia skipped one lunch without notice.
    const sick = new Set(childIndex === 0 ? pastMeals.slice(-4, -2) : []);
    const unexplained = new Set(childIndex === 1 ? pastMeals.slice(-7, -6) : []);
    const attendanceOn = (date: LocalDate, meal: boolean): BookingInput['attendance'] =>
      sick.has(date)
        ? { value: 'absent_justified', reason: 'Malade' }
        : meal && unexplained.has(date)
          ? { value: 'absent_unjustified' }
          : { value: 'present' };
    for (const date of pastMeals)
      bookings.push({ household, child, activity: child.canteen, date, attendance: attendanceOn(date, true) });
    const nextMeals = daysOf(child.canteen, today, addDays(window.next, 27)).slice(0, childIndex === 0 ? 6 : 4);
    for (const date of nextMeals) bookings.push({ household, child, activity: child.canteen, date });

    for (const activity of child.enrolledIn) {
      if (activity === child.canteen || activity.opening.schoolHolidays === 'only') continue;
      // Mornings on Mondays, evenings on Tuesdays and Thursdays: the parents' late days.
      const weekdays = activity.name === 'GARDERIE MATIN' ? [1] : [2, 4];
      for (const date of daysOf(activity, window.from, yesterday, weekdays)) {
        bookings.push({ household, child, activity, date, attendance: attendanceOn(date, false) });
      }
      for (const date of daysOf(activity, today, addDays(window.next, 13), weekdays))
        bookings.push({ household, child, activity, date });
    }
  });
  return bookings;
}

/** Two weeks of school back (at least eight days) and two ahead of the other families' usual canteen and childcare days. */
function townBookings(households: readonly SeededHousehold[], today: LocalDate, canteen: SeededActivity): BookingInput[] {
  const bookings: BookingInput[] = [];
  const window = schoolWindow(canteen, today, { days: 14, schoolDays: 8 });
  const from = window.from;
  const to = addDays(window.next, 13);
  let childNumber = 0;
  for (const household of households) {
    for (const child of household.children) {
      childNumber++;
      for (const activity of child.enrolledIn) {
        if (activity.opening.schoolHolidays === 'only') continue;
        const weekdays = activity === child.canteen || activity.name === 'GARDERIE MATIN' ? child.spec.canteenDays : [1, 2, 4];
        daysOf(activity, from, to, weekdays).forEach((date, dayIndex) => {
          if (date >= today) {
            bookings.push({ household, child, activity, date });
            return;
          }
          const spread = (childNumber * 7 + dayIndex) % 31;
          const attendance: BookingInput['attendance'] =
            spread === 5
              ? { value: 'absent_justified', reason: 'Rendez-vous médical' }
              : spread === 19
                ? { value: 'absent_unjustified' }
                : { value: 'present' };
          bookings.push({ household, child, activity, date, attendance });
        });
      }
    }
  }
  return bookings;
}

/** How many children the leisure centre holds on the `index`-th day of the session: the first days fill up. */
function leisureTarget(index: number, capacity: number): number {
  const showcase = [capacity - 2, capacity, capacity - 1];
  return showcase[index] ?? Math.min(capacity, 9 + ((index * 5) % 8));
}

/**
 * The next leisure-centre session (or the one under way, if it still has a week of days) from
 * today: Alvaro on two days, the other children spread so that the first days are nearly full
 * and the second is full. A session about to end (the last days of August) would leave nothing
 * to show, nor a full day ahead to wait for.
 */
function leisureBookings(families: DemoFamilies, leisure: SeededActivity, today: LocalDate): BookingInput[] {
  const capacity = leisure.capacity;
  if (capacity === null) return [];
  const remaining = leisure.sessions.map((session) => daysOf(leisure, session.from < today ? today : session.from, session.to));
  const days = remaining.find((sessionDays) => sessionDays.length >= 5) ?? remaining.find((d) => d.length > 0) ?? [];
  const cap = leisure.maxDaysPerChildPerSession ?? days.length;
  const [demoHousehold, ...others] = families.demo;
  const bookings: BookingInput[] = [];
  const alvaro = demoHousehold?.children[0];
  if (demoHousehold !== undefined && alvaro !== undefined) {
    for (const date of days.slice(3, 5)) bookings.push({ household: demoHousehold, child: alvaro, activity: leisure, date });
  }
  const candidates = others.flatMap((household) =>
    household.children.filter((child) => child.enrolledIn.includes(leisure)).map((child) => ({ household, child, days: 0 })),
  );
  days.forEach((date, dayIndex) => {
    const already = bookings.filter((b) => b.date === date).length;
    const wanted = Math.min(leisureTarget(dayIndex, capacity), candidates.length + already) - already;
    const chosen = candidates
      .map((candidate, order) => ({ candidate, rotation: (order + dayIndex * 7) % candidates.length }))
      .filter(({ candidate }) => candidate.days < cap)
      .sort((a, b) => a.candidate.days - b.candidate.days || a.rotation - b.rotation)
      .slice(0, Math.max(0, wanted));
    for (const { candidate } of chosen) {
      candidate.days++;
      bookings.push({ household: candidate.household, child: candidate.child, activity: leisure, date });
    }
  });
  return bookings;
}

/** One online payment per household for its leisure days, paid a few days ago through the demo provider. */
async function payLeisureBookings(
  trx: Executor,
  collectivityId: string,
  bookings: BookingInput[],
  today: LocalDate,
): Promise<void> {
  const byHousehold = new Map<string, BookingInput[]>();
  for (const booking of bookings) {
    byHousehold.set(booking.household.id, [...(byHousehold.get(booking.household.id) ?? []), booking]);
  }
  let number = 0;
  for (const [householdId, lines] of byHousehold) {
    number++;
    const paidAt = parisInstant(addDays(today, -(2 + (number % 6))), '20:30');
    const amount = lines.reduce((sum, line) => sum + priceFor(line.activity.pricing, pricedHousehold(line.household)), 0);
    const { id } = await trx
      .insertInto('payments')
      .values({
        collectivity_id: collectivityId,
        household_id: householdId,
        provider: 'demo',
        provider_ref: `DEMO-SEED-${String(number).padStart(4, '0')}`,
        purpose: 'checkout',
        invoice_id: null,
        status: 'paid',
        amount_cents: amount,
        expires_at: new Date(paidAt.getTime() + 20 * 60_000),
        paid_at: paidAt,
        created_at: new Date(paidAt.getTime() - 3 * 60_000),
        updated_at: paidAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const line of lines) line.paymentId = id;
  }
}

/** Inserts every demo booking of Ville de Démo; returns how many. */
export async function seedBookings(
  trx: Executor,
  input: { today: LocalDate; catalog: DemoCatalog; families: DemoFamilies },
): Promise<number> {
  const { today, catalog, families } = input;
  const collectivityId = catalog.demo.collectivityId;
  const [demoHousehold, ...others] = families.demo;
  const bookings = [
    ...(demoHousehold === undefined ? [] : demoHouseholdBookings(demoHousehold, today)),
    ...townBookings(others, today, catalog.demo.activities.canteenTilleuls),
  ];
  const leisure = leisureBookings(families, catalog.demo.activities.leisureDay, today);
  await payLeisureBookings(trx, collectivityId, leisure, today);
  bookings.push(...leisure);
  const rows = bookings.map((booking) => bookingRow(collectivityId, booking, today));
  for (let start = 0; start < rows.length; start += 500) {
    await trx
      .insertInto('bookings')
      .values(rows.slice(start, start + 500))
      .execute();
  }
  return rows.length;
}
