import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoFamily, demoFamily } from './demo-family.js';
import { DEMO, startTestApp, type TestApp } from './harness.js';

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
    const dates = ['2027-01-04', '2027-01-05', '2027-01-07'];
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
    const res = await add([
      {
        childId: family.alvaro,
        activityId: family.activity.canteenFerry,
        action: 'book',
        period: { from: '2026-12-14', to: '2027-01-08' },
      },
    ]);
    expect(res.status).toBe(200);
    const dates = res.body.cart.lines.map((l: { date: string }) => l.date);
    expect(dates).toContain('2026-12-14');
    expect(dates).not.toContain('2026-12-16'); // a Wednesday
    expect(dates.some((d: string) => d >= '2026-12-19' && d <= '2027-01-03')).toBe(false); // Christmas holidays
    expect(res.body.skipped.map((s: { reason: string }) => s.reason)).toContain('school_holiday');
    await t.request('DELETE', `${C}/cart`, { token: parent });
  });

  it('refuses with the reason when no asked day can be booked', async () => {
    const res = await add([
      { childId: family.alvaro, activityId: family.activity.canteenFerry, action: 'book', dates: ['2027-01-06'] },
    ]);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('not_bookable');
    expect(res.body.skipped).toEqual([
      { childId: family.alvaro, activityId: family.activity.canteenFerry, date: '2027-01-06', reason: 'weekday' },
    ]);
    expect(res.body.detail).toMatch(/jour de la semaine/);
  });

  it("does not let a parent touch another household's child", async () => {
    const other = (await t.login(DEMO.parent2)).accessToken;
    const res = await add(
      [{ childId: family.alvaro, activityId: family.activity.canteenFerry, action: 'book', dates: ['2027-01-04'] }],
      other,
    );
    expect(res.status).toBe(404);
  });
});

describe('checkout', () => {
  it('books postpaid days at once, empties the cart, and replays the same key without a second effect', async () => {
    const dates = ['2027-01-11', '2027-01-12'];
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

  it('refuses a key reused for another cart', async () => {
    await add([{ childId: family.alvaro, activityId: family.activity.canteenFerry, action: 'book', dates: ['2027-01-14'] }]);
    const res = await validate('checkout-key-0001');
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('idempotency_key_mismatch');
    expect(await bookingsOf(family.alvaro, family.activity.canteenFerry, ['2027-01-14'])).toHaveLength(0);
    await t.request('DELETE', `${C}/cart`, { token: parent });
  });

  it('requires an idempotency key', async () => {
    const res = await t.request('POST', `${C}/cart/checkout`, { token: parent, body: {} });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('idempotency_key_required');
  });

  it('re-checks deadlines at checkout: a day whose deadline passed while in the cart is refused', async () => {
    // Friday 4 December is bookable until Wednesday 2 December 10:00, Paris time.
    const added = await add([
      { childId: family.lucia, activityId: family.activity.canteenTilleuls, action: 'book', dates: ['2026-12-04'] },
    ]);
    expect(added.status).toBe(200);
    t.clock.set('2026-12-02T09:00:01Z');
    parent = (await t.login(DEMO.parent)).accessToken;
    const res = await validate('checkout-key-deadline');
    expect(res.body.lines[0]).toMatchObject({ outcome: 'refused', reason: 'deadline_passed' });
    expect(await bookingsOf(family.lucia, family.activity.canteenTilleuls, ['2026-12-04'])).toHaveLength(0);
  });

  it('cancels before the deadline, and turns a late cancellation into a request for agents', async () => {
    await add([
      { childId: family.alvaro, activityId: family.activity.canteenFerry, action: 'book', dates: ['2027-01-18', '2027-01-19'] },
    ]);
    await validate('checkout-key-book-18-19');
    await add([{ childId: family.alvaro, activityId: family.activity.canteenFerry, action: 'cancel', dates: ['2027-01-18'] }]);
    const early = await validate('checkout-key-cancel-18');
    expect(early.body.lines[0]).toMatchObject({ outcome: 'cancelled' });
    // The morning itself: too late to cancel, but the absence is recorded with its reason.
    t.clock.set('2027-01-19T06:30:00Z');
    parent = (await t.login(DEMO.parent)).accessToken;
    await add([
      {
        childId: family.alvaro,
        activityId: family.activity.canteenFerry,
        action: 'cancel',
        dates: ['2027-01-19'],
        reason: 'Malade',
      },
    ]);
    const late = await validate('checkout-key-cancel-19');
    expect(late.body.lines[0]).toMatchObject({ outcome: 'cancel_requested', reason: 'deadline_passed' });
    expect(await bookingsOf(family.alvaro, family.activity.canteenFerry, ['2027-01-18', '2027-01-19'])).toEqual([
      { date: '2027-01-18', status: 'cancelled', cancel_reason: null },
      { date: '2027-01-19', status: 'cancel_requested', cancel_reason: 'Malade' },
    ]);
  });
});

describe('prepaid days', () => {
  it('credits a paid leisure day cancelled before the deadline', async () => {
    const token = (await t.login(DEMO.parent)).accessToken;
    const { household_id } = await t.deps.db
      .selectFrom('children')
      .select('household_id')
      .where('id', '=', family.alvaro)
      .executeTakeFirstOrThrow();
    // A paid day of the winter holidays, well before its cancellation deadline.
    await t.deps.db
      .insertInto('bookings')
      .values({
        collectivity_id: family.collectivityId,
        household_id,
        child_id: family.alvaro,
        activity_id: family.activity.leisureDay,
        date: '2027-02-10',
        status: 'booked',
        price_cents: 1500,
      })
      .execute();
    await add(
      [{ childId: family.alvaro, activityId: family.activity.leisureDay, action: 'cancel', dates: ['2027-02-10'] }],
      token,
    );
    const res = await validate('checkout-key-credit', token);
    expect(res.body.lines[0]).toMatchObject({ outcome: 'cancelled', reason: 'credited' });
    const notes = await t.deps.db
      .selectFrom('invoice_lines')
      .innerJoin('invoices', 'invoices.id', 'invoice_lines.invoice_id')
      .select(['invoices.kind', 'invoices.total_cents', 'invoices.number'])
      .where('invoice_lines.booking_id', 'in', (eb) =>
        eb.selectFrom('bookings').select('id').where('child_id', '=', family.alvaro).where('date', '=', '2027-02-10'),
      )
      .execute();
    expect(notes).toEqual([{ kind: 'credit_note', total_cents: -1500, number: expect.stringMatching(/^AV-\d{4}-\d{6}$/) }]);
  });
});

describe('per-session cap', () => {
  const setCap = (cap: number) =>
    t.deps.db
      .updateTable('activities')
      .set({ max_days_per_child_per_session: cap })
      .where('id', '=', family.activity.leisureDay)
      .execute();
  type Cell = { activityId: string; date: string; canBook: boolean; reason: string | null };

  it('stops a child at the days a session allows: the cart, the calendar and the checkout agree', async () => {
    const leisure = family.activity.leisureDay;
    await setCap(2);
    try {
      // Winter holidays 2027: two days fit, the third is refused by the cart with its reason.
      const added = await add([
        { childId: family.lucia, activityId: leisure, action: 'book', dates: ['2027-02-15', '2027-02-16', '2027-02-17'] },
      ]);
      expect(added.status).toBe(200);
      expect(added.body.added).toBe(2);
      expect(added.body.skipped).toEqual([
        { childId: family.lucia, activityId: leisure, date: '2027-02-17', reason: 'session_limit' },
      ]);
      const res = await validate('session-cap-winter');
      expect(res.body.lines.map((l: { outcome: string }) => l.outcome)).toEqual(['pending_payment', 'pending_payment']);

      // The calendar says it before the parent tries, even for a range without the held days.
      const calendar = await t.request('GET', `${C}/children/${family.lucia}/calendar?from=2027-02-17&to=2027-02-19`, {
        token: parent,
      });
      const cells = (calendar.body.cells as Cell[]).filter((c) => c.activityId === leisure);
      expect(cells.map((c) => [c.date, c.canBook, c.reason])).toEqual([
        ['2027-02-17', false, 'session_limit'],
        ['2027-02-18', false, 'session_limit'],
        ['2027-02-19', false, 'session_limit'],
      ]);

      // The checkout enforces it too: a cap lowered while days wait in the cart refuses the extra ones.
      await setCap(15);
      const spring = ['2027-04-06', '2027-04-07', '2027-04-08'];
      expect((await add([{ childId: family.lucia, activityId: leisure, action: 'book', dates: spring }])).body.added).toBe(3);
      await setCap(1);
      const checkout = await validate('session-cap-spring');
      expect(
        checkout.body.lines.map((l: { date: string; outcome: string; reason: string | null }) => [l.date, l.outcome, l.reason]),
      ).toEqual([
        ['2027-04-06', 'pending_payment', null],
        ['2027-04-07', 'refused', 'session_limit'],
        ['2027-04-08', 'refused', 'session_limit'],
      ]);
    } finally {
      await setCap(15);
    }
  });
});
