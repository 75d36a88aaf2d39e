import { cart, type Fetch, type FoyerClient, FoyerError, type household } from '@foyer/sdk';
import * as v from 'valibot';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addDays, allDaysWhere, bookableDays, bookableWeek, parisInstant, shifted, weekdayOf } from '../../api/test/test-days.js';
import { withAdmin } from '../src/client/admin.js';
import { DEMO, type SdkTestApp, startSdkTestApp } from './api.js';

// The booking engine through the SDK, against the real API on the seeded database; its days
// are found from the test clock (`FOYER_TEST_NOW`), whatever the date.

let api: SdkTestApp;
let parent: FoyerClient;
let alvaro: household.Child;
let lucia: household.Child;
/** The demo parent's access token, for the test helpers that read the calendar to find days. */
let token: string;

beforeAll(async () => {
  api = await startSdkTestApp();
  parent = await signedIn(DEMO.parent);
  const { children } = await parent.children.list();
  alvaro = childNamed(children, 'Alvaro');
  lucia = childNamed(children, 'Lucia');
  token = (await api.t.login(DEMO.parent)).accessToken;
});
afterAll(() => api.close());
// Every test starts from an empty cart, whatever the one before left in it.
afterEach(async () => {
  await parent.cart.empty();
});

async function signedIn(email: string, client = api.client()): Promise<FoyerClient> {
  await client.auth.login({ email, password: DEMO.password });
  return client;
}

function childNamed(children: household.Child[], firstName: string): household.Child {
  const child = children.find((c) => c.firstName === firstName);
  if (!child) throw new Error(`the demo household has no ${firstName}`);
  return child;
}

/** The canteen (REPAS) a child is enrolled in, as the SDK shows it. */
function canteenOf(child: household.Child): string {
  const enrolment = child.enrolments.find((e) => e.activity.code.startsWith('REPAS'));
  if (!enrolment) throw new Error(`${child.firstName} has no canteen`);
  return enrolment.activity.id;
}

/** The next `count` days a child's canteen can be booked. */
const lunches = (child: household.Child, count = 1) => bookableDays(api.t, token, child.id, canteenOf(child), { count });

/** `count` days of one week on which both children's canteens can be booked. */
const lunchWeek = (count: number) =>
  bookableWeek(
    api.t,
    token,
    [
      { child: alvaro.id, activityId: canteenOf(alvaro) },
      { child: lucia.id, activityId: canteenOf(lucia) },
    ],
    count,
  );

/** Every booking row of a child's activity on those days, whatever its status. */
function bookingRows(childId: string, activityId: string, dates: string[]) {
  return api.t.deps.db
    .selectFrom('bookings')
    .select(['id', 'date', 'status'])
    .where('child_id', '=', childId)
    .where('activity_id', '=', activityId)
    .where('date', 'in', dates)
    .orderBy('date')
    .execute();
}

/**
 * A network that loses the first answer to `POST …/cart/checkout`: the request reaches the API
 * and is performed, then the connection drops before the answer arrives.
 */
function losingFirstCheckoutAnswer(fetch: Fetch): Fetch & { checkoutKeys: (string | null)[] } {
  const checkoutKeys: (string | null)[] = [];
  const lossy: Fetch = async (url, init) => {
    const response = await fetch(url, init);
    if (init.method !== 'POST' || !new URL(url).pathname.endsWith('/cart/checkout')) return response;
    checkoutKeys.push(new Headers(init.headers).get('idempotency-key'));
    if (checkoutKeys.length > 1) return response;
    await response.body?.cancel();
    throw new TypeError('fetch failed', { cause: new Error('read ECONNRESET') });
  };
  return Object.assign(lossy, { checkoutKeys });
}

describe('calendar', () => {
  it("shows a month of Alvaro's calendar, the canteen closed on Wednesdays", async () => {
    // A month from the next lunch Alvaro can book.
    const [first = ''] = await lunches(alvaro);
    const last = addDays(first, 30);
    const month = await parent.calendar.get(alvaro.id, { from: first, to: last });
    expect(month).toMatchObject({ child: { id: alvaro.id, firstName: 'Alvaro' }, from: first, to: last });
    const canteen = canteenOf(alvaro);
    expect(month.activities).toContainEqual(
      expect.objectContaining({ id: canteen, code: 'REPAS-FERRY', paymentMode: 'postpaid' }),
    );

    const meals = month.cells.filter((cell) => cell.activityId === canteen);
    expect(meals.map((cell) => cell.date)).toEqual(Array.from({ length: 31 }, (_, i) => addDays(first, i)));
    const wednesdays = meals.filter((cell) => weekdayOf(cell.date) === 3);
    expect(wednesdays.length).toBeGreaterThanOrEqual(4);
    for (const cell of wednesdays) {
      expect(cell).toMatchObject({ status: 'closed', reason: 'weekday', canBook: false, bookingId: null });
    }
    // The first day: open, bookable until two days before at 10:00 in Paris, at the household's price.
    const open = meals.find((cell) => cell.date === first);
    expect(open).toMatchObject({ status: 'available', reason: null, canBook: true, pending: null });
    expect(new Date(open?.bookingDeadline ?? 0).toISOString()).toBe(parisInstant(addDays(first, -2), '10:00'));
    expect(open?.priceCents).toBeGreaterThan(0);
  });

  it("prices a day as the household's services say", async () => {
    const { services } = await parent.services.list();
    const activities = services.flatMap((service) => service.sites.flatMap((site) => site.activities));
    const canteen = activities.find((activity) => activity.id === canteenOf(alvaro));
    expect(canteen).toMatchObject({ code: 'REPAS-FERRY', paymentMode: 'postpaid', weekdays: [1, 2, 4, 5] });
    const [day = ''] = await lunches(alvaro);
    const { cells } = await parent.calendar.get(alvaro.id, { from: day, to: day });
    expect(cells.find((cell) => cell.activityId === canteen?.id)?.priceCents).toBe(canteen?.priceCents);
  });

  it('marks the days waiting in the cart', async () => {
    const canteen = canteenOf(alvaro);
    const [day = ''] = await lunches(alvaro);
    const { cart: withDay } = await parent.cart.addLines({
      lines: [{ childId: alvaro.id, activityId: canteen, action: 'book', dates: [day] }],
    });
    const line = withDay.lines.find((l) => l.childId === alvaro.id && l.date === day);
    const { cells } = await parent.calendar.get(alvaro.id, { from: day, to: day });
    expect(cells.find((cell) => cell.activityId === canteen)?.pending).toEqual({ lineId: line?.id, action: 'book' });
  });
});

describe('cart', () => {
  it('adds three canteen days for Alvaro and Lucia and sums them up per child', async () => {
    const dates = await lunchWeek(3);
    const change = await parent.cart.addLines({
      lines: [
        { childId: alvaro.id, activityId: canteenOf(alvaro), action: 'book', dates },
        { childId: lucia.id, activityId: canteenOf(lucia), action: 'book', dates },
      ],
    });
    expect(change).toMatchObject({ added: 6, skipped: [] });
    expect(change.cart.summary.map((s) => s.text)).toEqual([
      'ALVARO SANCHEZ-CORDOVES — 3 REPAS',
      'LUCIA SANCHEZ-CORDOVES — 3 REPAS',
    ]);
    const postpaid = change.cart.lines.reduce((sum, line) => sum + line.priceCents, 0);
    expect(change.cart.totals).toEqual({ prepaidCents: 0, postpaidCents: postpaid });
    expect(await parent.cart.get()).toEqual(change.cart);
  });

  it('removes one line, then empties the cart', async () => {
    const dates = await lunchWeek(3);
    const { cart: full } = await parent.cart.addLines({
      lines: [
        { childId: alvaro.id, activityId: canteenOf(alvaro), action: 'book', dates },
        { childId: lucia.id, activityId: canteenOf(lucia), action: 'book', dates },
      ],
    });
    const lastOfLucia = full.lines.find((line) => line.childId === lucia.id && line.date === dates[2]);
    const after = await parent.cart.removeLine(lastOfLucia?.id ?? '');
    expect(after.summary.map((s) => s.text)).toEqual(['ALVARO SANCHEZ-CORDOVES — 3 REPAS', 'LUCIA SANCHEZ-CORDOVES — 2 REPAS']);
    expect((await parent.cart.empty()).lines).toEqual([]);
    await expect(parent.cart.removeLine(lastOfLucia?.id ?? '')).rejects.toMatchObject({ status: 404, code: 'not_found' });
  });
});

describe('checkout', () => {
  it('books once when the answer is lost: the retry presents the same key and gets the stored answer', async () => {
    const dates = await lunches(alvaro, 3);
    const canteen = canteenOf(alvaro);
    const network = losingFirstCheckoutAnswer(api.fetch);
    const client = await signedIn(DEMO.parent, api.client({ fetch: network, backoff: () => 0 }));
    await client.cart.addLines({ lines: [{ childId: alvaro.id, activityId: canteen, action: 'book', dates }] });

    // A page of the collectivity's own sites: any other origin is refused (no open redirect).
    const result = await client.cart.checkout({ returnUrl: `${api.t.deps.config.publicUrl}/famille` });

    expect(network.checkoutKeys).toHaveLength(2);
    expect(network.checkoutKeys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(network.checkoutKeys[1]).toBe(network.checkoutKeys[0]);
    expect(result).toMatchObject({ status: 'confirmed', payment: null });
    expect(result.lines.map((line) => [line.date, line.outcome])).toEqual(dates.map((date) => [date, 'booked']));
    const rows = await bookingRows(alvaro.id, canteen, dates);
    expect(rows.map((row) => [row.date, row.status])).toEqual(dates.map((date) => [date, 'booked']));
    expect(rows.map((row) => row.id)).toEqual(result.lines.map((line) => line.bookingId));
    expect((await client.cart.get()).lines).toEqual([]);
    const { bookings } = await client.bookings.list({ from: dates[0] ?? '', to: dates[2] ?? '', child: alvaro.id });
    expect(bookings.filter((b) => b.activityId === canteen).map((b) => [b.date, b.status])).toEqual(
      dates.map((date) => [date, 'booked']),
    );
  });

  it('answers a key kept across a reload with the first answer, and books nothing more', async () => {
    const dates = await lunches(lucia, 2);
    const canteen = canteenOf(lucia);
    await parent.cart.addLines({ lines: [{ childId: lucia.id, activityId: canteen, action: 'book', dates }] });
    const idempotencyKey = crypto.randomUUID();

    const first = await parent.cart.checkout({}, { idempotencyKey });
    const again = await parent.cart.checkout({}, { idempotencyKey });

    expect(again).toEqual(first);
    expect(first.lines.map((line) => line.outcome)).toEqual(['booked', 'booked']);
    expect((await bookingRows(lucia.id, canteen, dates)).map((row) => row.date)).toEqual(dates);
  });
});

describe('agents', () => {
  it("lists a late cancellation, rejects it, and sees the child on the day's list", async () => {
    const canteen = canteenOf(alvaro);
    // The morning of Alvaro's next booked lunch: too late to cancel, so it goes to the agents.
    const [next] = await allDaysWhere(api.t, token, alvaro.id, canteen, (cell) => cell.status === 'booked');
    const day = next?.date ?? '';
    const now = api.t.clock.now().toISOString();
    api.t.clock.set(parisInstant(day, '07:30'));
    try {
      const morning = await signedIn(DEMO.parent);
      // The back office's methods are in @foyer/sdk/admin, on top of the same session.
      const agent = withAdmin(await signedIn(DEMO.agent));
      await morning.cart.addLines({
        lines: [{ childId: alvaro.id, activityId: canteen, action: 'cancel', dates: [day], reason: 'Malade' }],
      });
      const validated = await morning.cart.checkout();
      expect(validated.lines).toEqual([expect.objectContaining({ outcome: 'cancel_requested', reason: 'deadline_passed' })]);
      const bookingId = validated.lines[0]?.bookingId ?? '';

      const { lateCancellations } = await agent.admin.lateCancellations.list({ activity: canteen });
      expect(lateCancellations).toContainEqual(
        expect.objectContaining({
          bookingId,
          date: day,
          child: expect.objectContaining({ id: alvaro.id }),
          reason: 'Malade',
        }),
      );
      const { entries } = await agent.admin.dayList.get({ date: day, activity: canteen });
      expect(entries).toContainEqual(expect.objectContaining({ bookingId, status: 'cancel_requested' }));

      const decided = await agent.admin.lateCancellations.decide(bookingId, {
        decision: 'reject',
        reason: 'Repas déjà commandé',
      });
      expect(decided).toEqual({ bookingId, status: 'booked', creditNoteId: null });
      await expect(agent.admin.lateCancellations.decide(bookingId, { decision: 'accept', refund: false })).rejects.toMatchObject({
        status: 409,
      });
      await expect(withAdmin(morning).admin.dayList.get({ date: day })).rejects.toMatchObject({ status: 403, code: 'forbidden' });
    } finally {
      api.t.clock.set(now);
    }
  });
});

describe('errors', () => {
  it('refuses a canteen day past its deadline with a FoyerError that keeps the refused days', async () => {
    const today = api.t.clock.now().toISOString();
    // The next lunch Alvaro can book, until two days before at 10:00 in Paris; it is now one second later.
    const [day = ''] = await lunches(alvaro);
    api.t.clock.set(shifted(parisInstant(addDays(day, -2), '10:00'), 1000));
    try {
      const late = await signedIn(DEMO.parent);
      const canteen = canteenOf(alvaro);
      const error = await late.cart
        .addLines({ lines: [{ childId: alvaro.id, activityId: canteen, action: 'book', dates: [day] }] })
        .catch((e: unknown) => e);

      expect(error).toBeInstanceOf(FoyerError);
      expect(error).toMatchObject({ status: 422, code: 'not_bookable', detail: 'Le délai de réservation est dépassé.' });
      // Beyond the standard members, the problem's own stay on `problem`, checked with the contract schema.
      const skipped = v.parse(v.array(cart.SkippedDate), (error as FoyerError).problem?.skipped);
      expect(skipped[0]?.reason).toBe('deadline_passed');
      expect(skipped).toEqual([{ childId: alvaro.id, activityId: canteen, date: day, reason: 'deadline_passed' }]);
      expect(await bookingRows(alvaro.id, canteen, [day])).toEqual([]);
    } finally {
      api.t.clock.set(today);
    }
  });
});
