import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentWithRole } from './agent-builders.js';
import { saintExempleAgent } from './builders.js';
import { type DemoFamily, demoFamily } from './demo-family.js';
import { DEMO, startTestApp, type TestApp } from './harness.js';
import { TEST_NOW, TEST_TODAY } from './test-database.js';
import { shifted } from './test-days.js';

const C = '/v1/collectivities/ville-de-demo';
/** The test clock's date, in Paris; the seed's history lies before it. */
const TODAY = TEST_TODAY;
/** Credit notes are numbered per year of issue. */
const YEAR = TODAY.slice(0, 4);
const HOUR = 3_600_000;

let t: TestApp;
let family: DemoFamily;
let agent: string;
let agentAccountId: string;
let parent: string;

beforeAll(async () => {
  t = await startTestApp();
  family = await demoFamily(t);
  agent = (await t.login(DEMO.agent)).accessToken;
  parent = (await t.login(DEMO.parent)).accessToken;
  agentAccountId = (await t.deps.db.selectFrom('accounts').select('id').where('email', '=', DEMO.agent).executeTakeFirstOrThrow())
    .id;
});
afterAll(() => t.close());

const decide = (bookingId: string, body: unknown, token = agent, slug = 'ville-de-demo') =>
  t.request('POST', `/v1/collectivities/${slug}/admin/late-cancellations/${bookingId}/decision`, { token, body });

/** Alvaro's future canteen days, as seeded (booked). */
async function alvaroMeals(): Promise<{ id: string; date: string; price_cents: number }[]> {
  return t.deps.db
    .selectFrom('bookings')
    .select(['id', 'date', 'price_cents'])
    .where('collectivity_id', '=', family.collectivityId)
    .where('child_id', '=', family.alvaro)
    .where('activity_id', '=', family.activity.canteenFerry)
    .where('status', '=', 'booked')
    .where('date', '>', TODAY)
    .orderBy('date')
    .execute();
}

/** Other families' future canteen days at Jules Ferry (booked), for tests that use up several. */
async function townMeals(count: number): Promise<{ id: string; date: string; price_cents: number }[]> {
  const meals = await t.deps.db
    .selectFrom('bookings')
    .select(['id', 'date', 'price_cents'])
    .where('collectivity_id', '=', family.collectivityId)
    .where('child_id', 'not in', [family.alvaro, family.lucia, family.leo])
    .where('activity_id', '=', family.activity.canteenFerry)
    .where('status', '=', 'booked')
    .where('date', '>', TODAY)
    .orderBy('date')
    .orderBy('id')
    .limit(count)
    .execute();
  if (meals.length < count) throw new Error(`only ${meals.length} future meals of other families in the seed`);
  return meals;
}

/** What checkout leaves after a cancellation past the deadline: the day waits for an agent. */
async function requestLateCancellation(bookingId: string, reason: string | null, at = t.clock.now()) {
  await t.deps.db
    .updateTable('bookings')
    .set({ status: 'cancel_requested', absence_reason: reason, cancel_reason: reason, updated_at: at })
    .where('id', '=', bookingId)
    .execute();
}

async function bookingRow(id: string) {
  return t.deps.db
    .selectFrom('bookings')
    .select(['status', 'decided_by', 'payment_id', 'hold_expires_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

async function auditOf(action: string, objectId: string) {
  return t.deps.db
    .selectFrom('audit_log')
    .select(['actor_account_id', 'details'])
    .where('action', '=', action)
    .where('object_id', '=', objectId)
    .execute();
}

describe('late cancellations', () => {
  it('lists an absence reported past the deadline, with the child, family, price and reason', async () => {
    const [meal] = await alvaroMeals();
    if (!meal) throw new Error('no future meal for Alvaro in the seed');
    await requestLateCancellation(meal.id, 'Malade');
    const res = await t.request('GET', `${C}/admin/late-cancellations`, { token: agent });
    expect(res.status).toBe(200);
    const entry = res.body.lateCancellations.find((l: { bookingId: string }) => l.bookingId === meal.id);
    expect(entry).toMatchObject({
      date: meal.date,
      child: { id: family.alvaro, firstName: 'Alvaro' },
      household: { name: 'Famille Sanchez-Cordoves' },
      activity: { id: family.activity.canteenFerry, code: 'REPAS-FERRY', paymentMode: 'postpaid' },
      priceCents: meal.price_cents,
      reason: 'Malade',
    });
    const filtered = await t.request('GET', `${C}/admin/late-cancellations?activity=${family.activity.leisureDay}`, {
      token: agent,
    });
    expect(filtered.body.lateCancellations.map((l: { bookingId: string }) => l.bookingId)).not.toContain(meal.id);
    const before = await t.request('GET', `${C}/admin/late-cancellations?to=${TODAY}`, { token: agent });
    expect(before.body.lateCancellations.map((l: { bookingId: string }) => l.bookingId)).not.toContain(meal.id);
    await decide(meal.id, { decision: 'reject', reason: 'Test terminé' });
  });

  it('lists the oldest request first', async () => {
    const [, first, second] = await alvaroMeals();
    if (!first || !second) throw new Error('not enough future meals for Alvaro in the seed');
    // Asked yesterday, an hour apart.
    const earlier = shifted(TEST_NOW, -24 * HOUR);
    await requestLateCancellation(second.id, 'Rendez-vous', new Date(earlier));
    await requestLateCancellation(first.id, 'Malade', new Date(shifted(earlier, HOUR)));
    const res = await t.request('GET', `${C}/admin/late-cancellations`, { token: agent });
    const ids = res.body.lateCancellations.map((l: { bookingId: string }) => l.bookingId);
    expect(ids.indexOf(second.id)).toBeLessThan(ids.indexOf(first.id));
    expect(res.body.lateCancellations.find((l: { bookingId: string }) => l.bookingId === second.id).requestedAt).toBe(earlier);
    for (const id of [first.id, second.id]) await decide(id, { decision: 'reject', reason: 'Test terminé' });
  });

  it('accepts with a refund: the day is cancelled, a credit note is issued and the parent is told', async () => {
    const [meal] = await alvaroMeals();
    if (!meal) throw new Error('no future meal for Alvaro in the seed');
    await requestLateCancellation(meal.id, 'Malade');
    const res = await decide(meal.id, { decision: 'accept', refund: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ bookingId: meal.id, status: 'cancelled' });
    expect(res.body.creditNoteId).toEqual(expect.any(String));
    expect(await bookingRow(meal.id)).toMatchObject({ status: 'cancelled', decided_by: agentAccountId });

    const note = await t.deps.db
      .selectFrom('invoices')
      .selectAll()
      .where('id', '=', res.body.creditNoteId)
      .executeTakeFirstOrThrow();
    expect(note).toMatchObject({ kind: 'credit_note', status: 'issued', total_cents: -meal.price_cents });
    expect(note.number).toMatch(new RegExp(`^AV-${YEAR}-\\d{6}$`));
    const lines = await t.deps.db.selectFrom('invoice_lines').selectAll().where('invoice_id', '=', note.id).execute();
    expect(lines).toEqual([expect.objectContaining({ booking_id: meal.id, quantity: 1, total_cents: -meal.price_cents })]);

    const [audit] = await auditOf('late_cancellation.accepted', meal.id);
    expect(audit?.actor_account_id).toBe(agentAccountId);
    expect(audit?.details).toMatchObject({ refund: true, creditNoteId: note.id });

    const listed = await t.request('GET', `${C}/admin/late-cancellations`, { token: agent });
    expect(listed.body.lateCancellations.map((l: { bookingId: string }) => l.bookingId)).not.toContain(meal.id);

    await t.deliverEmails();
    const mail = t.mailbox.latestTo(DEMO.parent);
    expect(mail?.subject).toContain('Annulation acceptée pour Alvaro');
    expect(mail?.text).toContain(note.number);
    expect(mail?.text).toContain(`avoir de ${(meal.price_cents / 100).toFixed(2).replace('.', ',')}`);
  });

  it('accepts without a refund: the day is cancelled and no credit note is issued', async () => {
    const [meal] = await alvaroMeals();
    if (!meal) throw new Error('no future meal for Alvaro in the seed');
    await requestLateCancellation(meal.id, 'Malade');
    const res = await decide(meal.id, { decision: 'accept', refund: false, reason: 'Absence non justifiée' });
    expect(res.body).toEqual({ bookingId: meal.id, status: 'cancelled', creditNoteId: null });
    const [audit] = await auditOf('late_cancellation.accepted', meal.id);
    expect(audit?.details).toMatchObject({ refund: false, reason: 'Absence non justifiée', creditNoteId: null });
    await t.deliverEmails();
    expect(t.mailbox.latestTo(DEMO.parent)?.text).toContain('ne donne pas lieu à un remboursement');
  });

  it('rejects with a reason: the family keeps the day, and a second decision is refused', async () => {
    const [meal] = await alvaroMeals();
    if (!meal) throw new Error('no future meal for Alvaro in the seed');
    await requestLateCancellation(meal.id, 'Malade');
    expect((await decide(meal.id, { decision: 'reject' })).status).toBe(400);
    const res = await decide(meal.id, { decision: 'reject', reason: 'Demande trop tardive' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ bookingId: meal.id, status: 'booked', creditNoteId: null });
    expect(await bookingRow(meal.id)).toMatchObject({ status: 'booked', decided_by: agentAccountId });
    expect(await auditOf('late_cancellation.rejected', meal.id)).toContainEqual(
      expect.objectContaining({ details: expect.objectContaining({ refund: false, reason: 'Demande trop tardive' }) }),
    );
    await t.deliverEmails();
    const mail = t.mailbox.latestTo(DEMO.parent);
    expect(mail?.subject).toContain('Annulation refusée pour Alvaro');
    expect(mail?.text).toContain('Motif : Demande trop tardive');

    const again = await decide(meal.id, { decision: 'accept', refund: true });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('conflict');
  });

  it('lets one of two agents deciding at once win; the other gets 409', async () => {
    const [meal] = await townMeals(1);
    if (!meal) throw new Error('unreachable');
    await requestLateCancellation(meal.id, 'Malade');
    const responses = await Promise.all([
      decide(meal.id, { decision: 'accept', refund: true }),
      decide(meal.id, { decision: 'reject', reason: 'Trop tard' }),
    ]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    const notes = await t.deps.db
      .selectFrom('invoice_lines')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('booking_id', '=', meal.id)
      .executeTakeFirstOrThrow();
    const winner = responses.find((r) => r.status === 200);
    expect(notes.n).toBe(winner?.body.status === 'cancelled' ? 1 : 0);
    const decisions = await t.deps.db
      .selectFrom('audit_log')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('object_id', '=', meal.id)
      .where('action', 'like', 'late_cancellation.%')
      .executeTakeFirstOrThrow();
    expect(decisions.n).toBe(1);
  });

  it('numbers credit notes without gaps or duplicates, even when issued at the same moment', async () => {
    const meals = await townMeals(3);
    for (const meal of meals) await requestLateCancellation(meal.id, 'Malade');
    const responses = await Promise.all(meals.map((meal) => decide(meal.id, { decision: 'accept', refund: true })));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    const numbers = await t.deps.db
      .selectFrom('invoices')
      .select('number')
      .where('collectivity_id', '=', family.collectivityId)
      .where('kind', '=', 'credit_note')
      .orderBy('number')
      .execute();
    expect(numbers.map((n) => n.number)).toEqual(numbers.map((_, i) => `AV-${YEAR}-${String(i + 1).padStart(6, '0')}`));
  });

  it('is for agents of the collectivity only', async () => {
    const [meal] = await alvaroMeals();
    if (!meal) throw new Error('no future meal for Alvaro in the seed');
    await requestLateCancellation(meal.id, 'Malade');
    expect((await t.request('GET', `${C}/admin/late-cancellations`, { token: parent })).status).toBe(403);
    expect((await decide(meal.id, { decision: 'accept', refund: true }, parent)).status).toBe(403);
    const stranger = await saintExempleAgent(t);
    expect((await t.request('GET', `${C}/admin/late-cancellations`, { token: stranger })).status).toBe(403);
    expect((await decide(meal.id, { decision: 'accept', refund: true }, stranger)).status).toBe(403);
    // Through their own collectivity, the booking of another one does not exist.
    expect((await decide(meal.id, { decision: 'accept', refund: true }, stranger, 'saint-exemple')).status).toBe(404);
    const theirs = await t.request('GET', '/v1/collectivities/saint-exemple/admin/late-cancellations', { token: stranger });
    expect(theirs.status).toBe(200);
    expect(theirs.body.lateCancellations).toEqual([]);
    expect(await bookingRow(meal.id)).toMatchObject({ status: 'cancel_requested' });
    await decide(meal.id, { decision: 'reject', reason: 'Test terminé' });
  });

  it('gives the place freed on a full leisure day to the waiting list', async () => {
    const db = t.deps.db;
    const full = await db
      .selectFrom('bookings')
      .select(['date', sql<number>`count(*)::int`.as('taken')])
      .where('collectivity_id', '=', family.collectivityId)
      .where('activity_id', '=', family.activity.leisureDay)
      .where('status', '=', 'booked')
      .groupBy('date')
      .having(sql<number>`count(*)`, '>=', 24)
      .orderBy('date')
      .executeTakeFirstOrThrow();
    const leaving = await db
      .selectFrom('bookings')
      .select(['id', 'household_id', 'price_cents'])
      .where('collectivity_id', '=', family.collectivityId)
      .where('activity_id', '=', family.activity.leisureDay)
      .where('date', '=', full.date)
      .where('status', '=', 'booked')
      .where('child_id', 'not in', [family.alvaro, family.lucia])
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const demoHousehold = await db
      .selectFrom('children')
      .select('household_id')
      .where('id', '=', family.alvaro)
      .executeTakeFirstOrThrow();
    const waiting = await db
      .insertInto('bookings')
      .values({
        collectivity_id: family.collectivityId,
        household_id: demoHousehold.household_id,
        child_id: family.alvaro,
        activity_id: family.activity.leisureDay,
        date: full.date,
        status: 'waitlisted',
        price_cents: leaving.price_cents,
        waitlisted_at: new Date(shifted(TEST_NOW, -7 * 24 * HOUR)),
        created_at: new Date(shifted(TEST_NOW, -7 * 24 * HOUR)),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await requestLateCancellation(leaving.id, 'Déménagement');

    const res = await decide(leaving.id, { decision: 'accept', refund: true });
    expect(res.status).toBe(200);
    const promoted = await bookingRow(waiting.id);
    expect(promoted.status).toBe('pending_payment');
    expect(promoted.hold_expires_at).not.toBeNull();
    const payment = await db
      .selectFrom('payments')
      .select(['status', 'amount_cents', 'household_id'])
      .where('id', '=', promoted.payment_id ?? '')
      .executeTakeFirstOrThrow();
    expect(payment).toEqual({ status: 'pending', amount_cents: leaving.price_cents, household_id: demoHousehold.household_id });
    const note = await db
      .selectFrom('invoices')
      .select(['household_id', 'total_cents'])
      .where('id', '=', res.body.creditNoteId)
      .executeTakeFirstOrThrow();
    expect(note).toEqual({ household_id: leaving.household_id, total_cents: -leaving.price_cents });
    const [audit] = await auditOf('late_cancellation.accepted', leaving.id);
    expect(audit?.details).toMatchObject({ promotedBookingIds: [waiting.id] });

    await t.deliverEmails();
    const mail = t.mailbox.latestTo(DEMO.parent);
    expect(mail?.subject).toContain("Une place s'est libérée pour Alvaro");
  });
});

describe('day list', () => {
  it("shows the day's children with allergies and care plan, absences reported this morning, and audits the read", async () => {
    const [meal] = await alvaroMeals();
    if (!meal) throw new Error('no future meal for Alvaro in the seed');
    await requestLateCancellation(meal.id, 'Malade');
    const res = await t.request('GET', `${C}/admin/day-list?date=${meal.date}&activity=${family.activity.canteenFerry}`, {
      token: agent,
    });
    expect(res.status).toBe(200);
    expect(res.body.date).toBe(meal.date);
    expect(res.body.entries.length).toBeGreaterThan(1);
    expect(new Set(res.body.entries.map((e: { activity: { id: string } }) => e.activity.id))).toEqual(
      new Set([family.activity.canteenFerry]),
    );
    const alvaro = res.body.entries.find((e: { child: { id: string } }) => e.child.id === family.alvaro);
    const child = await t.deps.db
      .selectFrom('children')
      .select(['allergies', 'care_plan'])
      .where('id', '=', family.alvaro)
      .executeTakeFirstOrThrow();
    expect(alvaro).toMatchObject({
      bookingId: meal.id,
      status: 'cancel_requested',
      absenceReason: 'Malade',
      attendance: null,
      allergies: child.allergies,
      carePlan: child.care_plan,
    });

    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['actor_account_id', 'details'])
      .where('action', '=', 'health.read')
      .where('object_id', '=', meal.date)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor_account_id).toBe(agentAccountId);
    const childIds = res.body.entries.map((e: { child: { id: string } }) => e.child.id);
    expect([...((audit[0]?.details.childIds ?? []) as string[])].sort()).toEqual([...new Set(childIds)].sort());
    await decide(meal.id, { decision: 'reject', reason: 'Test terminé' });
  });

  it('shows the kitchen the allergies it cooks for but not the care plans (PAI), and audits its read', async () => {
    const [meal] = await alvaroMeals();
    if (!meal) throw new Error('no future meal for Alvaro in the seed');
    // Alvaro has a care plan for this test: the kitchen must not learn it.
    const before = await t.deps.db
      .selectFrom('children')
      .select('care_plan')
      .where('id', '=', family.alvaro)
      .executeTakeFirstOrThrow();
    await t.deps.db.updateTable('children').set({ care_plan: true }).where('id', '=', family.alvaro).execute();
    const kitchen = await agentWithRole(t, 'kitchen');
    const res = await t.request('GET', `${C}/admin/day-list?date=${meal.date}&activity=${family.activity.canteenFerry}`, {
      token: kitchen.token,
    });
    expect(res.status).toBe(200);
    const alvaro = res.body.entries.find((e: { child: { id: string } }) => e.child.id === family.alvaro);
    const child = await t.deps.db
      .selectFrom('children')
      .select('allergies')
      .where('id', '=', family.alvaro)
      .executeTakeFirstOrThrow();
    expect(alvaro).toMatchObject({ allergies: child.allergies, carePlan: null });
    expect(res.body.entries.every((e: { carePlan: unknown }) => e.carePlan === null)).toBe(true);
    // The whole day's list: the kitchen sees only the children eating; a care-service list is refused.
    const whole = await t.request('GET', `${C}/admin/day-list?date=${meal.date}`, { token: kitchen.token });
    expect(whole.status).toBe(200);
    const canteens = await t.deps.db
      .selectFrom('activities as a')
      .innerJoin('services as s', 's.id', 'a.service_id')
      .select('a.id')
      .where('a.collectivity_id', '=', family.collectivityId)
      .where('s.kind', '=', 'canteen')
      .execute();
    const kitchenActivities = new Set(whole.body.entries.map((e: { activity: { id: string } }) => e.activity.id));
    expect(kitchenActivities.size).toBeGreaterThan(0);
    expect([...kitchenActivities].every((id) => canteens.some((c) => c.id === id))).toBe(true);
    const everyone = await t.request('GET', `${C}/admin/day-list?date=${meal.date}`, { token: agent });
    expect(everyone.body.entries.some((e: { activity: { id: string } }) => !kitchenActivities.has(e.activity.id))).toBe(true);
    const care = await t.request('GET', `${C}/admin/day-list?date=${meal.date}&activity=${family.activity.morningFerry}`, {
      token: kitchen.token,
    });
    expect(care.status).toBe(403);
    expect(care.body.detail).toBe('La cuisine voit la liste des repas seulement.');
    // The same list for an agent still shows the care plan.
    const forAgent = await t.request('GET', `${C}/admin/day-list?date=${meal.date}&activity=${family.activity.canteenFerry}`, {
      token: agent,
    });
    expect(forAgent.body.entries.find((e: { child: { id: string } }) => e.child.id === family.alvaro)?.carePlan).toBe(true);
    const reads = await t.deps.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'health.read')
      .where('actor_account_id', '=', kitchen.accountId)
      .execute();
    expect(reads).toHaveLength(2);
    expect(reads[0]?.details.childIds).toContain(family.alvaro);
    await t.deps.db.updateTable('children').set({ care_plan: before.care_plan }).where('id', '=', family.alvaro).execute();
  });

  it('lists every activity of the day, with past attendance, and leaves out expired holds', async () => {
    const past = await t.deps.db
      .selectFrom('bookings')
      .select(['date', 'id'])
      .where('collectivity_id', '=', family.collectivityId)
      .where('child_id', '=', family.alvaro)
      .where('attendance', '=', 'absent_justified')
      .orderBy('date')
      .executeTakeFirstOrThrow();
    const res = await t.request('GET', `${C}/admin/day-list?date=${past.date}`, { token: agent });
    expect(res.status).toBe(200);
    const activities = new Set(res.body.entries.map((e: { activity: { code: string } }) => e.activity.code));
    expect(activities.size).toBeGreaterThan(1);
    expect(res.body.entries.find((e: { bookingId: string }) => e.bookingId === past.id)).toMatchObject({
      attendance: 'absent_justified',
      absenceReason: 'Malade',
    });

    await t.deps.db
      .updateTable('bookings')
      .set({ status: 'pending_payment', hold_expires_at: new Date(t.clock.now().getTime() - 60_000) })
      .where('id', '=', past.id)
      .execute();
    const again = await t.request('GET', `${C}/admin/day-list?date=${past.date}`, { token: agent });
    expect(again.body.entries.map((e: { bookingId: string }) => e.bookingId)).not.toContain(past.id);
    await t.deps.db.updateTable('bookings').set({ status: 'booked', hold_expires_at: null }).where('id', '=', past.id).execute();
  });

  it('is for agents only', async () => {
    expect((await t.request('GET', `${C}/admin/day-list?date=${TODAY}`, { token: parent })).status).toBe(403);
  });
});
