import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaymentProvider } from '../src/deps.js';
import { addDays, publicHolidayOn } from '../src/domain/index.js';
import { expireHolds } from '../src/modules/payments/expire-holds.js';
import { type BuiltHousehold, buildHouseholds } from './builders.js';
import { type DemoFamily, demoFamily } from './demo-family.js';
import { startTestApp, type TestApp } from './harness.js';
import { TEST_TODAY } from './test-database.js';

/**
 * The payment provider is called after the checkout commits, never under its locks. When the
 * provider fails (or Foyer stops) between the two, the held day either gets its payment started
 * by the parent's retry with the same key, or expires like any unpaid hold.
 */

const C = '/v1/collectivities/ville-de-demo';
const HOLD_MINUTES = 20;

/** The demo provider, failing while `down` is set, and counting the payments it started. */
const provider = { down: false, started: 0, locksHeld: [] as number[] };

let t: TestApp;
let family: DemoFamily;
let activityId: string;
/** A weekday ahead of the test clock that is no public holiday: open for the activity below. */
let day: string;

beforeAll(async () => {
  t = await startTestApp({
    paymentProvider: (demo): PaymentProvider => ({
      name: demo.name,
      start: async (payment) => {
        // Nothing of the checkout's may still be locked while the provider is on the line.
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_locks
          where locktype = 'advisory' and database = (select oid from pg_database where datname = current_database())`.execute(
          t.deps.db,
        );
        provider.locksHeld.push(rows[0]?.n ?? 0);
        if (provider.down) throw new Error('provider unreachable');
        provider.started++;
        return demo.start(payment);
      },
      verifyNotification: (request) => demo.verifyNotification(request),
      refund: (payment) => demo.refund(payment),
    }),
  });
  family = await demoFamily(t);
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
      code: 'STAGE-PAIEMENT',
      name: 'Stage',
      weekdays: [1, 2, 3, 4, 5, 6, 7],
      school_holidays: 'open',
      sessions: '[]',
      season_from: addDays(TEST_TODAY, -30),
      season_to: addDays(TEST_TODAY, 60),
      capacity: 1,
      waitlist: false,
      booking_deadline: JSON.stringify({ kind: 'none' }),
      cancellation_deadline: JSON.stringify({ kind: 'none' }),
      payment_mode: 'prepaid',
      hold_minutes: HOLD_MINUTES,
      pricing: JSON.stringify({ currency: 'EUR', tiers: [{ maxQuotient: null, amountCents: 900 }] }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  activityId = created.id;
  day = addDays(TEST_TODAY, 3);
  while (publicHolidayOn(day, { alsaceMoselle: false })) day = addDays(day, 1);
  // The rules cache sees the new activity once its entry lapses.
  t.clock.advance(60_000);
});
afterAll(() => t.close());

async function parentWithDayInCart(): Promise<BuiltHousehold> {
  const [h] = await buildHouseholds(t, { count: 1, collectivityId: family.collectivityId, activityIds: [activityId] });
  if (!h) throw new Error('no household built');
  const added = await t.request('POST', `${C}/cart/lines`, {
    token: h.token,
    body: { lines: [{ childId: h.childIds[0], activityId, action: 'book', dates: [day] }] },
  });
  expect(added.status, JSON.stringify(added.body)).toBe(200);
  return h;
}

const checkout = (h: BuiltHousehold, key: string) =>
  t.request('POST', `${C}/cart/checkout`, { token: h.token, body: {}, headers: { 'idempotency-key': key } });

async function statusOfDay(h: BuiltHousehold) {
  const row = await t.deps.db
    .selectFrom('bookings')
    .select(['status', 'payment_id'])
    .where('child_id', '=', h.childIds[0] ?? '')
    .where('activity_id', '=', activityId)
    .where('date', '=', day)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return row?.status;
}

describe('the payment provider outside the checkout locks', () => {
  it('starts the payment after commit, with no lock of the checkout held', async () => {
    const h = await parentWithDayInCart();
    provider.locksHeld = [];
    const res = await checkout(h, 'start-after-commit-1');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('payment_required');
    expect(res.body.payment.url).toContain('/pay/demo/');
    expect(provider.locksHeld).toEqual([0]);
    expect(await statusOfDay(h)).toBe('pending_payment');
    // Released for the next test: the day has one place.
    t.clock.advance((HOLD_MINUTES + 1) * 60_000);
    expect(await expireHolds(t.deps)).toBe(1);
  });

  it('keeps the hold when the provider fails, and the retry with the same key starts its payment', async () => {
    const h = await parentWithDayInCart();
    provider.down = true;
    const failed = await checkout(h, 'provider-down-retry');
    provider.down = false;
    expect(failed.status).toBe(503);
    expect(failed.body.code).toBe('service_unavailable');
    // The place is held for the family all the same: nobody else takes it meanwhile.
    expect(await statusOfDay(h)).toBe('pending_payment');

    const startedBefore = provider.started;
    const retry = await checkout(h, 'provider-down-retry');
    expect(retry.status).toBe(200);
    expect(retry.body.payment.url).toContain('/pay/demo/');
    expect(retry.body.lines[0].outcome).toBe('pending_payment');
    expect(provider.started).toBe(startedBefore + 1);
    // A second replay answers the same bytes, without asking the provider again.
    const replay = await checkout(h, 'provider-down-retry');
    expect(replay.body).toEqual(retry.body);
    expect(provider.started).toBe(startedBefore + 1);
    t.clock.advance((HOLD_MINUTES + 1) * 60_000);
    expect(await expireHolds(t.deps)).toBe(1);
  });

  it('lets a hold whose payment never started expire, and frees the day for another family', async () => {
    const h = await parentWithDayInCart();
    provider.down = true;
    const failed = await checkout(h, 'provider-down-gone');
    provider.down = false;
    expect(failed.status).toBe(503);
    expect(await statusOfDay(h)).toBe('pending_payment');

    t.clock.advance((HOLD_MINUTES + 1) * 60_000);
    expect(await expireHolds(t.deps)).toBe(1);
    expect(await statusOfDay(h)).toBe('expired');
    const other = await parentWithDayInCart();
    const res = await checkout(other, 'after-expiry-1');
    expect(res.body.lines[0].outcome).toBe('pending_payment');
  });
});
