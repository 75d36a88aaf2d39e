import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoFamily, demoFamily } from './demo-family.js';
import { DEMO, startTestApp, type TestApp } from './harness.js';
import { addDays, todayOf } from './test-days.js';

const C = '/v1/collectivities/ville-de-demo';
let t: TestApp;
let family: DemoFamily;
let parent: string;
/** Ranges around the test clock's today: the seeded history lies behind it, the coming days ahead. */
let today: string;
let past: string;
let ahead: string;

beforeAll(async () => {
  t = await startTestApp();
  family = await demoFamily(t);
  parent = (await t.login(DEMO.parent)).accessToken;
  today = todayOf(t);
  past = `from=${addDays(today, -120)}&to=${today}`;
  ahead = `from=${addDays(today, -60)}&to=${addDays(today, 300)}`;
});
afterAll(() => t.close());

interface Booking {
  id: string;
  childId: string;
  activityId: string;
  date: string;
  status: string;
  priceCents: number;
  attendance: string | null;
  absenceReason: string | null;
  holdExpiresAt: string | null;
}

const list = (query: string, token = parent) => t.request('GET', `${C}/bookings?${query}`, { token });

async function bookings(query: string, token = parent): Promise<Booking[]> {
  const res = await list(query, token);
  expect(res.status).toBe(200);
  return res.body.bookings;
}

/** A prepaid leisure-centre day held for payment until `holdExpiresAt`, as a checkout leaves it. */
async function holdLeisureDay(child: string, date: string, holdExpiresAt: Date): Promise<string> {
  const { household_id } = await t.deps.db
    .selectFrom('children')
    .select('household_id')
    .where('id', '=', child)
    .executeTakeFirstOrThrow();
  const { id } = await t.deps.db
    .insertInto('bookings')
    .values({
      collectivity_id: family.collectivityId,
      household_id,
      child_id: child,
      activity_id: family.activity.leisureDay,
      date,
      status: 'pending_payment',
      price_cents: 950,
      hold_expires_at: holdExpiresAt,
      created_at: t.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

describe("the household's bookings", () => {
  it('lists both children by date, with the attendance of past days, and nobody else', async () => {
    const found = await bookings(past);
    expect(new Set(found.map((b) => b.childId))).toEqual(new Set([family.alvaro, family.lucia]));
    const dates = found.map((b) => b.date);
    expect(dates).toEqual([...dates].sort());
    expect(dates.every((d) => d >= addDays(today, -120) && d <= today)).toBe(true);
    const sick = found.filter((b) => b.attendance === 'absent_justified' && b.activityId === family.activity.canteenFerry);
    expect(sick.length).toBeGreaterThanOrEqual(1);
    expect(sick[0]).toMatchObject({ childId: family.alvaro, absenceReason: 'Malade', status: 'booked', priceCents: 220 });
  });

  it('narrows to one child and one status', async () => {
    const alvaro = await bookings(`${ahead}&child=${family.alvaro}`);
    expect(alvaro.length).toBeGreaterThan(0);
    expect(alvaro.every((b) => b.childId === family.alvaro)).toBe(true);
    expect(alvaro.some((b) => b.activityId === family.activity.leisureDay)).toBe(true);
    expect(await bookings(`${ahead}&child=${family.alvaro}&status=waitlisted`)).toEqual([]);
  });

  it('shows a payment hold while it lasts, then as expired', async () => {
    const now = t.clock.now();
    const day = addDays(today, 14);
    const id = await holdLeisureDay(family.lucia, day, new Date(now.getTime() + 5 * 60_000));
    const holding = await bookings(`from=${day}&to=${day}&child=${family.lucia}&status=pending_payment`);
    expect(holding.map((b) => [b.id, b.status])).toEqual([[id, 'pending_payment']]);
    expect(holding[0]?.holdExpiresAt).toBe(new Date(now.getTime() + 5 * 60_000).toISOString());

    t.clock.advance(6 * 60_000);
    expect(await bookings(`from=${day}&to=${day}&child=${family.lucia}&status=pending_payment`)).toEqual([]);
    const expired = await bookings(`from=${day}&to=${day}&child=${family.lucia}&status=expired`);
    expect(expired.map((b) => [b.id, b.status])).toEqual([[id, 'expired']]);
  });

  it("answers 404 for another household's child", async () => {
    const other = (await t.login(DEMO.parent2)).accessToken;
    const res = await list(`${past}&child=${family.alvaro}`, other);
    expect(res.status).toBe(404);
    const own = await bookings(past, other);
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((b) => b.childId === family.leo)).toBe(true);
  });

  it('refuses a reversed range or one longer than 400 days', async () => {
    for (const query of [`from=${today}&to=${addDays(today, -1)}`, `from=${today}&to=${addDays(today, 400)}`]) {
      const res = await list(query);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ path: 'query.to', message: expect.any(String) }]);
    }
    expect((await list(`to=${today}`)).status).toBe(400);
  });

  it('requires a signed-in parent', async () => {
    expect((await t.request('GET', `${C}/bookings?${past}`)).status).toBe(401);
  });
});
