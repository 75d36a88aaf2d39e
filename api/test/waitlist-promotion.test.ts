import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentWithRole } from './agent-builders.js';
import { type DemoFamily, demoFamily } from './demo-family.js';
import { DEMO, startTestApp, type TestApp } from './harness.js';
import { TEST_NOW, TEST_TODAY } from './test-database.js';
import { shifted } from './test-days.js';

const C = '/v1/collectivities/ville-de-demo';
const DAY = 86_400_000;

let t: TestApp;
let family: DemoFamily;
let agent: string;

beforeAll(async () => {
  t = await startTestApp();
  family = await demoFamily(t);
  agent = (await t.login(DEMO.agent)).accessToken;
});
afterAll(() => t.close());

/** The first coming leisure day booked to its capacity, and two demo children not on it. */
async function fullDay() {
  const day = await t.deps.db
    .selectFrom('bookings as b')
    .innerJoin('activities as a', 'a.id', 'b.activity_id')
    .select(['b.date', 'a.capacity', sql<number>`count(*)::int`.as('taken')])
    .where('b.collectivity_id', '=', family.collectivityId)
    .where('b.activity_id', '=', family.activity.leisureDay)
    .where('b.status', '=', 'booked')
    .where('b.date', '>=', TEST_TODAY)
    .groupBy(['b.date', 'a.capacity'])
    .having((eb) => eb(sql<number>`count(*)`, '>=', eb.ref('a.capacity')))
    .orderBy('b.date')
    .executeTakeFirstOrThrow();
  const busy = await t.deps.db
    .selectFrom('bookings')
    .select('child_id')
    .where('activity_id', '=', family.activity.leisureDay)
    .where('date', '=', day.date)
    .execute();
  const free = [family.leo, family.lucia, family.alvaro].filter((id) => !busy.some((b) => b.child_id === id));
  if (free.length < 2) throw new Error('fewer than two demo children free on the full leisure day');
  return { date: day.date, capacity: day.capacity ?? 0, children: free };
}

async function waitlist(childId: string, date: string, at: string): Promise<string> {
  const child = await t.deps.db.selectFrom('children').select('household_id').where('id', '=', childId).executeTakeFirstOrThrow();
  const row = await t.deps.db
    .insertInto('bookings')
    .values({
      collectivity_id: family.collectivityId,
      household_id: child.household_id,
      child_id: childId,
      activity_id: family.activity.leisureDay,
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

const list = (date: string, token = agent) => t.request('GET', `${C}/admin/waitlists?from=${date}&to=${date}`, { token });
const promote = (id: string, body: object = {}) =>
  t.request('POST', `${C}/admin/waitlists/${id}/promotion`, { token: agent, body });

describe('waiting lists in the back office', () => {
  it('shows the order, lets an agent promote over capacity knowingly, and keeps who promoted whom and when, by hand or not', async () => {
    const day = await fullDay();
    const [firstChild, secondChild] = day.children as [string, string];
    const earlier = await waitlist(firstChild, day.date, shifted(TEST_NOW, -3 * DAY));
    const later = await waitlist(secondChild, day.date, shifted(TEST_NOW, -2 * DAY));

    const before = await list(day.date);
    expect(before.status).toBe(200);
    const full = before.body.days.find((d: { activity: { id: string } }) => d.activity.id === family.activity.leisureDay);
    expect(full.placesTaken).toBe(day.capacity);
    expect(full.waiting.map((w: { bookingId: string; position: number }) => [w.bookingId, w.position])).toEqual([
      [earlier, 1],
      [later, 2],
    ]);

    // The day is full: the agent must say they mean to go over its capacity.
    const refused = await promote(later);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('day_full');
    expect(refused.body.detail ?? refused.body.title).toMatch(/place/);

    const promoted = await promote(later, { overCapacity: true });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ bookingId: later, overCapacity: true });
    expect(['booked', 'pending_payment']).toContain(promoted.body.status);

    const after = (await list(day.date)).body.days.find(
      (d: { activity: { id: string } }) => d.activity.id === family.activity.leisureDay,
    );
    expect(after.waiting.map((w: { bookingId: string; position: number }) => [w.bookingId, w.position])).toEqual([[earlier, 1]]);
    expect(after.promoted).toHaveLength(1);
    expect(after.promoted[0]).toMatchObject({
      bookingId: later,
      promotedAt: t.clock.now().toISOString(),
      promotedBy: { name: expect.any(String) },
    });
    expect(after.placesTaken).toBe(day.capacity + 1);

    // Promoted once: a second click is told the child is no longer waiting.
    const again = await promote(later, { overCapacity: true });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('not_waitlisted');

    const audits = await t.deps.db
      .selectFrom('audit_log')
      .select(['details'])
      .where('action', '=', 'waitlist.promoted')
      .where('object_id', '=', later)
      .execute();
    expect(audits).toHaveLength(1);

    // Two late cancellations accepted: the first brings the day back to its capacity, the
    // second frees a place, given automatically to the earlier family (no agent named).
    t.clock.advance(60_000);
    const freed = await t.deps.db
      .selectFrom('bookings')
      .select('id')
      .where('activity_id', '=', family.activity.leisureDay)
      .where('date', '=', day.date)
      .where('status', '=', 'booked')
      .where('child_id', 'not in', [family.leo, family.lucia, family.alvaro])
      .orderBy('id')
      .limit(2)
      .execute();
    for (const { id } of freed) {
      await t.deps.db.updateTable('bookings').set({ status: 'cancel_requested' }).where('id', '=', id).execute();
      const decided = await t.request('POST', `${C}/admin/late-cancellations/${id}/decision`, {
        token: agent,
        body: { decision: 'accept', refund: false },
      });
      expect(decided.status).toBe(200);
    }
    const last = (await list(day.date)).body.days.find(
      (d: { activity: { id: string } }) => d.activity.id === family.activity.leisureDay,
    );
    expect(last.waiting).toEqual([]);
    expect(last.promoted.map((p: { bookingId: string; promotedBy: unknown }) => [p.bookingId, p.promotedBy === null])).toEqual([
      [later, false],
      [earlier, true],
    ]);

    await t.deliverEmails();
    const child = await t.deps.db
      .selectFrom('children')
      .select('first_name')
      .where('id', '=', secondChild)
      .executeTakeFirstOrThrow();
    expect(t.mailbox.list().filter((m) => m.subject.includes(`Une place s'est libérée pour ${child.first_name}`))).toHaveLength(
      1,
    );
  });

  it('is for admins and agents only', async () => {
    const kitchen = await agentWithRole(t, 'kitchen');
    const animator = await agentWithRole(t, 'animator');
    const today = TEST_TODAY;
    expect((await list(today, kitchen.token)).status).toBe(403);
    expect((await list(today, animator.token)).status).toBe(403);
  });

  it('refuses a period longer than 62 days', async () => {
    const res = await t.request('GET', `${C}/admin/waitlists?from=2026-01-01&to=2026-04-01`, { token: agent });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
  });
});
