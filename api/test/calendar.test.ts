import { gunzipSync } from 'node:zlib';
import type { KyselyPlugin } from 'kysely';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type DemoFamily, demoFamily } from './demo-family.js';
import { DEMO, startTestApp, type TestApp } from './harness.js';
import { TEST_NOW } from './test-database.js';

const C = '/v1/collectivities/ville-de-demo';
let t: TestApp;
let family: DemoFamily;
let parent: string;
let queries = 0;

/** Counts the SQL statements the app sends, to check that a calendar's cost does not grow with its range. */
const queryCounter: KyselyPlugin = {
  transformQuery(args) {
    queries++;
    return args.node;
  },
  transformResult: async (args) => args.result,
};

beforeAll(async () => {
  t = await startTestApp({ plugins: [queryCounter] });
  family = await demoFamily(t);
  parent = (await t.login(DEMO.parent)).accessToken;
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

function cell(cells: Map<string, Cell>, date: string): Cell {
  const found = cells.get(date);
  if (!found) throw new Error(`no cell on ${date}`);
  return found;
}

describe("a child's calendar", () => {
  it("lists Alvaro's activities, one cell per day and activity, by date", async () => {
    const res = await calendarOf(family.alvaro, 'from=2026-11-01&to=2026-11-30');
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
    const canteen = await cellsOf(family.alvaro, '2026-11-01', '2026-11-30', family.activity.canteenFerry);
    for (const wednesday of ['2026-11-04', '2026-11-18', '2026-11-25']) {
      expect(cell(canteen, wednesday)).toMatchObject({ status: 'closed', reason: 'weekday', canBook: false });
    }
  });

  it('closes public holidays, school holidays and closures with their names', async () => {
    const canteen = await cellsOf(family.alvaro, '2026-12-01', '2026-12-31', family.activity.canteenFerry);
    expect(cell(canteen, '2026-12-25')).toMatchObject({ status: 'closed', reason: 'public_holiday', label: 'Noël' });
    expect(cell(canteen, '2026-12-21')).toMatchObject({ status: 'closed', reason: 'school_holiday', label: 'Vacances de Noël' });
    const training = [...canteen.values()].find((c) => c.reason === 'closure');
    expect(training?.label).toBe('Journée pédagogique');
    const may = await cellsOf(family.alvaro, '2027-05-01', '2027-05-31', family.activity.canteenFerry);
    expect(cell(may, '2027-05-06')).toMatchObject({ status: 'closed', reason: 'public_holiday', label: 'Ascension' });
  });

  it('shows the attendance of past days', async () => {
    const canteen = await cellsOf(family.alvaro, '2026-11-01', '2026-11-26', family.activity.canteenFerry);
    const past = [...canteen.values()].filter((c) => c.status === 'booked');
    expect(past.length).toBeGreaterThanOrEqual(15);
    const sick = past.filter((c) => c.attendance === 'absent_justified');
    expect(sick).toHaveLength(2);
    expect(past.filter((c) => c.attendance === 'present')).toHaveLength(past.length - 2);
    for (const day of past) expect(day).toMatchObject({ canBook: false, canCancel: false, canReportAbsence: false });
  });

  it('refuses a day once its booking deadline has passed', async () => {
    // Alvaro's lunch of Monday 30 November is booked: cancel it, then watch the deadline.
    const add = await t.request('POST', `${C}/cart/lines`, {
      token: parent,
      body: {
        lines: [{ childId: family.alvaro, activityId: family.activity.canteenFerry, action: 'cancel', dates: ['2026-11-30'] }],
      },
    });
    expect(add.status).toBe(200);
    const pending = cell(await cellsOf(family.alvaro, '2026-11-30', '2026-11-30', family.activity.canteenFerry), '2026-11-30');
    expect(pending).toMatchObject({ status: 'booked', canCancel: true, pending: { action: 'cancel' } });
    expect(pending.pending?.lineId).toBe(add.body.cart.lines[0].id);
    const checkout = await t.request('POST', `${C}/cart/checkout`, {
      token: parent,
      body: {},
      headers: { 'idempotency-key': 'calendar-cancel-0001' },
    });
    expect(checkout.body.status).toBe('confirmed');

    const before = cell(await cellsOf(family.alvaro, '2026-11-30', '2026-11-30', family.activity.canteenFerry), '2026-11-30');
    expect(before).toMatchObject({ status: 'cancelled', canBook: true, reason: null, pending: null });
    expect(before.bookingDeadline).toBe('2026-11-28T09:00:00.000Z'); // Saturday 10:00 in Paris

    const later = await at('2026-11-28T09:00:01Z');
    const after = cell(
      await cellsOf(family.alvaro, '2026-11-30', '2026-11-30', family.activity.canteenFerry, later),
      '2026-11-30',
    );
    expect(after).toMatchObject({ status: 'cancelled', canBook: false, reason: 'deadline_passed' });
  });

  it('turns cancelling into reporting an absence after the cancellation deadline, until the day is over', async () => {
    // Tuesday 1 December: cancellable until Sunday 29 November 10:00.
    const day = '2026-12-01';
    expect(cell(await cellsOf(family.alvaro, day, day, family.activity.canteenFerry), day)).toMatchObject({
      status: 'booked',
      canCancel: true,
      canReportAbsence: false,
    });
    const morning = await at('2026-12-01T06:30:00Z');
    expect(cell(await cellsOf(family.alvaro, day, day, family.activity.canteenFerry, morning), day)).toMatchObject({
      status: 'booked',
      canCancel: false,
      canReportAbsence: true,
    });
    const night = await at('2026-12-01T23:30:00Z'); // Wednesday 00:30 in Paris
    expect(cell(await cellsOf(family.alvaro, day, day, family.activity.canteenFerry, night), day).canReportAbsence).toBe(false);
  });

  it('offers the waiting list on a full leisure-centre day and counts the places left', async () => {
    const taken = await t.deps.db
      .selectFrom('bookings')
      .select(['date', sql<number>`count(*)::int`.as('taken')])
      .where('activity_id', '=', family.activity.leisureDay)
      .where('status', 'in', ['booked', 'cancel_requested'])
      .groupBy('date')
      .execute();
    const full = taken.find((d) => d.taken >= 24);
    const almost = taken.find((d) => d.taken < 24);
    if (!full || !almost) throw new Error('the seed should fill one leisure-centre day and not another');
    const dates = taken.map((d) => d.date).sort();
    const leisure = await cellsOf(family.lucia, dates[0] ?? '', dates[dates.length - 1] ?? '', family.activity.leisureDay);
    expect(cell(leisure, full.date)).toMatchObject({
      status: 'full',
      waitlist: true,
      canBook: true,
      reason: null,
      placesLeft: 0,
    });
    expect(cell(leisure, almost.date)).toMatchObject({ status: 'available', waitlist: false, placesLeft: 24 - almost.taken });
    expect(cell(leisure, '2026-12-25')).toMatchObject({ status: 'closed', reason: 'public_holiday', placesLeft: null });
  });

  it('keeps to one service when asked', async () => {
    const services = await t.request('GET', `${C}/services`, { token: parent });
    const leisure = services.body.services.find((s: { kind: string }) => s.kind === 'leisure');
    const res = await calendarOf(family.alvaro, `from=2026-12-21&to=2026-12-31&service=${leisure.id}`);
    expect(res.status).toBe(200);
    expect(res.body.activities.map((a: { code: string }) => a.code)).toEqual(['ALSH-JOURNEE']);
    expect(res.body.cells).toHaveLength(11);
  });

  it('says that summer registrations are not open yet', async () => {
    const summer = await cellsOf(family.alvaro, '2027-07-05', '2027-07-09', family.activity.leisureDay);
    expect(cell(summer, '2027-07-05')).toMatchObject({ status: 'available', canBook: false, reason: 'registration_not_open' });
  });

  it("answers 404 for another household's child", async () => {
    const other = (await t.login(DEMO.parent2)).accessToken;
    const res = await calendarOf(family.alvaro, 'from=2026-11-01&to=2026-11-30', other);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
  });

  it('sends the calendar gzipped to a client that takes gzip, the same JSON once inflated', async () => {
    const path = `${C}/children/${family.alvaro}/calendar?from=2026-11-01&to=2026-11-30`;
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

  it('requires a signed-in parent', async () => {
    const res = await t.request('GET', `${C}/children/${family.alvaro}/calendar?from=2026-11-01&to=2026-11-30`);
    expect(res.status).toBe(401);
  });

  it('refuses a range that ends before it starts, or longer than 400 days', async () => {
    for (const query of ['from=2026-12-01&to=2026-11-30', 'from=2026-09-01&to=2027-10-06']) {
      const res = await calendarOf(family.alvaro, query);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors).toEqual([{ path: 'query.to', message: expect.any(String) }]);
    }
    expect((await calendarOf(family.alvaro, 'from=2026-09-01&to=2027-10-05')).status).toBe(200);
  });

  it('costs the same number of queries for a week, a month and a school year', async () => {
    const count = async (query: string) => {
      queries = 0;
      const res = await calendarOf(family.alvaro, query);
      expect(res.status).toBe(200);
      return queries;
    };
    // Ranges asked for the first time: the rows are read and the cells computed.
    const week = await count('from=2027-03-01&to=2027-03-07');
    const month = await count('from=2027-03-01&to=2027-03-31');
    const year = await count('from=2026-09-02&to=2027-08-31');
    expect(month).toBe(week);
    expect(year).toBe(week);
    expect(year).toBeLessThanOrEqual(10);
  });

  it('serves a reload from the computed calendar while nothing changed, and sees a change at once', async () => {
    const range = 'from=2027-03-08&to=2027-03-14';
    const first = await calendarOf(family.alvaro, range);
    queries = 0;
    const again = await calendarOf(family.alvaro, range);
    const reloadQueries = queries;
    expect(again.body).toEqual(first.body);
    queries = 0;
    await calendarOf(family.alvaro, 'from=2027-03-15&to=2027-03-21');
    // The same number of round trips; a reload's is two index lookups instead of the rows.
    expect(reloadQueries).toBe(queries);
    // A booking made elsewhere (an agent, another tab) shows on the next reload.
    const monday = first.body.cells.find(
      (c: { date: string; status: string }) => c.date === '2027-03-08' && c.status === 'available',
    );
    await t.deps.db
      .insertInto('bookings')
      .values({
        collectivity_id: family.collectivityId,
        household_id: (
          await t.deps.db.selectFrom('children').select('household_id').where('id', '=', family.alvaro).executeTakeFirstOrThrow()
        ).household_id,
        child_id: family.alvaro,
        activity_id: monday.activityId,
        date: '2027-03-08',
        status: 'booked',
        price_cents: 220,
      })
      .execute();
    const after = await calendarOf(family.alvaro, range);
    expect(
      after.body.cells.find(
        (c: { date: string; activityId: string }) => c.date === '2027-03-08' && c.activityId === monday.activityId,
      ).status,
    ).toBe('booked');
  });
});
