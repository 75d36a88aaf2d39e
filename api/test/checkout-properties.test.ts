import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, type DeadlineRule, deadlineFor, localDateOf, type OpeningRule, openingDay } from '../src/domain/index.js';
import { loadSchoolCalendar } from '../src/modules/school-calendar/store.js';
import { type BuiltHousehold, buildHouseholds } from './builders.js';
import { type DemoFamily, demoFamily } from './demo-family.js';
import { startTestApp, type TestApp } from './harness.js';
import { TEST_NOW } from './test-database.js';
import { seasonOf } from './test-days.js';

/**
 * Random sequences of cart changes, checkouts and passing time, by several households at
 * once, against the real app and database. After every step the invariants of the booking
 * engine must hold, whatever the sequence.
 */

const C = '/v1/collectivities/ville-de-demo';
// From the test clock on: whatever days follow (school days, holidays, Wednesdays, public holidays).
const START = TEST_NOW;

let t: TestApp;
let family: DemoFamily;
let households: BuiltHousehold[];
let tight: string;

beforeAll(async () => {
  t = await startTestApp({ now: START });
  family = await demoFamily(t);
  // A tiny prepaid activity: two places a day, open every weekday, booking until the day before 18:00.
  const leisure = await t.deps.db
    .selectFrom('activities')
    .selectAll()
    .where('id', '=', family.activity.leisureDay)
    .executeTakeFirstOrThrow();
  const created = await t.deps.db
    .insertInto('activities')
    .values({
      collectivity_id: family.collectivityId,
      service_id: leisure.service_id,
      site_id: leisure.site_id,
      code: 'ATELIER-2',
      name: 'ATELIER',
      weekdays: [1, 2, 3, 4, 5],
      school_holidays: 'open',
      sessions: '[]',
      season_from: '2026-09-01',
      season_to: '2027-08-31',
      capacity: 2,
      waitlist: true,
      booking_deadline: JSON.stringify({ kind: 'calendar_days', days: 1, time: '18:00' }),
      cancellation_deadline: JSON.stringify({ kind: 'calendar_days', days: 2, time: '12:00' }),
      payment_mode: 'prepaid',
      pricing: JSON.stringify({ currency: 'EUR', tiers: [{ maxQuotient: null, amountCents: 500 }] }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  tight = created.id;
  // The same season as the town's other activities, whatever the date of the seed.
  const season = await seasonOf(t, family.activity.canteenFerry);
  await t.deps.db
    .updateTable('activities')
    .set({ season_from: season.from, season_to: season.to })
    .where('id', '=', tight)
    .execute();
  households = await buildHouseholds(t, {
    count: 4,
    collectivityId: family.collectivityId,
    activityIds: [tight, family.activity.canteenFerry],
  });
});
afterAll(() => t.close());

const step = fc.oneof(
  fc.record({
    kind: fc.constant('lines' as const),
    who: fc.integer({ min: 0, max: 3 }),
    canteen: fc.boolean(),
    action: fc.constantFrom('book' as const, 'book' as const, 'cancel' as const),
    // Days ahead of the moment the step runs: the deadlines of these days are near.
    days: fc.uniqueArray(fc.integer({ min: 0, max: 8 }), { minLength: 1, maxLength: 4 }),
  }),
  fc.record({ kind: fc.constant('checkout' as const), who: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ kind: fc.constant('time' as const), hours: fc.integer({ min: 1, max: 40 }) }),
);

async function checkInvariants(): Promise<void> {
  const db = t.deps.db;
  const now = t.clock.now();
  const rows = await db
    .selectFrom('bookings as b')
    .innerJoin('activities as a', (j) =>
      j.onRef('a.collectivity_id', '=', 'b.collectivity_id').onRef('a.id', '=', 'b.activity_id'),
    )
    .select([
      'b.child_id',
      'b.activity_id',
      'b.date',
      'b.status',
      'b.created_at',
      'b.hold_expires_at',
      'a.weekdays',
      'a.school_holidays',
      'a.season_from',
      'a.season_to',
      'a.booking_deadline',
      'a.capacity',
    ])
    .where('b.collectivity_id', '=', family.collectivityId)
    .where('b.activity_id', 'in', [tight, family.activity.canteenFerry])
    .where(
      'b.child_id',
      'in',
      households.flatMap((h) => h.childIds),
    )
    .execute();
  const schoolCalendar = await loadSchoolCalendar(db, 'C');
  const live = rows.filter((r) => ['booked', 'pending_payment', 'waitlisted', 'cancel_requested'].includes(r.status));
  const cells = new Set<string>();
  const taken = new Map<string, number>();
  for (const r of live) {
    // No double booking of a cell.
    const cell = `${r.child_id}|${r.activity_id}|${r.date}`;
    expect(cells.has(cell), `two live bookings for ${cell}`).toBe(false);
    cells.add(cell);
    // No booking on a closed day.
    const rule: OpeningRule = {
      weekdays: r.weekdays,
      schoolHolidays: r.school_holidays,
      sessions: [],
      season: { from: r.season_from, to: r.season_to },
    };
    expect(
      openingDay(r.date, rule, { schoolCalendar, alsaceMoselle: false, closures: [] }).open,
      `booking on closed ${r.date}`,
    ).toBe(true);
    // None made past its deadline.
    const deadline = deadlineFor(r.date, r.booking_deadline as unknown as DeadlineRule, {
      timeZone: 'Europe/Paris',
      alsaceMoselle: false,
    });
    expect(new Date(r.created_at).getTime(), `booking of ${r.date} made after its deadline`).toBeLessThanOrEqual(
      deadline.getTime(),
    );
    const holds =
      r.status === 'booked' ||
      r.status === 'cancel_requested' ||
      (r.status === 'pending_payment' && r.hold_expires_at && new Date(r.hold_expires_at) > now);
    if (holds) taken.set(`${r.activity_id}|${r.date}`, (taken.get(`${r.activity_id}|${r.date}`) ?? 0) + 1);
  }
  // Capacity never exceeded.
  for (const [key, count] of taken) {
    if (key.startsWith(tight)) expect(count, `over capacity on ${key}`).toBeLessThanOrEqual(2);
  }
}

describe('checkout invariants under random sequences', () => {
  it('never books a closed day, past a deadline, twice, or beyond capacity', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 3, maxLength: 14 }),
        fc.integer({ min: 0, max: 48 }),
        async (steps, offsetHours) => {
          run++;
          // Time only moves forward, as it does for real holds and deadlines.
          t.clock.advance(offsetHours * 3600_000);
          for (const h of households) {
            await t.request('DELETE', `${C}/cart`, { token: await freshToken(h) });
          }
          for (const [i, s] of steps.entries()) {
            if (s.kind === 'time') {
              t.clock.advance(s.hours * 3600_000);
              continue;
            }
            const h = households[s.who];
            if (!h) continue;
            const token = await freshToken(h);
            if (s.kind === 'lines') {
              const res = await t.request('POST', `${C}/cart/lines`, {
                token,
                body: {
                  lines: [
                    {
                      childId: h.childIds[0],
                      activityId: s.canteen ? family.activity.canteenFerry : tight,
                      action: s.action,
                      dates: s.days.map((d) => addDays(localDateOf(t.clock.now(), 'Europe/Paris'), d)),
                    },
                  ],
                },
              });
              expect([200, 422]).toContain(res.status);
            } else {
              const res = await t.request('POST', `${C}/cart/checkout`, {
                token,
                body: {},
                headers: { 'idempotency-key': `prop-${run}-${i}-${s.who}` },
              });
              expect([200, 422]).toContain(res.status);
            }
            await checkInvariants();
          }
        },
      ),
      { numRuns: 40 },
    );
    // The property must have exercised the engine, not only refused everything.
    const ids = households.flatMap((h) => h.childIds);
    const made = await sql<{ n: number }>`select count(*)::int as n from bookings where child_id in (${sql.join(ids)})`.execute(
      t.deps.db,
    );
    expect(made.rows[0]?.n ?? 0).toBeGreaterThan(0);
  });
});

async function freshToken(h: BuiltHousehold): Promise<string> {
  const { signAccessToken } = await import('../src/modules/auth/access-tokens.js');
  return signAccessToken(t.deps.keys, t.deps.config.auth, h.accountId, t.clock.now());
}
