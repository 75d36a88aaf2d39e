import { gunzipSync } from 'node:zlib';
import type { KyselyPlugin } from 'kysely';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CalendarRowsReader, CalendarVersionsReader } from '../src/modules/calendar/calendar-data.js';
import { buildHouseholds } from './builders.js';
import { type DemoFamily, demoFamily } from './demo-family.js';
import { DEMO, startTestApp, type TestApp } from './harness.js';
import { TEST_NOW } from './test-database.js';
import {
  addDays,
  bookable,
  cancellable,
  daysWhere,
  maxDate,
  minDate,
  parisInstant,
  publicHolidaysBetween,
  seasonOf,
  sessionsOf,
  shifted,
  todayOf,
  weekdayOf,
} from './test-days.js';

const C = '/v1/collectivities/ville-de-demo';
let t: TestApp;
let family: DemoFamily;
let parent: string;
let queries = 0;
/** Statements reading the change counters of computed calendars (a reload's only read). */
let counterReads = 0;
/** Statements reading the rows of calendars to compute. */
let rowsReads = 0;

/** Counts the SQL statements the app sends, to check that a calendar's cost does not grow with its range. */
const queryCounter: KyselyPlugin = {
  transformQuery(args) {
    queries++;
    const text = args.node.kind === 'RawNode' ? args.node.sqlFragments.join('') : '';
    if (text.includes('from household_versions h')) counterReads++;
    if (text.includes("'cartLines'")) rowsReads++;
    return args.node;
  },
  transformResult: async (args) => args.result,
};

let today: string;
/** The canteen's season, from today on: where its days are open or closed for a reason. */
let season: { from: string; to: string };

beforeAll(async () => {
  t = await startTestApp({ plugins: [queryCounter] });
  family = await demoFamily(t);
  parent = (await t.login(DEMO.parent)).accessToken;
  today = todayOf(t);
  const canteenSeason = await seasonOf(t, family.activity.canteenFerry);
  season = { from: maxDate(today, canteenSeason.from), to: canteenSeason.to };
});
afterAll(() => t.close());
afterEach(() => t.clock.set(TEST_NOW));

interface Cell {
  date: string;
  activityId: string;
  status: string;
  reason: string | null;
  label: string | null;
  attendance: string | null;
  canBook: boolean;
  waitlist: boolean;
  canCancel: boolean;
  canReportAbsence: boolean;
  bookingDeadline: string | null;
  placesLeft: number | null;
  pending: { lineId: string; action: string } | null;
  bookingId: string | null;
}

/** Moves the clock and signs in again: an access token lives minutes, not days. */
async function at(instant: string): Promise<string> {
  t.clock.set(instant);
  return (await t.login(DEMO.parent)).accessToken;
}

const calendarOf = (child: string, query: string, token = parent) =>
  t.request('GET', `${C}/children/${child}/calendar?${query}`, { token });

async function cellsOf(child: string, from: string, to: string, activityId: string, token = parent): Promise<Map<string, Cell>> {
  const res = await calendarOf(child, `from=${from}&to=${to}`, token);
  expect(res.status).toBe(200);
  return new Map((res.body.cells as Cell[]).filter((c) => c.activityId === activityId).map((c) => [c.date, c]));
}

/** The canteen runs Monday, Tuesday, Thursday and Friday. */
const CANTEEN_WEEKDAYS = [1, 2, 4, 5];
const CANTEEN_DEADLINE_DAYS = 2;

function cell(cells: Map<string, Cell>, date: string): Cell {
  const found = cells.get(date);
  if (!found) throw new Error(`no cell on ${date}`);
  return found;
}

describe("a child's calendar", () => {
  it("lists Alvaro's activities, one cell per day and activity, by date", async () => {
    const res = await calendarOf(family.alvaro, `from=${today}&to=${addDays(today, 29)}`);
    expect(res.status).toBe(200);
    expect(res.body.child).toMatchObject({ id: family.alvaro, firstName: 'Alvaro' });
    expect(res.body.activities.map((a: { code: string }) => a.code)).toEqual([
      'REPAS-FERRY',
      'GARDERIE-MATIN-FERRY',
      'GARDERIE-SOIR-FERRY',
      'ALSH-JOURNEE',
    ]);
    expect(res.body.cells).toHaveLength(30 * 4);
    const dates = res.body.cells.map((c: Cell) => c.date);
    expect(dates).toEqual([...dates].sort());
  });

  it('closes the canteen on Wednesdays', async () => {
    const to = addDays(season.from, 29);
    const canteen = await cellsOf(family.alvaro, season.from, to, family.activity.canteenFerry);
    const wednesdays = [...canteen.keys()].filter((date) => weekdayOf(date) === 3);
    expect(wednesdays.length).toBeGreaterThanOrEqual(4);
    for (const wednesday of wednesdays) {
      expect(cell(canteen, wednesday)).toMatchObject({ status: 'closed', reason: 'weekday', canBook: false });
    }
  });

  it('closes public holidays, school holidays and closures with their names', async () => {
    const to = minDate(addDays(season.from, 399), season.to);
    const canteen = await cellsOf(family.alvaro, season.from, to, family.activity.canteenFerry);
    const holidays = publicHolidaysBetween(season.from, to).filter((h) => CANTEEN_WEEKDAYS.includes(weekdayOf(h.date)));
    expect(holidays.length).toBeGreaterThan(0);
    for (const { date, name } of holidays) {
      expect(cell(canteen, date)).toMatchObject({ status: 'closed', reason: 'public_holiday', label: name });
    }
    // The leisure centre's sessions are the school holidays: the canteen is closed on their school
    // days. The next two holidays are enough (and stay within the school calendar the API knows).
    const isPublicHoliday = new Set(holidays.map((h) => h.date));
    const coming = (await sessionsOf(t, family.activity.leisureDay)).filter((s) => s.to >= season.from).slice(0, 2);
    const schoolHolidays = coming.flatMap((session) =>
      [...canteen.keys()]
        .filter((date) => session.from <= date && date <= session.to)
        .filter((date) => CANTEEN_WEEKDAYS.includes(weekdayOf(date)) && !isPublicHoliday.has(date))
        .map((date) => ({ date, name: session.name })),
    );
    expect(schoolHolidays.length).toBeGreaterThan(0);
    for (const { date, name } of schoolHolidays) {
      expect(cell(canteen, date)).toMatchObject({ status: 'closed', reason: 'school_holiday', label: name });
    }
    const closures = await t.deps.db
      .selectFrom('closures')
      .select(['from_date', 'reason'])
      .where('collectivity_id', '=', family.collectivityId)
      .where('reason', '=', 'Journée pédagogique')
      .execute();
    expect(closures).toHaveLength(1);
    const training = closures[0]?.from_date ?? '';
    expect(cell(canteen, training)).toMatchObject({ status: 'closed', reason: 'closure', label: 'Journée pédagogique' });
  });

  it('shows the attendance of past days', async () => {
    const history = await t.deps.db
      .selectFrom('bookings')
      .select(['date', 'attendance'])
      .where('child_id', '=', family.alvaro)
      .where('activity_id', '=', family.activity.canteenFerry)
      .where('date', '<', today)
      .orderBy('date')
      .execute();
    expect(history.length).toBeGreaterThanOrEqual(15);
    const canteen = await cellsOf(family.alvaro, history[0]?.date ?? today, addDays(today, -1), family.activity.canteenFerry);
    const past = [...canteen.values()].filter((c) => c.status === 'booked');
    expect(past.map((c) => c.date)).toEqual(history.map((h) => h.date));
    const sick = past.filter((c) => c.attendance === 'absent_justified');
    expect(sick).toHaveLength(2);
    expect(past.filter((c) => c.attendance === 'present')).toHaveLength(past.length - 2);
    for (const day of past) expect(day).toMatchObject({ canBook: false, canCancel: false, canReportAbsence: false });
  });

  it('refuses a day once its booking deadline has passed', async () => {
    // One of Alvaro's coming lunches, still cancellable: cancel it, then watch the booking deadline.
    const [coming] = await daysWhere(t, parent, family.alvaro, family.activity.canteenFerry, cancellable);
    const day = coming?.date ?? '';
    const add = await t.request('POST', `${C}/cart/lines`, {
      token: parent,
      body: {
        lines: [{ childId: family.alvaro, activityId: family.activity.canteenFerry, action: 'cancel', dates: [day] }],
      },
    });
    expect(add.status).toBe(200);
    const pending = cell(await cellsOf(family.alvaro, day, day, family.activity.canteenFerry), day);
    expect(pending).toMatchObject({ status: 'booked', canCancel: true, pending: { action: 'cancel' } });
    expect(pending.pending?.lineId).toBe(add.body.cart.lines[0].id);
    const checkout = await t.request('POST', `${C}/cart/checkout`, {
      token: parent,
      body: {},
      headers: { 'idempotency-key': 'calendar-cancel-0001' },
    });
    expect(checkout.body.status).toBe('confirmed');

    const before = cell(await cellsOf(family.alvaro, day, day, family.activity.canteenFerry), day);
    expect(before).toMatchObject({ status: 'cancelled', canBook: true, reason: null, pending: null });
    // The demo canteen's rule: two days before, at 10:00 in Paris.
    const deadline = parisInstant(addDays(day, -CANTEEN_DEADLINE_DAYS), '10:00');
    expect(before.bookingDeadline).toBe(deadline);

    const later = await at(shifted(deadline, 1000));
    const after = cell(await cellsOf(family.alvaro, day, day, family.activity.canteenFerry, later), day);
    expect(after).toMatchObject({ status: 'cancelled', canBook: false, reason: 'deadline_passed' });
  });

  it('turns cancelling into reporting an absence after the cancellation deadline, until the day is over', async () => {
    // A coming lunch, cancellable now; on its morning only an absence can be reported.
    const [coming] = await daysWhere(t, parent, family.alvaro, family.activity.canteenFerry, cancellable);
    const day = coming?.date ?? '';
    expect(cell(await cellsOf(family.alvaro, day, day, family.activity.canteenFerry), day)).toMatchObject({
      status: 'booked',
      canCancel: true,
      canReportAbsence: false,
    });
    const morning = await at(parisInstant(day, '07:30'));
    expect(cell(await cellsOf(family.alvaro, day, day, family.activity.canteenFerry, morning), day)).toMatchObject({
      status: 'booked',
      canCancel: false,
      canReportAbsence: true,
    });
    const night = await at(parisInstant(addDays(day, 1), '00:30')); // the next day has begun in Paris
    expect(cell(await cellsOf(family.alvaro, day, day, family.activity.canteenFerry, night), day).canReportAbsence).toBe(false);
  });

  it('offers the waiting list on a full leisure-centre day and counts the places left', async () => {
    const leisure = family.activity.leisureDay;
    const takenOn = async (date: string) =>
      (
        await t.deps.db
          .selectFrom('bookings')
          .select(sql<number>`count(*)::int`.as('taken'))
          .where('activity_id', '=', leisure)
          .where('date', '=', date)
          .where('status', 'in', ['booked', 'cancel_requested'])
          .executeTakeFirstOrThrow()
      ).taken;
    // Two days Lucia could book now; other children of the town take every place left of the first.
    const [full, almost] = await daysWhere(t, parent, family.lucia, leisure, bookable, { count: 2 });
    if (!full || !almost) throw new Error('unreachable');
    const others = await buildHouseholds(t, {
      count: 24 - (await takenOn(full.date)),
      collectivityId: family.collectivityId,
      activityIds: [leisure],
    });
    await t.deps.db
      .insertInto('bookings')
      .values(
        others.map((h) => ({
          collectivity_id: family.collectivityId,
          household_id: h.householdId,
          child_id: h.childIds[0] ?? '',
          activity_id: leisure,
          date: full.date,
          status: 'booked' as const,
          price_cents: 1500,
          created_at: t.clock.now(),
        })),
      )
      .execute();
    const cells = await cellsOf(family.lucia, full.date, addDays(almost.date, 7), leisure);
    expect(cell(cells, full.date)).toMatchObject({
      status: 'full',
      waitlist: true,
      canBook: true,
      reason: null,
      placesLeft: 0,
    });
    const taken = await takenOn(almost.date);
    expect(taken).toBeLessThan(24);
    expect(cell(cells, almost.date)).toMatchObject({ status: 'available', waitlist: false, placesLeft: 24 - taken });
    const saturday = [...cells.keys()].find((date) => weekdayOf(date) === 6) ?? '';
    expect(cell(cells, saturday)).toMatchObject({ status: 'closed', reason: 'weekday', placesLeft: null });
  });

  it('keeps to one service when asked', async () => {
    const services = await t.request('GET', `${C}/services`, { token: parent });
    const leisure = services.body.services.find((s: { kind: string }) => s.kind === 'leisure');
    const res = await calendarOf(family.alvaro, `from=${today}&to=${addDays(today, 10)}&service=${leisure.id}`);
    expect(res.status).toBe(200);
    expect(res.body.activities.map((a: { code: string }) => a.code)).toEqual(['ALSH-JOURNEE']);
    expect(res.body.cells).toHaveLength(11);
  });

  it('says when registrations for a session are not open yet', async () => {
    // The next session with a day Lucia could book now opens its registrations in a week instead.
    const leisure = family.activity.leisureDay;
    const [day] = await daysWhere(t, parent, family.lucia, leisure, bookable);
    const date = day?.date ?? '';
    const opensAt = shifted(t.clock.now(), 7 * 86_400_000);
    const sessions = await sessionsOf(t, leisure);
    const later = sessions.map((s) => (s.from <= date && date <= s.to ? { ...s, opensAt } : s));
    await t.deps.db
      .updateTable('activities')
      .set({ sessions: JSON.stringify(later) })
      .where('id', '=', leisure)
      .execute();
    try {
      const cells = await cellsOf(family.lucia, date, date, leisure);
      expect(cell(cells, date)).toMatchObject({ status: 'available', canBook: false, reason: 'registration_not_open' });
    } finally {
      await t.deps.db
        .updateTable('activities')
        .set({ sessions: JSON.stringify(sessions) })
        .where('id', '=', leisure)
        .execute();
    }
  });

  it("answers 404 for another household's child", async () => {
    const other = (await t.login(DEMO.parent2)).accessToken;
    const res = await calendarOf(family.alvaro, `from=${today}&to=${addDays(today, 29)}`, other);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
  });

  it('sends the calendar gzipped to a client that takes gzip, the same JSON once inflated', async () => {
    const path = `${C}/children/${family.alvaro}/calendar?from=${today}&to=${addDays(today, 29)}`;
    const plain = await t.fetch(path, { headers: { authorization: `Bearer ${parent}` } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    const json = await plain.text();
    const res = await t.fetch(path, { headers: { authorization: `Bearer ${parent}`, 'accept-encoding': 'gzip, deflate, br' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('vary')).toMatch(/Accept-Encoding/i);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(bytes.length).toBeLessThan(json.length / 4);
    expect(gunzipSync(bytes).toString('utf8')).toBe(json);
  });

  it('computes once the calendar of children with nothing of their own, each answered under their own name', async () => {
    const activityIds = [family.activity.canteenFerry];
    const [a, b, c] = await buildHouseholds(t, { count: 3, collectivityId: family.collectivityId, activityIds });
    const [poorer] = await buildHouseholds(t, {
      count: 1,
      collectivityId: family.collectivityId,
      activityIds,
      familyQuotient: 300,
    });
    if (!a || !b || !c || !poorer) throw new Error('households not built');
    const range = `from=${today}&to=${addDays(today, 29)}`;
    const read = async (household: { childIds: string[]; token: string }) => {
      const path = `${C}/children/${household.childIds[0]}/calendar?${range}`;
      const gzipped = await t.fetch(path, { headers: { authorization: `Bearer ${household.token}`, 'accept-encoding': 'gzip' } });
      expect(gzipped.headers.get('content-encoding')).toBe('gzip');
      const json = gunzipSync(new Uint8Array(await gzipped.arrayBuffer())).toString('utf8');
      const plain = await t.fetch(path, { headers: { authorization: `Bearer ${household.token}` } });
      expect(await plain.text()).toBe(json);
      return JSON.parse(json);
    };
    queries = 0;
    const first = await read(a);
    const second = await read(b);
    expect(first.child.id).toBe(a.childIds[0]);
    expect(second.child.id).toBe(b.childIds[0]);
    expect(second.cells).toEqual(first.cells);
    expect(second.cells.some((cell: Cell) => cell.canBook)).toBe(true);
    // Another quotient, another price: its own calendar.
    const tier = (await read(poorer)).cells.find((cell: Cell & { priceCents: number }) => cell.status === 'available');
    const same = first.cells.find((cell: Cell) => cell.date === tier.date);
    expect(tier.priceCents).toBeLessThan(same.priceCents);

    // B books a day: B's calendar shows it; A's and a new child's still offer it.
    const day = second.cells.find((cell: Cell) => cell.canBook);
    await t.deps.db
      .insertInto('bookings')
      .values({
        collectivity_id: family.collectivityId,
        household_id: b.householdId,
        child_id: b.childIds[0] ?? '',
        activity_id: day.activityId,
        date: day.date,
        status: 'booked',
        price_cents: day.priceCents,
        created_at: t.clock.now(),
      })
      .execute();
    const at = (calendar: { cells: Cell[] }) => calendar.cells.find((cell) => cell.date === day.date);
    expect(at(await read(b))).toMatchObject({ status: 'booked', canCancel: true });
    expect(at(await read(a))).toMatchObject({ status: 'available', canBook: true });
    expect(at(await read(c))).toMatchObject({ status: 'available', canBook: true });

    // Past the day's booking deadline, a child read for the first time sees it closed to booking.
    t.clock.set(new Date(Date.parse(day.bookingDeadline) + 1000).toISOString());
    const [late] = await buildHouseholds(t, { count: 1, collectivityId: family.collectivityId, activityIds });
    if (!late) throw new Error('household not built');
    expect(at(await read(late))).toMatchObject({ status: 'available', canBook: false, reason: 'deadline_passed' });
  });

  it('requires a signed-in parent', async () => {
    const res = await t.request('GET', `${C}/children/${family.alvaro}/calendar?from=${today}&to=${addDays(today, 29)}`);
    expect(res.status).toBe(401);
  });

  it('refuses a range that ends before it starts, or longer than 400 days', async () => {
    for (const query of [`from=${today}&to=${addDays(today, -1)}`, `from=${today}&to=${addDays(today, 400)}`]) {
      const res = await calendarOf(family.alvaro, query);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors).toEqual([{ path: 'query.to', message: expect.any(String) }]);
    }
    expect((await calendarOf(family.alvaro, `from=${today}&to=${addDays(today, 399)}`)).status).toBe(200);
  });

  it('costs the same number of queries for a week, a month and a school year', async () => {
    const count = async (query: string) => {
      queries = 0;
      const res = await calendarOf(family.alvaro, query);
      expect(res.status).toBe(200);
      return queries;
    };
    // Ranges asked for the first time: the rows are read and the cells computed.
    const from = addDays(today, 91);
    const week = await count(`from=${from}&to=${addDays(from, 6)}`);
    const month = await count(`from=${from}&to=${addDays(from, 30)}`);
    const year = await count(`from=${addDays(today, 1)}&to=${addDays(today, 365)}`);
    expect(month).toBe(week);
    expect(year).toBe(week);
    expect(year).toBeLessThanOrEqual(10);
  });

  it('serves a reload from the computed calendar while nothing changed, and sees a change at once', async () => {
    // The week of the next lunch Alvaro could book, then the week after.
    const [next] = await daysWhere(
      t,
      parent,
      family.alvaro,
      family.activity.canteenFerry,
      (c) => c.status === 'available' && c.pending === null,
    );
    const day = next?.date ?? '';
    const monday = addDays(day, 1 - weekdayOf(day));
    const range = `from=${monday}&to=${addDays(monday, 6)}`;
    const first = await calendarOf(family.alvaro, range);
    queries = 0;
    const again = await calendarOf(family.alvaro, range);
    const reloadQueries = queries;
    expect(again.body).toEqual(first.body);
    queries = 0;
    await calendarOf(family.alvaro, `from=${addDays(monday, 7)}&to=${addDays(monday, 13)}`);
    // The same number of round trips; a reload's is two index lookups instead of the rows.
    expect(reloadQueries).toBe(queries);
    // A booking made elsewhere (an agent, another tab) shows on the next reload.
    const free = first.body.cells.find(
      (c: { date: string; status: string; activityId: string }) =>
        c.date === day && c.status === 'available' && c.activityId === family.activity.canteenFerry,
    );
    await t.deps.db
      .insertInto('bookings')
      .values({
        collectivity_id: family.collectivityId,
        household_id: (
          await t.deps.db.selectFrom('children').select('household_id').where('id', '=', family.alvaro).executeTakeFirstOrThrow()
        ).household_id,
        child_id: family.alvaro,
        activity_id: free.activityId,
        date: day,
        status: 'booked',
        price_cents: 220,
        created_at: t.clock.now(),
      })
      .execute();
    const after = await calendarOf(family.alvaro, range);
    expect(
      after.body.cells.find((c: { date: string; activityId: string }) => c.date === day && c.activityId === free.activityId)
        .status,
    ).toBe('booked');
  });

  /** Two new households of the demo town, their children enrolled at the canteen. */
  async function twoCanteenHouseholds() {
    const [a, b] = await buildHouseholds(t, {
      count: 2,
      collectivityId: family.collectivityId,
      activityIds: [family.activity.canteenFerry],
    });
    if (!a || !b) throw new Error('no household built');
    return [a, b] as const;
  }

  it('reads the counters of calendars reloaded together in one statement, each household its own', async () => {
    const [a, b] = await twoCanteenHouseholds();
    const [next] = await daysWhere(t, a.token, a.childIds[0] as string, family.activity.canteenFerry, bookable);
    const day = next?.date ?? today;
    const reader = new CalendarVersionsReader(t.deps.db);
    const ask = (householdId: string) => ({
      collectivityId: family.collectivityId,
      householdId,
      from: day,
      to: addDays(day, 6),
      capacityActivities: [],
    });
    const readBoth = () => Promise.all([reader.read(ask(a.householdId)), reader.read(ask(b.householdId))]);
    const book = (h: typeof a) =>
      t.deps.db
        .insertInto('bookings')
        .values({
          collectivity_id: family.collectivityId,
          household_id: h.householdId,
          child_id: h.childIds[0] as string,
          activity_id: family.activity.canteenFerry,
          date: day,
          status: 'booked',
          price_cents: 220,
          created_at: t.clock.now(),
        })
        .execute();
    await book(b);
    const before = await readBoth();
    // A booking of the first household's child only moves its counter.
    await book(a);
    counterReads = 0;
    const after = await readBoth();
    expect(counterReads).toBe(1);
    expect(after[0].household).toBeGreaterThan(before[0].household);
    expect(after[1]).toEqual(before[1]);
    // Read together as read alone.
    expect(after).toEqual([await reader.read(ask(a.householdId)), await reader.read(ask(b.householdId))]);
    expect(after[1].household).toBeGreaterThan(0);
  });

  it('reads the rows of calendars asked together in one statement, each child its own', async () => {
    const [a, b] = await twoCanteenHouseholds();
    const reader = new CalendarRowsReader(t.deps.db);
    const ask = (householdId: string, childId: string) => ({
      collectivityId: family.collectivityId,
      householdId,
      childId,
      from: today,
      to: addDays(today, 6),
      span: { from: today, to: addDays(today, 6) },
      now: t.clock.now(),
    });
    const childA = a.childIds[0] as string;
    const childB = b.childIds[0] as string;
    rowsReads = 0;
    const [rowsA, rowsB, foreign] = (
      await Promise.all([
        reader.read(ask(a.householdId, childA)),
        reader.read(ask(b.householdId, childB)),
        // Another household's child: nothing of it.
        reader.read(ask(a.householdId, childB)),
      ])
    ).map((text) => JSON.parse(text));
    expect(rowsReads).toBe(1);
    expect([rowsA.child.id, rowsB.child.id, foreign.child]).toEqual([childA, childB, null]);
    expect(rowsA.enrolments.map((e: { activityId: string }) => e.activityId)).toEqual([family.activity.canteenFerry]);
    // Read together as read alone.
    expect(JSON.parse(await reader.read(ask(b.householdId, childB)))).toEqual(rowsB);
  });
});
