import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asTableOwner } from '../src/db/tenant-scope.js';
import { agentWithRole } from './agent-builders.js';
import { type DemoFamily, demoFamily } from './demo-family.js';
import { DEMO, startTestApp, type TestApp } from './harness.js';

const C = '/v1/collectivities/ville-de-demo';
let t: TestApp;
let admin: string;
let family: DemoFamily;
beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.login(DEMO.agent)).accessToken;
  family = await demoFamily(t);
});
afterAll(() => t.close());

/** A day Alvaro is booked on, and its activity: his allergies and care plan are on its day list. */
async function alvaroBookedDay() {
  return t.deps.db
    .selectFrom('bookings')
    .select(['date', 'activity_id'])
    .where('child_id', '=', family.alvaro)
    .where('status', '=', 'booked')
    .orderBy('date')
    .executeTakeFirstOrThrow();
}

describe('the audit log, for the admin and the data protection officer', () => {
  it("tells who saw a child's health data, and when", async () => {
    const animator = await agentWithRole(t, 'animator');
    const day = await alvaroBookedDay();
    const read = await t.request('GET', `${C}/admin/roll-call?date=${day.date}&activity=${day.activity_id}`, {
      token: animator.token,
    });
    expect(read.status).toBe(200);

    const log = await t.request('GET', `${C}/admin/audit-log?health=true&child=${family.alvaro}`, { token: admin });
    expect(log.status).toBe(200);
    const entry = log.body.items.find((e: { actor: { email: string } | null }) => e.actor?.email === animator.email);
    expect(entry).toMatchObject({ action: 'health.read', healthRead: true, objectType: 'roll_call', objectId: day.date });
    expect(entry.children).toContainEqual({ id: family.alvaro, name: expect.stringContaining('Alvaro') });
    expect(Date.parse(entry.at)).toBe(t.deps.clock.now().getTime());
    // Only health reads, only entries about Alvaro.
    for (const e of log.body.items) {
      expect(e.healthRead).toBe(true);
      expect(e.children.map((c: { id: string }) => c.id)).toContain(family.alvaro);
    }
  });

  it('pages newest first, without repeating or skipping an entry', async () => {
    const day = await alvaroBookedDay();
    for (let i = 0; i < 3; i++) {
      await t.request('GET', `${C}/admin/day-list?date=${day.date}&activity=${day.activity_id}`, { token: admin });
    }
    const all = await t.request('GET', `${C}/admin/audit-log?limit=100`, { token: admin });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await t.request(
        'GET',
        `${C}/admin/audit-log?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { token: admin },
      );
      seen.push(...page.body.items.map((e) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor && seen.length < 100);
    expect(seen).toEqual(all.body.items.map((e: { id: string }) => e.id));
    expect(seen.length).toBeGreaterThanOrEqual(3);
  });

  it('is for admins only: an agent or the kitchen is refused', async () => {
    for (const role of ['agent', 'kitchen', 'animator'] as const) {
      const { token } = await agentWithRole(t, role);
      const res = await t.request('GET', `${C}/admin/audit-log`, { token });
      expect(res.status, role).toBe(403);
    }
    const bad = await t.request('GET', `${C}/admin/audit-log?cursor=pas-un-curseur`, { token: admin });
    expect(bad.status).toBe(400);
  });

  it('is append-only: the database refuses to change or remove an entry', async () => {
    const db = t.deps.db;
    const before = await db.selectFrom('audit_log').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    // The API's role may not (no privilege) …
    await expect(sql`update audit_log set action = 'effacé'`.execute(db)).rejects.toThrow(/permission denied/);
    await expect(sql`delete from audit_log`.execute(db)).rejects.toThrow(/permission denied/);
    // … and the tables' owner, who has it, is refused by the trigger.
    await expect(asTableOwner(() => sql`update audit_log set action = 'effacé'`.execute(db))).rejects.toThrow(/append-only/);
    await expect(asTableOwner(() => sql`delete from audit_log`.execute(db))).rejects.toThrow(/append-only/);
    const after = await db.selectFrom('audit_log').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    expect(before.n).toBeGreaterThan(0);
    const changed = await db.selectFrom('audit_log').select('action').where('action', '=', 'effacé').execute();
    expect(changed).toEqual([]);
  });
});
