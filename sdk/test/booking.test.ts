import { cart, type Fetch, type FoyerClient, FoyerError, type household } from '@foyer/sdk';
import * as v from 'valibot';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, type SdkTestApp, startSdkTestApp } from './api.js';

// The booking engine through the SDK, against the real API on the seeded database
// (today is Friday 27 November 2026, 08:00 in Paris).

let api: SdkTestApp;
let parent: FoyerClient;
let alvaro: household.Child;
let lucia: household.Child;

beforeAll(async () => {
  api = await startSdkTestApp();
  parent = await signedIn(DEMO.parent);
  const { children } = await parent.children.list();
  alvaro = childNamed(children, 'Alvaro');
  lucia = childNamed(children, 'Lucia');
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

const isoWeekday = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay() || 7;
const january = Array.from({ length: 31 }, (_, i) => `2027-01-${String(i + 1).padStart(2, '0')}`);

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
    const month = await parent.calendar.get(alvaro.id, { from: '2027-01-01', to: '2027-01-31' });
    expect(month).toMatchObject({ child: { id: alvaro.id, firstName: 'Alvaro' }, from: '2027-01-01', to: '2027-01-31' });
    const canteen = canteenOf(alvaro);
    expect(month.activities).toContainEqual(
      expect.objectContaining({ id: canteen, code: 'REPAS-FERRY', paymentMode: 'postpaid' }),
    );

    const meals = month.cells.filter((cell) => cell.activityId === canteen);
    expect(meals.map((cell) => cell.date)).toEqual(january);
    const wednesdays = meals.filter((cell) => isoWeekday(cell.date) === 3);
    expect(wednesdays.map((cell) => cell.date)).toEqual(['2027-01-06', '2027-01-13', '2027-01-20', '2027-01-27']);
    for (const cell of wednesdays) {
      expect(cell).toMatchObject({ status: 'closed', reason: 'weekday', canBook: false, bookingId: null });
    }
    // Monday 11 January: open, bookable until Saturday 9 January 10:00 in Paris, at the household's price.
    const monday = meals.find((cell) => cell.date === '2027-01-11');
    expect(monday).toMatchObject({ status: 'available', reason: null, canBook: true, pending: null });
    expect(new Date(monday?.bookingDeadline ?? 0).toISOString()).toBe('2027-01-09T09:00:00.000Z');
    expect(monday?.priceCents).toBeGreaterThan(0);
  });

  it("prices a day as the household's services say", async () => {
    const { services } = await parent.services.list();
    const activities = services.flatMap((service) => service.sites.flatMap((site) => site.activities));
    const canteen = activities.find((activity) => activity.id === canteenOf(alvaro));
    expect(canteen).toMatchObject({ code: 'REPAS-FERRY', paymentMode: 'postpaid', weekdays: [1, 2, 4, 5] });
    const { cells } = await parent.calendar.get(alvaro.id, { from: '2027-01-11', to: '2027-01-11' });
    expect(cells.find((cell) => cell.activityId === canteen?.id)?.priceCents).toBe(canteen?.priceCents);
  });

  it('marks the days waiting in the cart', async () => {
    const canteen = canteenOf(alvaro);
    const { cart: withDay } = await parent.cart.addLines({
      lines: [{ childId: alvaro.id, activityId: canteen, action: 'book', dates: ['2027-01-25'] }],
    });
    const line = withDay.lines.find((l) => l.childId === alvaro.id && l.date === '2027-01-25');
    const { cells } = await parent.calendar.get(alvaro.id, { from: '2027-01-25', to: '2027-01-25' });
    expect(cells.find((cell) => cell.activityId === canteen)?.pending).toEqual({ lineId: line?.id, action: 'book' });
  });
});

describe('cart', () => {
  const dates = ['2027-01-04', '2027-01-05', '2027-01-07'];

  it('adds three canteen days for Alvaro and Lucia and sums them up per child', async () => {
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
    const { cart: full } = await parent.cart.addLines({
      lines: [
        { childId: alvaro.id, activityId: canteenOf(alvaro), action: 'book', dates },
        { childId: lucia.id, activityId: canteenOf(lucia), action: 'book', dates },
      ],
    });
    const lastOfLucia = full.lines.find((line) => line.childId === lucia.id && line.date === '2027-01-07');
    const after = await parent.cart.removeLine(lastOfLucia?.id ?? '');
    expect(after.summary.map((s) => s.text)).toEqual(['ALVARO SANCHEZ-CORDOVES — 3 REPAS', 'LUCIA SANCHEZ-CORDOVES — 2 REPAS']);
    expect((await parent.cart.empty()).lines).toEqual([]);
    await expect(parent.cart.removeLine(lastOfLucia?.id ?? '')).rejects.toMatchObject({ status: 404, code: 'not_found' });
  });
});

describe('checkout', () => {
  it('books once when the answer is lost: the retry presents the same key and gets the stored answer', async () => {
    const dates = ['2027-01-11', '2027-01-12', '2027-01-14'];
    const canteen = canteenOf(alvaro);
    const network = losingFirstCheckoutAnswer(api.fetch);
    const client = await signedIn(DEMO.parent, api.client({ fetch: network, backoff: () => 0 }));
    await client.cart.addLines({ lines: [{ childId: alvaro.id, activityId: canteen, action: 'book', dates }] });

    const result = await client.cart.checkout({ returnUrl: 'https://ville-de-demo.example/famille' });

    expect(network.checkoutKeys).toHaveLength(2);
    expect(network.checkoutKeys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(network.checkoutKeys[1]).toBe(network.checkoutKeys[0]);
    expect(result).toMatchObject({ status: 'confirmed', payment: null });
    expect(result.lines.map((line) => [line.date, line.outcome])).toEqual(dates.map((date) => [date, 'booked']));
    const rows = await bookingRows(alvaro.id, canteen, dates);
    expect(rows.map((row) => [row.date, row.status])).toEqual(dates.map((date) => [date, 'booked']));
    expect(rows.map((row) => row.id)).toEqual(result.lines.map((line) => line.bookingId));
    expect((await client.cart.get()).lines).toEqual([]);
    const { bookings } = await client.bookings.list({ from: '2027-01-11', to: '2027-01-14', child: alvaro.id });
    expect(bookings.filter((b) => b.activityId === canteen).map((b) => [b.date, b.status])).toEqual(
      dates.map((date) => [date, 'booked']),
    );
  });

  it('answers a key kept across a reload with the first answer, and books nothing more', async () => {
    const dates = ['2027-01-18', '2027-01-19'];
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
    const agent = await signedIn(DEMO.agent);
    const canteen = canteenOf(alvaro);
    // Today's lunch, already booked: too late to cancel, so it goes to the agents.
    await parent.cart.addLines({
      lines: [{ childId: alvaro.id, activityId: canteen, action: 'cancel', dates: ['2026-11-27'], reason: 'Malade' }],
    });
    const validated = await parent.cart.checkout();
    expect(validated.lines).toEqual([expect.objectContaining({ outcome: 'cancel_requested', reason: 'deadline_passed' })]);
    const bookingId = validated.lines[0]?.bookingId ?? '';

    const { lateCancellations } = await agent.admin.lateCancellations.list({ activity: canteen });
    expect(lateCancellations).toContainEqual(
      expect.objectContaining({
        bookingId,
        date: '2026-11-27',
        child: expect.objectContaining({ id: alvaro.id }),
        reason: 'Malade',
      }),
    );
    const { entries } = await agent.admin.dayList.get({ date: '2026-11-27', activity: canteen });
    expect(entries).toContainEqual(expect.objectContaining({ bookingId, status: 'cancel_requested' }));

    const decided = await agent.admin.lateCancellations.decide(bookingId, { decision: 'reject', reason: 'Repas déjà commandé' });
    expect(decided).toEqual({ bookingId, status: 'booked', creditNoteId: null });
    await expect(agent.admin.lateCancellations.decide(bookingId, { decision: 'accept', refund: false })).rejects.toMatchObject({
      status: 409,
    });
    await expect(parent.admin.dayList.get({ date: '2026-11-27' })).rejects.toMatchObject({ status: 403, code: 'forbidden' });
  });
});

describe('errors', () => {
  it('refuses a canteen day past its deadline with a FoyerError that keeps the refused days', async () => {
    const today = api.t.clock.now().toISOString();
    // Tuesday 8 December can be booked until Sunday 6 December 10:00 in Paris; it is now 10:00:01.
    api.t.clock.set('2026-12-06T09:00:01Z');
    try {
      const late = await signedIn(DEMO.parent);
      const canteen = canteenOf(alvaro);
      const error = await late.cart
        .addLines({ lines: [{ childId: alvaro.id, activityId: canteen, action: 'book', dates: ['2026-12-08'] }] })
        .catch((e: unknown) => e);

      expect(error).toBeInstanceOf(FoyerError);
      expect(error).toMatchObject({ status: 422, code: 'not_bookable', detail: 'Le délai de réservation est dépassé.' });
      // Beyond the standard members, the problem's own stay on `problem`, checked with the contract schema.
      const skipped = v.parse(v.array(cart.SkippedDate), (error as FoyerError).problem?.skipped);
      expect(skipped[0]?.reason).toBe('deadline_passed');
      expect(skipped).toEqual([{ childId: alvaro.id, activityId: canteen, date: '2026-12-08', reason: 'deadline_passed' }]);
      expect(await bookingRows(alvaro.id, canteen, ['2026-12-08'])).toEqual([]);
    } finally {
      api.t.clock.set(today);
    }
  });
});
