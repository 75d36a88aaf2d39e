import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DemoFamily, demoFamily } from './demo-family.js';
import { DEMO, startTestApp, type TestApp } from './harness.js';
import { TEST_NOW } from './test-database.js';
import {
  addDays,
  allDaysWhere,
  bookable,
  bookableDays,
  bookableWeek,
  cellsOf,
  maxDate,
  parisInstant,
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

beforeAll(async () => {
  t = await startTestApp();
  family = await demoFamily(t);
  parent = (await t.login(DEMO.parent)).accessToken;
});
afterAll(() => t.close());

/** `count` days, all in one week, on which both Alvaro (Jules Ferry) and Lucia (Les Tilleuls) can book a lunch. */
const commonLunchWeek = (count: number) =>
  bookableWeek(
    t,
    parent,
    [
      { child: family.alvaro, activityId: family.activity.canteenFerry },
      { child: family.lucia, activityId: family.activity.canteenTilleuls },
    ],
    count,
  );

/** The first Wednesday of the canteen's season at least a week ahead. */
async function aWednesday(): Promise<string> {
  const season = await seasonOf(t, family.activity.canteenFerry);
  let day = addDays(maxDate(todayOf(t), season.from), 7);
  while (weekdayOf(day) !== 3) day = addDays(day, 1);
  return day;
}

const add = (lines: unknown[], token = parent) => t.request('POST', `${C}/cart/lines`, { token, body: { lines } });
const validate = (key: string, token = parent) =>
  t.request('POST', `${C}/cart/checkout`, { token, body: {}, headers: { 'idempotency-key': key } });
const bookingsOf = (child: string, activity: string, dates: string[]) =>
  t.deps.db
    .selectFrom('bookings')
    .select(['date', 'status', 'cancel_reason'])
    .where('child_id', '=', child)
    .where('activity_id', '=', activity)
    .where('date', 'in', dates)
    .orderBy('date')
    .execute();

describe('cart', () => {
  it('summarises per child as the flyer does, with totals per payment mode', async () => {
    const dates = await commonLunchWeek(3);
    const res = await add([
      { childId: family.alvaro, activityId: family.activity.canteenFerry, action: 'book', dates },
      { childId: family.lucia, activityId: family.activity.canteenTilleuls, action: 'book', dates },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.added).toBe(6);
    expect(res.body.cart.summary.map((s: { text: string }) => s.text)).toEqual([
      'ALVARO SANCHEZ-CORDOVES — 3 REPAS',
      'LUCIA SANCHEZ-CORDOVES — 3 REPAS',
    ]);
    expect(res.body.cart.totals).toEqual({ prepaidCents: 0, postpaidCents: 6 * 220 });
    await t.request('DELETE', `${C}/cart`, { token: parent });
  });

  it('books a period on the activity weekdays only, skipping holidays and listing them', async () => {
    // From the first lunch Alvaro can book to a week after the next school holidays that follow it.
    const [first = ''] = await bookableDays(t, parent, family.alvaro, family.activity.canteenFerry);
    const holidays = (await sessionsOf(t, family.activity.leisureDay)).find((s) => s.from > addDays(first, 3));
    if (!holidays) throw new Error(`no school holidays after ${first} in the season`);
    const from = maxDate(addDays(holidays.from, -21), first);
    const to = addDays(holidays.to, 7);
    const [expectedFirst] = await bookableDays(t, parent, family.alvaro, family.activity.canteenFerry, { from });
    const res = await add([
      { childId: family.alvaro, activityId: family.activity.canteenFerry, action: 'book', period: { from, to } },
    ]);
    expect(res.status).toBe(200);
    const dates: string[] = res.body.cart.lines.map((l: { date: string }) => l.date);
    expect(dates).toContain(expectedFirst);
    expect(dates.some((d) => weekdayOf(d) === 3)).toBe(false); // no Wednesday
    expect(dates.some((d) => d >= holidays.from && d <= holidays.to)).toBe(false); // the school holidays
    expect(res.body.skipped.map((s: { reason: string }) => s.reason)).toContain('school_holiday');
    await t.request('DELETE', `${C}/cart`, { token: parent });
  });

  it('refuses with the reason when no asked day can be booked', async () => {
    const wednesday = await aWednesday();
    const res = await add([
      { childId: family.alvaro, activityId: family.activity.canteenFerry, action: 'book', dates: [wednesday] },
    ]);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('not_bookable');
    expect(res.body.skipped).toEqual([
      { childId: family.alvaro, activityId: family.activity.canteenFerry, date: wednesday, reason: 'weekday' },
    ]);
    expect(res.body.detail).toMatch(/jour de la semaine/);
  });

  it("does not let a parent touch another household's child", async () => {
    const other = (await t.login(DEMO.parent2)).accessToken;
    const dates = await bookableDays(t, parent, family.alvaro, family.activity.canteenFerry);
    const res = await add([{ childId: family.alvaro, activityId: family.activity.canteenFerry, action: 'book', dates }], other);
    expect(res.status).toBe(404);
  });
});

describe('checkout', () => {
  it('books postpaid days at once, empties the cart, and replays the same key without a second effect', async () => {
    const dates = await bookableDays(t, parent, family.alvaro, family.activity.canteenFerry, { count: 2 });
    await add([{ childId: family.alvaro, activityId: family.activity.canteenFerry, action: 'book', dates }]);
    const first = await validate('checkout-key-0001');
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('confirmed');
    expect(first.body.lines.map((l: { outcome: string }) => l.outcome)).toEqual(['booked', 'booked']);
    expect((await t.request('GET', `${C}/cart`, { token: parent })).body.lines).toEqual([]);
    const replay = await validate('checkout-key-0001');
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(first.body);
    expect(await bookingsOf(family.alvaro, family.activity.canteenFerry, dates)).toHaveLength(2);
  });

  it('refuses a key reused for another request', async () => {
    const dates = await bookableDays(t, parent, family.alvaro, family.activity.canteenFerry);
    await add([{ childId: family.alvaro, activityId: family.activity.canteenFerry, action: 'book', dates }]);
    const res = await t.request('POST', `${C}/cart/checkout`, {
      token: parent,
      body: { returnUrl: 'https://ville.example/reservations' },
      headers: { 'idempotency-key': 'checkout-key-0001' },
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('idempotency_key_mismatch');
    expect(await bookingsOf(family.alvaro, family.activity.canteenFerry, dates)).toHaveLength(0);
    await t.request('DELETE', `${C}/cart`, { token: parent });
  });

  it('requires an idempotency key', async () => {
    const res = await t.request('POST', `${C}/cart/checkout`, { token: parent, body: {} });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('idempotency_key_required');
  });

  it('re-checks deadlines at checkout: a day whose deadline passed while in the cart is refused', async () => {
    // The next lunch Lucia can book: until two days before at 10:00, Paris time.
    const [day = ''] = await bookableDays(t, parent, family.lucia, family.activity.canteenTilleuls);
    const added = await add([
      { childId: family.lucia, activityId: family.activity.canteenTilleuls, action: 'book', dates: [day] },
    ]);
    expect(added.status).toBe(200);
    t.clock.set(shifted(parisInstant(addDays(day, -2), '10:00'), 1000));
    parent = (await t.login(DEMO.parent)).accessToken;
    const res = await validate('checkout-key-deadline');
    expect(res.body.lines[0]).toMatchObject({ outcome: 'refused', reason: 'deadline_passed' });
    expect(await bookingsOf(family.lucia, family.activity.canteenTilleuls, [day])).toHaveLength(0);
  });

  it('cancels before the deadline, and turns a late cancellation into a request for agents', async () => {
    const [first = '', second = ''] = await bookableDays(t, parent, family.alvaro, family.activity.canteenFerry, { count: 2 });
    await add([{ childId: family.alvaro, activityId: family.activity.canteenFerry, action: 'book', dates: [first, second] }]);
    await validate('checkout-key-book-two');
    await add([{ childId: family.alvaro, activityId: family.activity.canteenFerry, action: 'cancel', dates: [first] }]);
    const early = await validate('checkout-key-cancel-first');
    expect(early.body.lines[0]).toMatchObject({ outcome: 'cancelled' });
    // The morning of the second: too late to cancel, but the absence is recorded with its reason.
    t.clock.set(parisInstant(second, '07:30'));
    parent = (await t.login(DEMO.parent)).accessToken;
    await add([
      {
        childId: family.alvaro,
        activityId: family.activity.canteenFerry,
        action: 'cancel',
        dates: [second],
        reason: 'Malade',
      },
    ]);
    const late = await validate('checkout-key-cancel-second');
    expect(late.body.lines[0]).toMatchObject({ outcome: 'cancel_requested', reason: 'deadline_passed' });
    expect(await bookingsOf(family.alvaro, family.activity.canteenFerry, [first, second])).toEqual([
      { date: first, status: 'cancelled', cancel_reason: null },
      { date: second, status: 'cancel_requested', cancel_reason: 'Malade' },
    ]);
  });
});

describe('prepaid days', () => {
  // Back to the test clock: the checkout tests above moved it to the coming school days, which
  // near the spring holidays leaves no leisure day still open for booking.
  beforeEach(() => t.clock.set(TEST_NOW));
  it('credits a paid leisure day cancelled before the deadline', async () => {
    const token = (await t.login(DEMO.parent)).accessToken;
    const { household_id } = await t.deps.db
      .selectFrom('children')
      .select('household_id')
      .where('id', '=', family.alvaro)
      .executeTakeFirstOrThrow();
    // A paid leisure-centre day, well before its cancellation deadline.
    const soon = shifted(t.clock.now(), 3_600_000);
    const [day] = await allDaysWhere(
      t,
      token,
      family.alvaro,
      family.activity.leisureDay,
      (c) => bookable(c) && c.cancellationDeadline !== null && c.cancellationDeadline > soon,
    );
    const date = day?.date ?? '';
    await t.deps.db
      .insertInto('bookings')
      .values({
        collectivity_id: family.collectivityId,
        household_id,
        child_id: family.alvaro,
        activity_id: family.activity.leisureDay,
        date,
        status: 'booked',
        price_cents: 1500,
        created_at: t.clock.now(),
      })
      .execute();
    await add([{ childId: family.alvaro, activityId: family.activity.leisureDay, action: 'cancel', dates: [date] }], token);
    const res = await validate('checkout-key-credit', token);
    expect(res.body.lines[0]).toMatchObject({ outcome: 'cancelled', reason: 'credited' });
    const notes = await t.deps.db
      .selectFrom('invoice_lines')
      .innerJoin('invoices', 'invoices.id', 'invoice_lines.invoice_id')
      .select(['invoices.kind', 'invoices.total_cents', 'invoices.number'])
      .where('invoice_lines.booking_id', 'in', (eb) =>
        eb.selectFrom('bookings').select('id').where('child_id', '=', family.alvaro).where('date', '=', date),
      )
      .execute();
    expect(notes).toEqual([{ kind: 'credit_note', total_cents: -1500, number: expect.stringMatching(/^AV-\d{4}-\d{6}$/) }]);
  });
});

describe('per-session cap', () => {
  beforeEach(() => t.clock.set(TEST_NOW));
  const setCap = (cap: number) =>
    t.deps.db
      .updateTable('activities')
      .set({ max_days_per_child_per_session: cap })
      .where('id', '=', family.activity.leisureDay)
      .execute();

  it('stops a child at the days a session allows: the cart, the calendar and the checkout agree', async () => {
    const leisure = family.activity.leisureDay;
    await setCap(2);
    try {
      // A session with five days Lucia can book: two fit, the third is refused by the cart with its reason.
      const sessions = await sessionsOf(t, leisure);
      const days = (await allDaysWhere(t, parent, family.lucia, leisure, bookable)).map((c) => c.date);
      const [one, two, three, four, five] =
        sessions
          .map((session) => days.filter((d) => session.from <= d && d <= session.to))
          .find((inSession) => inSession.length >= 5) ?? [];
      if (!one || !two || !three || !four || !five) throw new Error('no session with five bookable days');
      const added = await add([{ childId: family.lucia, activityId: leisure, action: 'book', dates: [one, two, three] }]);
      expect(added.status).toBe(200);
      expect(added.body.added).toBe(2);
      expect(added.body.skipped).toEqual([{ childId: family.lucia, activityId: leisure, date: three, reason: 'session_limit' }]);
      const res = await validate('session-cap-first');
      expect(res.body.lines.map((l: { outcome: string }) => l.outcome)).toEqual(['pending_payment', 'pending_payment']);

      // The calendar says it before the parent tries, even for a range without the held days.
      const later = [three, four, five];
      const cells = (await cellsOf(t, parent, family.lucia, leisure, three, five)).filter((c) => later.includes(c.date));
      expect(cells.map((c) => [c.date, c.canBook, c.reason])).toEqual(later.map((d) => [d, false, 'session_limit']));

      // The checkout enforces it too: a cap lowered while days wait in the cart refuses the extra ones.
      await setCap(15);
      expect((await add([{ childId: family.lucia, activityId: leisure, action: 'book', dates: later }])).body.added).toBe(3);
      await setCap(3);
      const checkout = await validate('session-cap-lowered');
      expect(
        checkout.body.lines.map((l: { date: string; outcome: string; reason: string | null }) => [l.date, l.outcome, l.reason]),
      ).toEqual([
        [three, 'pending_payment', null],
        [four, 'refused', 'session_limit'],
        [five, 'refused', 'session_limit'],
      ]);
    } finally {
      await setCap(15);
    }
  });
});
