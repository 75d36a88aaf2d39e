import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoFamily, demoFamily } from './demo-family.js';
import { DEMO, startTestApp, type TestApp } from './harness.js';
import { TEST_NOW, TEST_TODAY } from './test-database.js';
import { shifted } from './test-days.js';

const C = '/v1/collectivities/ville-de-demo';
/** The test clock's date, in Paris; the seed's history lies before it. */
const TODAY = TEST_TODAY;
const DAY = 86_400_000;
/** An instant `days` days (and `hours` hours) before the test clock: when a family joined a waiting list. */
const daysAgo = (days: number, hours = 0) => shifted(TEST_NOW, -days * DAY + hours * 3_600_000);

let t: TestApp;
let family: DemoFamily;
let agent: string;

beforeAll(async () => {
  t = await startTestApp();
  family = await demoFamily(t);
  agent = (await t.login(DEMO.agent)).accessToken;
});
afterAll(() => t.close());

const accept = (bookingId: string, refund = false) =>
  t.request('POST', `${C}/admin/late-cancellations/${bookingId}/decision`, {
    token: agent,
    body: { decision: 'accept', refund },
  });

async function booking(id: string) {
  return t.deps.db
    .selectFrom('bookings')
    .select(['status', 'payment_id', 'hold_expires_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

/** Booked children of an activity-day (other than the demo families'), to free a place from. */
async function bookedOn(activityId: string, date: string) {
  return t.deps.db
    .selectFrom('bookings')
    .select(['id', 'price_cents'])
    .where('collectivity_id', '=', family.collectivityId)
    .where('activity_id', '=', activityId)
    .where('date', '=', date)
    .where('status', '=', 'booked')
    .where('child_id', 'not in', [family.alvaro, family.lucia, family.leo])
    .orderBy('id')
    .execute();
}

/** Puts a child on the waiting list of a day, as a checkout at `at` on a full day does. */
async function waitlist(childId: string, activityId: string, date: string, at: string): Promise<string> {
  const child = await t.deps.db.selectFrom('children').select('household_id').where('id', '=', childId).executeTakeFirstOrThrow();
  const row = await t.deps.db
    .insertInto('bookings')
    .values({
      collectivity_id: family.collectivityId,
      household_id: child.household_id,
      child_id: childId,
      activity_id: activityId,
      date,
      status: 'waitlisted',
      price_cents: 1500,
      waitlisted_at: new Date(at),
      created_at: new Date(at),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A family cancels past the deadline: the day waits for an agent. */
async function requestLateCancellation(bookingId: string) {
  await t.deps.db
    .updateTable('bookings')
    .set({ status: 'cancel_requested', absence_reason: 'Malade', cancel_reason: 'Malade', updated_at: t.clock.now() })
    .where('id', '=', bookingId)
    .execute();
}

/**
 * The first day after today with bookings of an activity by other children, the child's own
 * booking there removed if it has one: when holidays are near, the child may be booked on every
 * day of the few school days ahead.
 */
async function bookedDayFreedOf(child: string, activity: string): Promise<{ date: string; taken: number }> {
  const free = await bookedDayWithout(child, activity, 'after').catch(() => undefined);
  if (free) return free;
  const { date } = await t.deps.db
    .selectFrom('bookings')
    .select('date')
    .where('collectivity_id', '=', family.collectivityId)
    .where('activity_id', '=', activity)
    .where('status', '=', 'booked')
    .where('date', '>', TODAY)
    .where('child_id', '!=', child)
    .orderBy('date')
    .limit(1)
    .executeTakeFirstOrThrow();
  await t.deps.db
    .deleteFrom('bookings')
    .where('collectivity_id', '=', family.collectivityId)
    .where('activity_id', '=', activity)
    .where('child_id', '=', child)
    .where('date', '=', date)
    .execute();
  return bookedDayWithout(child, activity, 'after');
}

const promotionMails = (firstName: string) =>
  t.mailbox.list().filter((m) => m.subject.includes(`Une place s'est libérée pour ${firstName}`));

/** The first day after (or last before) today with bookings of an activity, none of them the child's. */
function bookedDayWithout(child: string, activity: string, when: 'after' | 'before') {
  return t.deps.db
    .selectFrom('bookings')
    .select(['date', sql<number>`count(*)::int`.as('taken')])
    .where('collectivity_id', '=', family.collectivityId)
    .where('activity_id', '=', activity)
    .where('status', '=', 'booked')
    .where('date', when === 'after' ? '>' : '<', TODAY)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('bookings as own')
            .select('own.id')
            .where('own.child_id', '=', child)
            .where('own.activity_id', '=', activity)
            .whereRef('own.date', '=', 'bookings.date'),
        ),
      ),
    )
    .groupBy('date')
    .orderBy('date', when === 'after' ? 'asc' : 'desc')
    .executeTakeFirstOrThrow();
}

describe('waiting list', () => {
  it('gives a freed place to the earliest on the list, and the next place to the next one', async () => {
    const full = await t.deps.db
      .selectFrom('bookings')
      .select('date')
      .where('collectivity_id', '=', family.collectivityId)
      .where('activity_id', '=', family.activity.leisureDay)
      .where('status', '=', 'booked')
      .groupBy('date')
      .having(sql<number>`count(*)`, '>=', 24)
      .orderBy('date')
      .executeTakeFirstOrThrow();
    const busy = await t.deps.db
      .selectFrom('bookings')
      .select('child_id')
      .where('activity_id', '=', family.activity.leisureDay)
      .where('date', '=', full.date)
      .execute();
    const free = await t.deps.db
      .selectFrom('children')
      .select(['id', 'first_name'])
      .where('id', 'in', [family.leo, family.lucia, family.alvaro])
      .where(
        'id',
        'not in',
        busy.map((b) => b.child_id),
      )
      .orderBy('first_name', 'desc')
      .execute();
    const [late, early] = free;
    if (!late || !early) throw new Error('fewer than two demo children free on the full leisure day');
    // The later family validated after the earlier one, though its row is written first.
    const later = await waitlist(late.id, family.activity.leisureDay, full.date, daysAgo(7, 1));
    const earlier = await waitlist(early.id, family.activity.leisureDay, full.date, daysAgo(7));
    const [first, second] = await bookedOn(family.activity.leisureDay, full.date);
    if (!first || !second) throw new Error('the full leisure day has too few bookings');

    await requestLateCancellation(first.id);
    expect((await accept(first.id, true)).status).toBe(200);
    const promoted = await booking(earlier);
    expect(promoted.status).toBe('pending_payment');
    expect(promoted.payment_id).not.toBeNull();
    expect(new Date(promoted.hold_expires_at ?? 0).getTime()).toBeGreaterThan(t.clock.now().getTime());
    expect((await booking(later)).status).toBe('waitlisted');

    await requestLateCancellation(second.id);
    expect((await accept(second.id)).status).toBe(200);
    expect((await booking(later)).status).toBe('pending_payment');

    // Each family is told once, however often the outbox runs.
    await t.deliverEmails();
    expect(await t.deliverEmails()).toBe(0);
    for (const child of [early, late]) {
      const mails = promotionMails(child.first_name);
      expect(mails).toHaveLength(1);
      expect(mails[0]?.text).toMatch(/réglez-la dans les 24 heures : http/);
    }

    // The provider was not asked under the promotion's locks: the payment is still unstarted,
    // and the email's link is Foyer's, which starts it when the family follows it.
    const payment = await t.deps.db
      .selectFrom('payments')
      .select(['id', 'provider_ref'])
      .where('id', '=', promoted.payment_id ?? '')
      .executeTakeFirstOrThrow();
    expect(payment.provider_ref).toBeNull();
    const link = promotionMails(early.first_name)[0]?.text.match(/24 heures : (\S+)/)?.[1] ?? '';
    expect(link).toContain(`/payments/start/${family.collectivityId}/${payment.id}`);
    const followed = await t.fetch(new URL(link).pathname);
    expect(followed.status).toBe(303);
    expect(followed.headers.get('location')).toContain(`/pay/demo/${payment.id}`);
    const started = await t.deps.db
      .selectFrom('payments')
      .select('provider_ref')
      .where('id', '=', payment.id)
      .executeTakeFirstOrThrow();
    expect(started.provider_ref).toMatch(/^DEMO-/);
    // A link of a payment that is not pending any more leads nowhere.
    expect((await t.fetch(`/payments/start/${family.collectivityId}/${crypto.randomUUID()}`)).status).toBe(410);
  });

  it('confirms a postpaid day at once, with no payment, and tells the family once', async () => {
    const db = t.deps.db;
    const evening = family.activity.eveningFerry;
    const day = await bookedDayFreedOf(family.alvaro, evening);
    // The evening childcare takes only the children booked that day: the day is full.
    await db
      .updateTable('activities')
      .set({ capacity: day.taken, waitlist: true })
      .where('collectivity_id', '=', family.collectivityId)
      .where('id', '=', evening)
      .execute();
    const waiting = await waitlist(family.alvaro, evening, day.date, daysAgo(1));
    const [leaving] = await bookedOn(evening, day.date);
    if (!leaving) throw new Error('no evening childcare booking to free');
    const paymentsBefore = await db.selectFrom('payments').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();

    await requestLateCancellation(leaving.id);
    expect((await accept(leaving.id, true)).status).toBe(200);
    expect(await booking(waiting)).toEqual({ status: 'booked', payment_id: null, hold_expires_at: null });
    const paymentsAfter = await db.selectFrom('payments').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    expect(paymentsAfter.n).toBe(paymentsBefore.n);

    await t.deliverEmails();
    expect(await t.deliverEmails()).toBe(0);
    const mails = promotionMails('Alvaro').filter((m) => m.text.includes('La réservation est confirmée'));
    expect(mails).toHaveLength(1);
    expect(mails[0]?.to).toBe(DEMO.parent);
  });

  it('promotes no one into a day already gone', async () => {
    const db = t.deps.db;
    const evening = family.activity.eveningFerry;
    const day = await bookedDayWithout(family.leo, evening, 'before');
    await db.updateTable('activities').set({ capacity: day.taken, waitlist: true }).where('id', '=', evening).execute();
    const waiting = await waitlist(family.leo, evening, day.date, daysAgo(26));
    const [leaving] = await bookedOn(evening, day.date);
    if (!leaving) throw new Error('no past evening childcare booking');
    await requestLateCancellation(leaving.id);
    expect((await accept(leaving.id)).status).toBe(200);
    expect((await booking(waiting)).status).toBe('waitlisted');
  });
});
