import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeKey, placesTaken } from '../src/modules/bookings/capacity.js';
import { createPayment } from '../src/modules/payments/create-payment.js';
import { formatEuros } from '../src/modules/payments/demo-page-view.js';
import { DemoPaymentProvider } from '../src/modules/payments/demo-provider.js';
import { expireHolds } from '../src/modules/payments/expire-holds.js';
import { buildHouseholds } from './builders.js';
import { type DemoFamily, demoFamily } from './demo-family.js';
import { DEMO, startTestApp, type TestApp } from './harness.js';
import { allDaysWhere } from './test-days.js';

const C = '/v1/collectivities/ville-de-demo';
/** Where the town's booking page sends the payer, with a query of its own to keep. */
const RETURN_URL = 'https://www.ville-de-demo.example/reservations?onglet=panier';
const HOLD_MS = 20 * 60_000;

let t: TestApp;
let family: DemoFamily;
let demo: DemoPaymentProvider;

beforeAll(async () => {
  t = await startTestApp();
  family = await demoFamily(t);
  const provider = t.deps.payments.get('demo');
  if (!(provider instanceof DemoPaymentProvider)) throw new Error('the harness has no demo payment provider');
  demo = provider;
});
afterAll(() => t.close());

interface Held {
  bookingId: string;
  paymentId: string;
  /** The hosted page, path and query, as `start` made it. */
  page: string;
  date: string;
  amountCents: number;
}

async function leisureCapacity(): Promise<number> {
  const row = await t.deps.db
    .selectFrom('activities')
    .select('capacity')
    .where('collectivity_id', '=', family.collectivityId)
    .where('id', '=', family.activity.leisureDay)
    .executeTakeFirstOrThrow();
  if (row.capacity === null) throw new Error('the leisure centre has no capacity');
  return row.capacity;
}

const taken = async (date: string) =>
  (await placesTaken(t.deps.db, family.collectivityId, [family.activity.leisureDay], date, date, t.clock.now())).get(
    placeKey(family.activity.leisureDay, date),
  ) ?? 0;

/** The coming leisure-centre days a parent can book (or wait for), found once from the test clock. */
let leisureDays: string[] | undefined;

/** A coming leisure-centre day with a free place, where none of these children has a booking. */
async function freeLeisureDay(childIds: string[]): Promise<string> {
  const capacity = await leisureCapacity();
  if (leisureDays === undefined) {
    const token = (await t.login(DEMO.parent)).accessToken;
    const open = await allDaysWhere(t, token, family.lucia, family.activity.leisureDay, (c) => c.canBook);
    leisureDays = open.map((c) => c.date);
  }
  const days = leisureDays.map((date) => ({ date }));
  for (const { date } of days) {
    const mine = await t.deps.db
      .selectFrom('bookings')
      .select('id')
      .where('collectivity_id', '=', family.collectivityId)
      .where('activity_id', '=', family.activity.leisureDay)
      .where('date', '=', date)
      .where('child_id', 'in', childIds)
      .where('status', 'in', ['booked', 'pending_payment', 'waitlisted', 'cancel_requested'])
      .executeTakeFirst();
    if (!mine && (await taken(date)) < capacity) return date;
  }
  throw new Error('no leisure day with a free place left');
}

/** New families of the town, each with one child enrolled at the leisure centre. */
const newFamilies = (count: number) =>
  buildHouseholds(t, { count, collectivityId: family.collectivityId, activityIds: [family.activity.leisureDay] });

/** Books other children of the town on `date` until one place is left. */
async function fillButOne(date: string): Promise<void> {
  const missing = (await leisureCapacity()) - 1 - (await taken(date));
  if (missing <= 0) return;
  const families = await newFamilies(missing);
  await t.deps.db
    .insertInto('bookings')
    .values(
      families.map((f) => ({
        collectivity_id: family.collectivityId,
        household_id: f.householdId,
        child_id: f.childIds[0] ?? '',
        activity_id: family.activity.leisureDay,
        date,
        status: 'booked' as const,
        price_cents: 1200,
        created_at: t.clock.now(),
      })),
    )
    .execute();
}

/** Signs in again (the tests move the clock past access tokens' lifetime). */
const tokenOf = async (email: string) => (await t.login(email)).accessToken;

/**
 * Holds a leisure day for a child for 20 minutes and opens its payment, as a checkout does
 * (the cart is another suite's business). With `lastPlace`, the hold takes the day's last place.
 */
async function hold(childId: string, options: { lastPlace?: boolean } = {}): Promise<Held> {
  const date = await freeLeisureDay([childId]);
  if (options.lastPlace) await fillButOne(date);
  const child = await t.deps.db.selectFrom('children').select('household_id').where('id', '=', childId).executeTakeFirstOrThrow();
  const expiresAt = new Date(t.clock.now().getTime() + HOLD_MS);
  const amountCents = 1850;
  return t.deps.db.transaction().execute(async (trx) => {
    const booking = await trx
      .insertInto('bookings')
      .values({
        collectivity_id: family.collectivityId,
        household_id: child.household_id,
        child_id: childId,
        activity_id: family.activity.leisureDay,
        date,
        status: 'pending_payment',
        price_cents: amountCents,
        hold_expires_at: expiresAt,
        created_at: t.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const payment = await createPayment(t.deps, trx, {
      collectivityId: family.collectivityId,
      householdId: child.household_id,
      bookingIds: [booking.id],
      amountCents,
      expiresAt,
      label: `ALSH JOURNÉE ${date}`,
      returnUrl: RETURN_URL,
    });
    const url = new URL(payment.url);
    return { bookingId: booking.id, paymentId: payment.id, page: `${url.pathname}${url.search}`, date, amountCents };
  });
}

/**
 * Puts the child of another family of the town on the waiting list of a day, as a checkout on
 * a full day does; returns the booking and whom the town writes to.
 */
async function waitlist(date: string): Promise<{ bookingId: string; firstName: string; email: string }> {
  const [waiting] = await newFamilies(1);
  const childId = waiting?.childIds[0];
  if (!waiting || !childId) throw new Error('no family built');
  const email = `attente.${waiting.householdId.slice(0, 8)}@test.example`;
  await t.deps.db
    .insertInto('guardians')
    .values({
      collectivity_id: family.collectivityId,
      household_id: waiting.householdId,
      first_name: 'Inès',
      last_name: 'Attente',
      email,
    })
    .execute();
  const child = await t.deps.db.selectFrom('children').select('first_name').where('id', '=', childId).executeTakeFirstOrThrow();
  const row = await t.deps.db
    .insertInto('bookings')
    .values({
      collectivity_id: family.collectivityId,
      household_id: waiting.householdId,
      child_id: childId,
      activity_id: family.activity.leisureDay,
      date,
      status: 'waitlisted',
      price_cents: 1850,
      waitlisted_at: new Date(t.clock.now().getTime() - 3600_000),
      created_at: new Date(t.clock.now().getTime() - 3600_000),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { bookingId: row.id, firstName: child.first_name, email };
}

const bookingStatus = async (id: string) =>
  (await t.deps.db.selectFrom('bookings').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

const payment = (id: string) =>
  t.deps.db
    .selectFrom('payments')
    .select(['status', 'paid_at', 'updated_at', 'provider_ref'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

/** Submits the hosted page's form as a browser does, with the return address it carries. */
async function submit(held: Held, action: 'pay' | 'refuse') {
  const query = new URL(held.page, 'http://page').searchParams;
  const form = new URLSearchParams({ action, return: query.get('return') ?? '', return_mac: query.get('return_mac') ?? '' });
  return t.request('POST', `/pay/demo/${held.paymentId}`, {
    body: form.toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}

/** The notification the provider would post for a payment, signed (by default) with the right secret. */
async function notification(paymentId: string, outcome: 'paid' | 'refused', signer: DemoPaymentProvider = demo) {
  const { provider_ref } = await payment(paymentId);
  const body = JSON.stringify({ paymentId, providerRef: provider_ref, outcome, at: t.clock.now().toISOString() });
  return { body, headers: { 'foyer-signature': signer.sign(body) } };
}

const notify = (n: { body: string; headers: Record<string, string> }) =>
  t.request('POST', '/v1/payments/demo/notify', { body: n.body, headers: n.headers });

describe('the demo hosted payment page', () => {
  it('shows the town, the amount and the day to pay, with no script', async () => {
    const held = await hold(family.alvaro);
    const res = await t.request('GET', held.page);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const page: string = res.body;
    expect(page).toContain('Paiement en ligne — démonstration');
    expect(page).toContain('Ville de Démo');
    expect(page).toContain(formatEuros(held.amountCents));
    expect(formatEuros(held.amountCents)).toMatch(/^18,50\s€$/);
    expect(page).toContain('Alvaro');
    expect(page).toContain('ALSH JOURNÉE');
    expect(page).toMatch(/<button type="submit" name="action" value="pay"[^>]*>Payer<\/button>/);
    expect(page).toMatch(/<button type="submit" name="action" value="refuse"[^>]*>Refuser le paiement<\/button>/);
    expect(page).toContain(`<input type="hidden" name="return" value="${RETURN_URL}">`);
    expect(page).not.toContain('<script');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
  });

  it('answers an unknown payment with a 404 page', async () => {
    const res = await t.request('GET', `/pay/demo/${crypto.randomUUID()}`);
    expect(res.status).toBe(404);
    expect(res.body).toContain('Paiement introuvable');
    expect((await t.request('GET', '/pay/demo/not-an-id')).status).toBe(404);
  });

  it('takes the payment, sends the payer back to the town site and books the day', async () => {
    const held = await hold(family.alvaro);
    const res = await submit(held, 'pay');
    expect(res.status).toBe(303);
    const back = new URL(res.headers.get('location') ?? '');
    expect(`${back.origin}${back.pathname}`).toBe('https://www.ville-de-demo.example/reservations');
    expect(back.searchParams.get('onglet')).toBe('panier');
    expect(back.searchParams.get('foyer-payment')).toBe(held.paymentId);

    expect(await bookingStatus(held.bookingId)).toBe('booked');
    expect((await payment(held.paymentId)).status).toBe('paid');
    const status = await t.request('GET', `${C}/payments/${held.paymentId}`, { token: await tokenOf(DEMO.parent) });
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ id: held.paymentId, status: 'paid', amountCents: held.amountCents, url: null });
    expect(status.body.bookings).toEqual([
      { id: held.bookingId, childId: family.alvaro, activityId: family.activity.leisureDay, date: held.date, status: 'booked' },
    ]);

    // Back on the page (the browser's history), the payer sees it is done and cannot pay twice.
    const again = await t.request('GET', held.page);
    expect(again.body).toContain('Ce paiement a été effectué');
    expect(again.body).not.toContain('value="pay"');
    expect((await submit(held, 'refuse')).status).toBe(303);
    expect((await payment(held.paymentId)).status).toBe('paid');
  });

  it('shows the outcome on the page when there is no return address', async () => {
    const held = await hold(family.lucia);
    const res = await t.request('POST', `/pay/demo/${held.paymentId}`, {
      body: 'action=pay',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toContain('Ce paiement a été effectué');
    expect(await bookingStatus(held.bookingId)).toBe('booked');
  });

  it('never redirects to an address the payment did not start with', async () => {
    const held = await hold(family.alvaro);
    const page = await t.request(
      'GET',
      `/pay/demo/${held.paymentId}?return=${encodeURIComponent('https://evil.example/')}&return_mac=00`,
    );
    expect(page.body).not.toContain('evil.example');
    const res = await t.request('POST', `/pay/demo/${held.paymentId}`, {
      body: new URLSearchParams({ action: 'refuse', return: 'https://evil.example/', return_mac: '00' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('location')).toBeNull();
    expect(await bookingStatus(held.bookingId)).toBe('refused');
  });
});

describe('payment notifications', () => {
  it('applies a notification once, however often the provider sends it', async () => {
    const held = await hold(family.alvaro);
    const paid = await notification(held.paymentId, 'paid');
    const first = await notify(paid);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ id: held.paymentId, status: 'paid' });
    const after = await payment(held.paymentId);
    const bookingAfter = await t.deps.db
      .selectFrom('bookings')
      .select(['status', 'updated_at'])
      .where('id', '=', held.bookingId)
      .executeTakeFirstOrThrow();

    t.clock.advance(60_000);
    for (let i = 0; i < 5; i++) {
      const replay = await notify(paid);
      expect(replay.status).toBe(200);
      expect(replay.body).toEqual({ id: held.paymentId, status: 'paid' });
    }
    // Providers also retry in parallel.
    const parallel = await Promise.all(Array.from({ length: 5 }, () => notify(paid)));
    expect(parallel.map((r) => r.body.status)).toEqual(Array(5).fill('paid'));
    // A contradicting notice after the fact changes nothing either.
    expect((await notify(await notification(held.paymentId, 'refused'))).body).toEqual({ id: held.paymentId, status: 'paid' });
    expect(await payment(held.paymentId)).toEqual(after);
    expect(
      await t.deps.db
        .selectFrom('bookings')
        .select(['status', 'updated_at'])
        .where('id', '=', held.bookingId)
        .executeTakeFirstOrThrow(),
    ).toEqual(bookingAfter);
  });

  it('refuses a forged or stale notification and changes nothing', async () => {
    const held = await hold(family.lucia);
    const forger = new DemoPaymentProvider({
      publicUrl: t.deps.config.publicUrl,
      secret: 'not-the-secret-'.repeat(4),
      clock: t.clock,
    });
    const forged = await notify(await notification(held.paymentId, 'refused', forger));
    expect(forged.status).toBe(400);
    expect(forged.body.code).toBe('invalid_signature');

    const genuine = await notification(held.paymentId, 'refused');
    const tampered = await notify({ body: genuine.body.replace('refused', 'paid'), headers: genuine.headers });
    expect(tampered.status).toBe(400);
    expect((await notify({ body: genuine.body, headers: {} })).status).toBe(400);
    t.clock.advance(6 * 60_000);
    const stale = await notify(genuine);
    expect(stale.status).toBe(400);
    expect(stale.body.code).toBe('invalid_signature');

    expect((await payment(held.paymentId)).status).toBe('pending');
    expect(await bookingStatus(held.bookingId)).toBe('pending_payment');
  });

  it('answers 404 for a provider this install does not have', async () => {
    const held = await hold(family.lucia);
    const res = await t.request('POST', '/v1/payments/payfip/notify', { ...(await notification(held.paymentId, 'paid')) });
    expect(res.status).toBe(404);
    expect((await payment(held.paymentId)).status).toBe('pending');
  });

  it('on a refusal, releases the day and gives it to the waiting list', async () => {
    const held = await hold(family.alvaro, { lastPlace: true });
    expect(await taken(held.date)).toBe(await leisureCapacity());
    const waiting = await waitlist(held.date);

    const res = await submit(held, 'refuse');
    expect(res.status).toBe(303);
    expect(new URL(res.headers.get('location') ?? '').searchParams.get('foyer-payment')).toBe(held.paymentId);
    expect(await bookingStatus(held.bookingId)).toBe('refused');
    expect((await payment(held.paymentId)).status).toBe('refused');
    expect(await bookingStatus(waiting.bookingId)).toBe('pending_payment');

    await t.deliverEmails();
    const mails = t.mailbox
      .list()
      .filter((m) => m.to === waiting.email && m.subject.includes(`Une place s'est libérée pour ${waiting.firstName}`));
    expect(mails).toHaveLength(1);
    // Foyer's link, which starts the payment at the provider when the family follows it.
    const link = mails[0]?.text.match(/24 heures : (\S+)/)?.[1] ?? '';
    const followed = await t.fetch(new URL(link).pathname);
    expect(followed.status).toBe(303);
    expect(followed.headers.get('location')).toContain('/pay/demo/');
  });
});

describe('unpaid holds', () => {
  it('expire after their deadline, and the waiting list gets the place', async () => {
    const held = await hold(family.lucia, { lastPlace: true });
    const waiting = await waitlist(held.date);
    expect(await expireHolds(t.deps)).toBe(0);

    t.clock.advance(21 * 60_000);
    expect(await expireHolds(t.deps)).toBeGreaterThanOrEqual(1);
    expect(await bookingStatus(held.bookingId)).toBe('expired');
    expect((await payment(held.paymentId)).status).toBe('expired');
    expect(await bookingStatus(waiting.bookingId)).toBe('pending_payment');
    expect(await expireHolds(t.deps)).toBe(0);
    await t.deliverEmails();
    expect(t.mailbox.list().filter((m) => m.to === waiting.email && m.subject.includes(waiting.firstName))).toHaveLength(1);

    const page = await t.request('GET', held.page);
    expect(page.body).toContain('Le délai de paiement est dépassé');
    expect(page.body).not.toContain('value="pay"');
    const status = await t.request('GET', `${C}/payments/${held.paymentId}`, { token: await tokenOf(DEMO.parent) });
    expect(status.body).toMatchObject({ status: 'expired', url: null });
    expect(status.body.bookings[0]).toMatchObject({ id: held.bookingId, status: 'expired' });
  });

  it('frees the place of an expired hold with no one waiting', async () => {
    const held = await hold(family.alvaro, { lastPlace: true });
    const capacity = await leisureCapacity();
    expect(await taken(held.date)).toBe(capacity);
    t.clock.advance(21 * 60_000);
    await expireHolds(t.deps);
    expect(await bookingStatus(held.bookingId)).toBe('expired');
    expect(await taken(held.date)).toBe(capacity - 1);
  });

  it('refunds a payment that arrives after the hold expired, and the day stays free', async () => {
    const held = await hold(family.alvaro);
    t.clock.advance(21 * 60_000);
    await expireHolds(t.deps);
    const late = await notify(await notification(held.paymentId, 'paid'));
    expect(late.status).toBe(200);
    expect(late.body).toEqual({ id: held.paymentId, status: 'refunded' });
    expect(await bookingStatus(held.bookingId)).toBe('expired');
    expect((await notify(await notification(held.paymentId, 'paid'))).body.status).toBe('refunded');
  });

  it('lets the day be booked again once its hold expired, before the sweeper reached it', async () => {
    const held = await hold(family.alvaro);
    t.clock.advance(21 * 60_000);
    const token = await tokenOf(DEMO.parent);
    const line = { childId: family.alvaro, activityId: family.activity.leisureDay, action: 'book', dates: [held.date] };
    const added = await t.request('POST', `${C}/cart/lines`, { token, body: { lines: [line] } });
    expect(added.status).toBe(200);
    const res = await t.request('POST', `${C}/cart/checkout`, {
      token,
      body: {},
      headers: { 'idempotency-key': 'book-again-after-expiry' },
    });
    expect(res.status).toBe(200);
    expect(res.body.lines).toHaveLength(1);
    expect(res.body.lines[0]).toMatchObject({ date: held.date, outcome: 'pending_payment' });
    expect(res.body.lines[0].bookingId).not.toBe(held.bookingId);
    expect(await bookingStatus(held.bookingId)).toBe('expired');
    // The new hold goes the same way, so that the next test starts with none.
    t.clock.advance(21 * 60_000);
    expect(await expireHolds(t.deps)).toBe(1);
  });

  it('refunds a late payment the sweeper has not reached yet', async () => {
    const held = await hold(family.alvaro);
    t.clock.advance(21 * 60_000);
    const late = await notify(await notification(held.paymentId, 'paid'));
    expect(late.body).toEqual({ id: held.paymentId, status: 'refunded' });
    expect(await bookingStatus(held.bookingId)).toBe('expired');
    expect(await expireHolds(t.deps)).toBe(0);
  });
});

describe('payment status', () => {
  it('shows a pending payment to its household with where to pay, and to no one else', async () => {
    const held = await hold(family.alvaro);
    const mine = await t.request('GET', `${C}/payments/${held.paymentId}`, { token: await tokenOf(DEMO.parent) });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ status: 'pending', currency: 'EUR', provider: 'demo', purpose: 'checkout', paidAt: null });
    expect(mine.body.url).toBe(`${t.deps.config.publicUrl}/pay/demo/${held.paymentId}`);
    expect(mine.body.bookings).toHaveLength(1);

    const theirs = await t.request('GET', `${C}/payments/${held.paymentId}`, { token: await tokenOf(DEMO.parent2) });
    expect(theirs.status).toBe(404);
    expect((await t.request('GET', `${C}/payments/${crypto.randomUUID()}`, { token: await tokenOf(DEMO.parent) })).status).toBe(
      404,
    );
    expect((await t.request('GET', `${C}/payments/${held.paymentId}`)).status).toBe(401);
  });
});
