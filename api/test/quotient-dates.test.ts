// A family quotient recorded ahead applies from its date: the calendar, the cart and the booking
// price the days before it with the quotient in force then, and the days from it with the new one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../src/domain/index.js';
import { ADMIN, invitationTokenFor, newActivity } from './admin-test-support.js';
import { DEMO, startTestApp, type TestApp } from './harness.js';
import { TEST_TODAY } from './test-database.js';

const C = '/v1/collectivities/ville-de-demo';
let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await startTestApp({ config: { cacheSeconds: 300 } });
  admin = (await t.login(DEMO.agent)).accessToken;
});
afterAll(() => t.close());

interface Cell {
  date: string;
  activityId: string;
  canBook: boolean;
  priceCents: number;
}

describe('a family quotient with the date it applies from', () => {
  it('prices the days before its date with the old quotient and the days from it with the new one', async () => {
    // Tiers (admin-test-support): quotient ≤ 600 pays 1.50 €, above pays 4.20 €.
    const { activityId } = await newActivity(t, admin, { bookingDeadline: { kind: 'none' }, weekdays: [1, 2, 3, 4, 5, 6, 7] });
    const created = await t.request('POST', `${ADMIN}/households`, {
      token: admin,
      body: {
        name: 'Famille Perrin',
        guardian: { firstName: 'Lou', lastName: 'Perrin', email: 'lou.perrin@example.org' },
        children: [{ firstName: 'Mila', lastName: 'Perrin', birthDate: '2018-06-09' }],
      },
    });
    const householdId = created.body.household.id as string;
    const childId = created.body.children[0].id as string;
    await t.request('POST', `${ADMIN}/enrolments`, {
      token: admin,
      body: { childId, activityId, from: TEST_TODAY, to: addDays(TEST_TODAY, 300) },
    });
    const change = addDays(TEST_TODAY, 10);
    for (const [quotient, appliesFrom] of [
      [480, TEST_TODAY],
      [1500, change],
    ] as const) {
      const recorded = await t.request('POST', `${ADMIN}/households/${householdId}/quotients`, {
        token: admin,
        body: { quotient, appliesFrom },
      });
      expect(recorded.status).toBe(201);
    }
    const parent = (
      await t.request('POST', '/v1/auth/activate', {
        body: { token: await invitationTokenFor(t, 'lou.perrin@example.org'), password: 'le quotient de janvier' },
      })
    ).body.accessToken as string;

    const calendar = await t.request(
      'GET',
      `${C}/children/${childId}/calendar?from=${TEST_TODAY}&to=${addDays(TEST_TODAY, 20)}`,
      {
        token: parent,
      },
    );
    const open = (calendar.body.cells as Cell[]).filter((c) => c.activityId === activityId && c.canBook);
    const before = open.filter((c) => c.date < change);
    const after = open.filter((c) => c.date >= change);
    expect(before.length).toBeGreaterThan(0);
    expect(after.length).toBeGreaterThan(0);
    expect(new Set(before.map((c) => c.priceCents))).toEqual(new Set([150]));
    expect(new Set(after.map((c) => c.priceCents))).toEqual(new Set([420]));

    // The cart and the booking price each day the same way.
    const days = [before[0]?.date ?? '', after[0]?.date ?? ''];
    await t.request('POST', `${C}/cart/lines`, {
      token: parent,
      body: { lines: [{ childId, activityId, action: 'book', dates: days }] },
    });
    const cart = await t.request('GET', `${C}/cart`, { token: parent });
    expect(cart.body.lines.map((l: { date: string; priceCents: number }) => [l.date, l.priceCents])).toEqual([
      [days[0], 150],
      [days[1], 420],
    ]);
    const checkout = await t.request('POST', `${C}/cart/checkout`, {
      token: parent,
      body: {},
      headers: { 'idempotency-key': 'quotient-dates-1' },
    });
    expect(checkout.body.status).toBe('confirmed');
    const booked = await t.deps.db
      .selectFrom('bookings')
      .select(['date', 'price_cents'])
      .where('child_id', '=', childId)
      .orderBy('date')
      .execute();
    expect(booked.map((b) => [String(b.date), b.price_cents])).toEqual([
      [days[0], 150],
      [days[1], 420],
    ]);
  });
});
