import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { buildHouseholds } from './builders.js';
import { type DemoFamily, demoFamily } from './demo-family.js';
import { DEMO, startTestApp, type TestApp } from './harness.js';
import { allDaysWhere, bookable } from './test-days.js';

const C = '/v1/collectivities/ville-de-demo';
const FAMILIES = 200;

let t: TestApp;
let family: DemoFamily;
/** Three leisure-centre days bookable from today, emptied of the seed's bookings: all 24 places free. */
let days: string[];
let DAY: string;
beforeAll(async () => {
  t = await startTestApp();
  family = await demoFamily(t);
  const parent = (await t.login(DEMO.parent)).accessToken;
  const open = await allDaysWhere(t, parent, family.lucia, family.activity.leisureDay, bookable);
  days = open.slice(0, 3).map((c) => c.date);
  if (days.length < 3) throw new Error('the season should hold three leisure-centre days bookable now');
  // On some dates the seed has already booked every bookable day a little: free them.
  await t.deps.db
    .deleteFrom('bookings')
    .where('activity_id', '=', family.activity.leisureDay)
    .where('date', 'in', days)
    .execute();
  DAY = days[0] ?? '';
});
afterAll(() => t.close());

/** Bookings of the leisure day `day` by status. */
async function dayCounts(day = DAY) {
  const rows = await t.deps.db
    .selectFrom('bookings')
    .select(['status', sql<number>`count(*)::int`.as('n')])
    .where('activity_id', '=', family.activity.leisureDay)
    .where('date', '=', day)
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** `count` new families of the town, each with the leisure day `day` in its cart. */
async function familiesWithCarts(count: number, day = DAY) {
  const households = await buildHouseholds(t, {
    count,
    collectivityId: family.collectivityId,
    activityIds: [family.activity.leisureDay],
  });
  for (const h of households) {
    const res = await t.request('POST', `${C}/cart/lines`, {
      token: h.token,
      body: { lines: [{ childId: h.childIds[0], activityId: family.activity.leisureDay, action: 'book', dates: [day] }] },
    });
    expect(res.status).toBe(200);
  }
  return households;
}

const checkout = (token: string, key: string) =>
  t.request('POST', `${C}/cart/checkout`, { token, body: {}, headers: { 'idempotency-key': key } });

describe('registration rush on one leisure-centre day (24 places)', () => {
  it(`gives exactly 24 places to ${FAMILIES} simultaneous checkouts and waiting-lists the rest`, async () => {
    const households = await familiesWithCarts(FAMILIES);
    const answers = await Promise.all(households.map((h, i) => checkout(h.token, `rush-${i}-key`)));
    expect(answers.map((a) => a.status).filter((s) => s !== 200)).toEqual([]);
    const outcomes = answers.map((a) => a.body.lines[0].outcome);
    expect(outcomes.filter((o) => o === 'pending_payment')).toHaveLength(24);
    expect(outcomes.filter((o) => o === 'waitlisted')).toHaveLength(FAMILIES - 24);
    expect(await dayCounts()).toEqual({ pending_payment: 24, waitlisted: FAMILIES - 24 });
    // Every family got exactly one booking: nothing lost, nothing duplicated.
    const perChild = await t.deps.db
      .selectFrom('bookings')
      .select(['child_id', sql<number>`count(*)::int`.as('n')])
      .where('activity_id', '=', family.activity.leisureDay)
      .where('date', '=', DAY)
      .groupBy('child_id')
      .execute();
    expect(perChild).toHaveLength(FAMILIES);
    expect(perChild.every((r) => r.n === 1)).toBe(true);
    // The waiting list is in checkout order: every waitlisted entry has its instant.
    const waitlisted = await t.deps.db
      .selectFrom('bookings')
      .select('waitlisted_at')
      .where('activity_id', '=', family.activity.leisureDay)
      .where('date', '=', DAY)
      .where('status', '=', 'waitlisted')
      .execute();
    expect(waitlisted.every((w) => w.waitlisted_at !== null)).toBe(true);

    // The same rush replayed with the same keys (clients retrying): the same answers, no new row.
    const replays = await Promise.all(households.map((h, i) => checkout(h.token, `rush-${i}-key`)));
    expect(replays.map((r) => r.body)).toEqual(answers.map((a) => a.body));
    expect(await dayCounts()).toEqual({ pending_payment: 24, waitlisted: FAMILIES - 24 });
  });

  it('holds under retries racing the first attempt with the same key', async () => {
    const day = days[1] ?? '';
    const households = await familiesWithCarts(60, day);
    // Each family sends its checkout three times at once, as a flaky network would.
    const answers = await Promise.all(households.flatMap((h, i) => [0, 1, 2].map(() => checkout(h.token, `race-${i}-key`))));
    expect(answers.map((a) => a.status).filter((s) => s !== 200)).toEqual([]);
    for (let i = 0; i < households.length; i++) {
      const mine = answers.slice(i * 3, i * 3 + 3).map((a) => a.body);
      expect(mine[1]).toEqual(mine[0]);
      expect(mine[2]).toEqual(mine[0]);
    }
    expect(await dayCounts(day)).toEqual({ pending_payment: 24, waitlisted: 36 });
  });

  it('holds with two instances of Foyer batching their own checkouts, a retry going to the other', async () => {
    const day = days[2] ?? '';
    // A second instance on the same database: its own checkout queue, its own caches.
    const other = createApp(t.deps);
    const households = await familiesWithCarts(80, day);
    const viaOther = async (token: string, key: string) => {
      const res = await other.request(`${C}/cart/checkout`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: '{}',
      });
      return { status: res.status, body: await res.json() };
    };
    // Every family's checkout reaches both instances at once (a retry through the load balancer).
    const answers = await Promise.all(
      households.flatMap((h, i) => [checkout(h.token, `two-${i}-key`), viaOther(h.token, `two-${i}-key`)]),
    );
    expect(answers.map((a) => a.status).filter((s) => s !== 200)).toEqual([]);
    for (let i = 0; i < households.length; i++) expect(answers[i * 2 + 1]?.body).toEqual(answers[i * 2]?.body);
    expect(await dayCounts(day)).toEqual({ pending_payment: 24, waitlisted: 56 });
  });
});
