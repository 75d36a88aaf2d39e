import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, monthRange } from '../src/domain/index.js';
import { ADMIN, newActivity } from './admin-test-support.js';
import { agentWithRole } from './agent-builders.js';
import { buildHouseholds } from './builders.js';
import { DEMO, startTestApp, type TestApp } from './harness.js';
import { TEST_TODAY } from './test-database.js';

/** `YYYY-MM` of the month `n` months after the one holding `date`. */
function monthAfter(date: string, n: number): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

// Two months wholly ahead of the test day, whatever it is: the clock is moved past each to issue it.
const M1 = monthAfter(TEST_TODAY, 2);
const M2 = monthAfter(TEST_TODAY, 3);
const day = (month: string, d: number) => `${month}-${String(d).padStart(2, '0')}`;

/** The activity's prices: 1.50 € up to quotient 600, 4.20 € above, 6.10 € outside the town, 8.00 € a walk-in. */
const PRICING = {
  tiers: [
    { maxQuotient: 600, amountCents: 150 },
    { maxQuotient: null, amountCents: 420 },
  ],
  nonResidentAmountCents: 610,
};
const SURCHARGE = 800;

type Kind = 'booked' | 'cancelled' | 'justified' | 'unjustified' | 'walk_in' | 'late_accept' | 'late_refuse' | 'late_open';

/**
 * The hand-computed table: each day of the two months, what happened, and what it costs.
 * Household "Martin" lives in town, quotient 500 until the 15th of M1 then 900 (the tier
 * changes mid-month); household "Durand" lives outside (flat 6.10 €).
 */
const TABLE: { who: 'martin' | 'durand'; date: string; kind: Kind; cents: number; reason?: string }[] = [
  { who: 'martin', date: day(M1, 1), kind: 'booked', cents: 150, reason: 'booked' },
  { who: 'martin', date: day(M1, 2), kind: 'booked', cents: 150, reason: 'booked' },
  { who: 'martin', date: day(M1, 3), kind: 'cancelled', cents: 0 },
  { who: 'martin', date: day(M1, 4), kind: 'justified', cents: 0 },
  { who: 'martin', date: day(M1, 5), kind: 'unjustified', cents: 150, reason: 'absence_unjustified' },
  { who: 'martin', date: day(M1, 6), kind: 'walk_in', cents: 800, reason: 'walk_in' },
  { who: 'martin', date: day(M1, 16), kind: 'booked', cents: 420, reason: 'booked' },
  { who: 'martin', date: day(M1, 17), kind: 'late_accept', cents: 0 },
  { who: 'martin', date: day(M1, 18), kind: 'late_refuse', cents: 420, reason: 'late_cancellation_refused' },
  { who: 'durand', date: day(M1, 1), kind: 'booked', cents: 610, reason: 'booked' },
  { who: 'durand', date: day(M1, 2), kind: 'unjustified', cents: 610, reason: 'absence_unjustified' },
  { who: 'martin', date: day(M2, 3), kind: 'booked', cents: 420, reason: 'booked' },
  { who: 'martin', date: day(M2, 4), kind: 'late_open', cents: 0 },
  { who: 'durand', date: day(M2, 3), kind: 'walk_in', cents: 800, reason: 'walk_in' },
];
// The sums the table gives, by hand: Martin M1 = 150+150+150+800+420+420, Durand M1 = 610+610.
const EXPECTED: Record<'martin' | 'durand', Record<string, number>> = {
  martin: { [M1]: 2090, [M2]: 420 },
  durand: { [M1]: 1220, [M2]: 800 },
};

let t: TestApp;
let admin: string;
let activityId: string;
let collectivityId: string;
const households: Record<'martin' | 'durand', { id: string; childId: string; email: string }> = {} as never;
const bookingIds = new Map<string, string>();

/** Moves the clock (months ahead: the admin signs in again, as access tokens last minutes). */
async function moveClock(instant: string) {
  t.clock.set(instant);
  admin = (await t.login(DEMO.agent)).accessToken;
}

const run = (body: Record<string, unknown>, token = admin) => t.request('POST', `${ADMIN}/billing-runs`, { token, body });

beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.login(DEMO.agent)).accessToken;
  activityId = (
    await newActivity(t, admin, { pricing: PRICING, seasonFrom: addDays(TEST_TODAY, -30), seasonTo: addDays(TEST_TODAY, 200) })
  ).activityId;
  const db = t.deps.db;
  await db.updateTable('activities').set({ walk_in_surcharge_cents: SURCHARGE }).where('id', '=', activityId).execute();
  const c = await db.selectFrom('collectivities').select('id').where('slug', '=', 'ville-de-demo').executeTakeFirstOrThrow();
  collectivityId = c.id;
  const built = await buildHouseholds(t, { count: 2, collectivityId, activityIds: [activityId], familyQuotient: 500 });
  for (const [index, who] of (['martin', 'durand'] as const).entries()) {
    const family = built[index];
    if (!family) throw new Error('no household built');
    const email = `${who}.${crypto.randomUUID().slice(0, 8)}@test.example`;
    await db
      .insertInto('guardians')
      .values({ collectivity_id: collectivityId, household_id: family.householdId, first_name: 'Camille', last_name: who, email })
      .execute();
    households[who] = { id: family.householdId, childId: family.childIds[0] as string, email };
  }
  await db.updateTable('households').set({ resident: false }).where('id', '=', households.durand.id).execute();
  await db
    .insertInto('family_quotients')
    .values([
      {
        collectivity_id: collectivityId,
        household_id: households.martin.id,
        applies_from: day(M1, 1),
        quotient: 500,
        recorded_at: t.clock.now(),
      },
      {
        collectivity_id: collectivityId,
        household_id: households.martin.id,
        applies_from: day(M1, 15),
        quotient: 900,
        recorded_at: t.clock.now(),
      },
    ])
    .execute();
  for (const row of TABLE) {
    const h = households[row.who];
    const status = row.kind === 'cancelled' ? 'cancelled' : row.kind.startsWith('late') ? 'cancel_requested' : 'booked';
    const attendance =
      row.kind === 'justified'
        ? 'absent_justified'
        : row.kind === 'unjustified'
          ? 'absent_unjustified'
          : row.kind === 'walk_in' || row.kind === 'booked'
            ? 'present'
            : null;
    const booking = await db
      .insertInto('bookings')
      .values({
        collectivity_id: collectivityId,
        household_id: h.id,
        child_id: h.childId,
        activity_id: activityId,
        date: row.date,
        status,
        price_cents: 0,
        attendance,
        walk_in: row.kind === 'walk_in',
        created_at: t.clock.now(),
        updated_at: t.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    bookingIds.set(`${row.who}|${row.date}`, booking.id);
  }
  // The agent decides two of the late cancellations through the back office; the third stays open.
  const decide = (date: string, body: unknown) =>
    t.request('POST', `${ADMIN}/late-cancellations/${bookingIds.get(`martin|${date}`)}/decision`, { token: admin, body });
  expect((await decide(day(M1, 17), { decision: 'accept', refund: false })).status).toBe(200);
  expect((await decide(day(M1, 18), { decision: 'reject', reason: 'Demande trop tardive' })).status).toBe(200);
});
afterAll(() => t.close());

/** The invoice of `who` in the run that issued `month`, with its lines. */
async function invoiceOf(who: 'martin' | 'durand', month: string) {
  const list = await t.request('GET', `${ADMIN}/invoices?household=${households[who].id}&month=${month}&kind=invoice`, {
    token: admin,
  });
  expect(list.status).toBe(200);
  expect(list.body.items).toHaveLength(1);
  return (await t.request('GET', `${ADMIN}/invoices/${list.body.items[0].id}`, { token: admin })).body;
}

function expectedLines(who: 'martin' | 'durand', month: string) {
  return TABLE.filter((r) => r.who === who && r.date.startsWith(month) && r.cents > 0).map((r) => ({
    date: r.date,
    reason: r.reason,
    unitCents: r.cents,
    totalCents: r.cents,
    quantity: 1,
  }));
}

describe('the monthly billing run', () => {
  it('previews a month per household and activity, writing nothing, and shows the undecided late cancellation', async () => {
    const preview = await run({ month: M2, dryRun: true });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ id: null, status: 'preview', alreadyIssued: false });
    const mine = preview.body.households.filter((h: { household: { id: string } }) =>
      [households.martin.id, households.durand.id].includes(h.household.id),
    );
    expect(mine.map((h: { totalCents: number }) => h.totalCents).sort()).toEqual([420, 800]);
    expect(preview.body.activities.find((a: { activity: { id: string } }) => a.activity.id === activityId)).toMatchObject({
      days: 2,
      totalCents: 1220,
    });
    expect(preview.body.anomalies.filter((a: { household: { id: string } }) => a.household.id === households.martin.id)).toEqual([
      expect.objectContaining({ kind: 'late_cancellation_undecided', blocking: true, date: day(M2, 4) }),
    ]);
    // None for this test's households (the demo seed has invoices of its own).
    const invoices = await t.deps.db
      .selectFrom('invoices')
      .select('id')
      .where('kind', '=', 'invoice')
      .where(
        'household_id',
        'in',
        Object.values(households).map((h) => h.id),
      )
      .execute();
    expect(invoices).toHaveLength(0);
  });

  it('refuses to issue a month that is not over', async () => {
    const early = await run({ month: M1 });
    expect(early.status).toBe(422);
    expect(early.body.code).toBe('month_not_over');
    expect(early.headers.get('content-type')).toContain('application/problem+json');
  });

  it('issues one set of invoices when two runs start together, and nothing twice when run again', async () => {
    await moveClock(`${day(monthAfter(TEST_TODAY, 3), 2)}T08:00:00Z`);
    const [a, b] = await Promise.all([run({ month: M1 }), run({ month: M1 })]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.id).toBe(b.body.id);
    expect([a.body.alreadyIssued, b.body.alreadyIssued].sort()).toEqual([false, true]);
    const issued = a.body.alreadyIssued ? b.body : a.body;
    const count = await t.deps.db
      .selectFrom('invoices')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('billing_run_id', '=', issued.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(issued.invoiceCount);
    const outbox = await t.deps.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();

    const again = await run({ month: M1 });
    expect(again.body).toMatchObject({
      id: issued.id,
      alreadyIssued: true,
      invoiceCount: issued.invoiceCount,
      totalCents: issued.totalCents,
    });
    const after = await t.deps.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(outbox.n));
    const runs = await t.request('GET', `${ADMIN}/billing-runs`, { token: admin });
    expect(runs.body.runs.filter((r: { month: string }) => r.month === M1)).toHaveLength(1);
  });

  it('bills the first month exactly as the hand-computed table says', async () => {
    for (const who of ['martin', 'durand'] as const) {
      const invoice = await invoiceOf(who, M1);
      expect(invoice.totalCents, who).toBe(EXPECTED[who][M1]);
      expect(
        invoice.lines.map((l: Record<string, unknown>) => ({
          date: l.date,
          reason: l.reason,
          unitCents: l.unitCents,
          totalCents: l.totalCents,
          quantity: l.quantity,
        })),
      ).toEqual(expectedLines(who, M1));
      expect(invoice.totalCents).toBe(invoice.lines.reduce((s: number, l: { totalCents: number }) => s + l.totalCents, 0));
      expect(invoice).toMatchObject({ status: 'issued', periodFrom: monthRange(M1).from, periodTo: monthRange(M1).to });
      expect(invoice.number).toMatch(/^FA-\d{4}-\d{6}$/);
      expect(invoice.dueDate).toBe(`${monthAfter(TEST_TODAY, 4)}-15`);
    }
  });

  it('emails each family a notice with the number, amount and due date, in French and English', async () => {
    await t.deliverEmails();
    const invoice = await invoiceOf('martin', M1);
    const mail = t.mailbox.latestTo(households.martin.email);
    expect(mail?.subject).toContain(invoice.number);
    expect(mail?.text).toContain('20,90');
    expect(mail?.text).toContain('Your invoice no.');
  });

  it('waits for the undecided late cancellation of the second month, then issues it leaving that day unbilled when told', async () => {
    await moveClock(`${day(monthAfter(TEST_TODAY, 4), 3)}T08:00:00Z`);
    const refused = await run({ month: M2 });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('billing_anomalies');
    expect(await t.deps.db.selectFrom('billing_runs').select('id').where('month', '=', M2).execute()).toHaveLength(0);

    const issued = await run({ month: M2, leaveAnomaliesUnbilled: true });
    expect(issued.status).toBe(200);
    for (const who of ['martin', 'durand'] as const) {
      const invoice = await invoiceOf(who, M2);
      expect(invoice.totalCents, who).toBe(EXPECTED[who][M2]);
      expect(
        invoice.lines.map((l: { date: string; reason: string; totalCents: number }) => [l.date, l.reason, l.totalCents]),
      ).toEqual(expectedLines(who, M2).map((l) => [l.date, l.reason, l.totalCents]));
    }
  });

  it('numbers every invoice of the town without gaps, in the order they were issued', async () => {
    const rows = await t.deps.db
      .selectFrom('invoices')
      .select(['number', 'issued_at'])
      .where('collectivity_id', '=', collectivityId)
      .where('kind', '=', 'invoice')
      .orderBy('number')
      .execute();
    const byYear = new Map<string, number[]>();
    for (const r of rows) {
      const [, year, n] = r.number.split('-') as [string, string, string];
      byYear.set(year, [...(byYear.get(year) ?? []), Number(n)]);
    }
    for (const numbers of byYear.values()) expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    const instants = rows.map((r) => new Date(r.issued_at ?? 0).getTime());
    const sameYear = rows.map((r) => r.number.slice(3, 7));
    for (let i = 1; i < rows.length; i++) {
      if (sameYear[i] === sameYear[i - 1]) expect(instants[i]).toBeGreaterThanOrEqual(instants[i - 1] as number);
    }
  });

  it('cancels an invoice by a credit note that references it, with a reason, leaving the invoice as issued', async () => {
    const invoice = await invoiceOf('martin', M1);
    const empty = await t.request('POST', `${ADMIN}/invoices/${invoice.id}/credit`, { token: admin, body: { reason: '  ' } });
    expect(empty.status).toBe(400);
    const credited = await t.request('POST', `${ADMIN}/invoices/${invoice.id}/credit`, {
      token: admin,
      body: { reason: 'Erreur de pointage' },
    });
    expect(credited.status).toBe(201);
    expect(credited.body.creditNote).toMatchObject({
      kind: 'credit_note',
      correctsInvoiceId: invoice.id,
      totalCents: -2090,
    });
    expect(credited.body.creditNote.number).toMatch(/^AV-\d{4}-\d{6}$/);
    expect(credited.body.invoice).toMatchObject({ status: 'cancelled', cancelReason: 'Erreur de pointage' });
    const after = await t.request('GET', `${ADMIN}/invoices/${invoice.id}`, { token: admin });
    // Only the credited mark moved: every line is credited now.
    expect(after.body.lines).toEqual(invoice.lines.map((l: object) => ({ ...l, credited: true })));
    expect(after.body.totalCents).toBe(invoice.totalCents);
    expect(after.body.number).toBe(invoice.number);
    expect(after.body.creditNotes).toEqual([
      { id: credited.body.creditNote.id, number: credited.body.creditNote.number, totalCents: -2090 },
    ]);
    const twice = await t.request('POST', `${ADMIN}/invoices/${invoice.id}/credit`, { token: admin, body: { reason: 'Encore' } });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('invoice_not_creditable');
  });

  it('lists the unpaid invoices past their due date, and lets an agent read but not issue', async () => {
    const durand = await invoiceOf('durand', M1);
    await moveClock(`${addDays(durand.dueDate, 1)}T08:00:00Z`);
    const overdue = await t.request('GET', `${ADMIN}/invoices?overdue=true&limit=100`, { token: admin });
    const ids = overdue.body.items.map((i: { id: string }) => i.id);
    expect(ids).toContain(durand.id);
    const martin = await invoiceOf('martin', M1);
    expect(ids).not.toContain(martin.id);
    const agent = await agentWithRole(t, 'agent');
    expect((await t.request('GET', `${ADMIN}/invoices?overdue=true`, { token: agent.token })).status).toBe(200);
    expect((await run({ month: M1, dryRun: true }, agent.token)).status).toBe(403);
  });
});
