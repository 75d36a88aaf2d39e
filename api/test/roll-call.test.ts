import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentWithRole } from './agent-builders.js';
import { type DemoFamily, demoFamily } from './demo-family.js';
import { DEMO, startTestApp, type TestApp } from './harness.js';
import { TEST_TODAY } from './test-database.js';

const C = '/v1/collectivities/ville-de-demo';

let t: TestApp;
let family: DemoFamily;
let animator: { accountId: string; token: string };
let agent: { accountId: string; token: string };
let admin: string;
let parent: string;
/** Alvaro's first future canteen day at Jules Ferry (seeded booked): the day the roll call is taken. */
let day: string;
/** A child enrolled in the canteen that day but not booked: the walk-in. */
let walkInChild: string;

beforeAll(async () => {
  t = await startTestApp();
  family = await demoFamily(t);
  animator = await agentWithRole(t, 'animator');
  agent = await agentWithRole(t, 'agent');
  admin = (await t.login(DEMO.agent)).accessToken;
  parent = (await t.login(DEMO.parent)).accessToken;
  const meal = await t.deps.db
    .selectFrom('bookings')
    .select('date')
    .where('child_id', '=', family.alvaro)
    .where('activity_id', '=', family.activity.canteenFerry)
    .where('status', '=', 'booked')
    .where('date', '>', TEST_TODAY)
    .orderBy('date')
    .executeTakeFirstOrThrow();
  day = meal.date;
  const free = await t.deps.db
    .selectFrom('enrolments as e')
    .select('e.child_id')
    .where('e.collectivity_id', '=', family.collectivityId)
    .where('e.activity_id', '=', family.activity.canteenFerry)
    .where('e.from_date', '<=', day)
    .where('e.to_date', '>=', day)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('bookings as b')
            .select('b.id')
            .whereRef('b.child_id', '=', 'e.child_id')
            .where('b.activity_id', '=', family.activity.canteenFerry)
            .where('b.date', '=', day)
            .where('b.status', 'not in', ['cancelled', 'expired', 'refused']),
        ),
      ),
    )
    .executeTakeFirst();
  if (!free) throw new Error(`every enrolled child is booked at Jules Ferry on ${day}`);
  walkInChild = free.child_id;
});
afterAll(() => t.close());

const get = (token: string) =>
  t.request('GET', `${C}/admin/roll-call?date=${day}&activity=${family.activity.canteenFerry}`, { token });
const mark = (token: string, markId: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.request('PUT', `${C}/admin/roll-call/marks/${markId}`, {
    token,
    headers,
    body: { activityId: family.activity.canteenFerry, date: day, ...body },
  });
const alvaroOf = (res: { body: { children: { child: { id: string } }[] } }) =>
  res.body.children.find((c) => c.child.id === family.alvaro) as Record<string, unknown> | undefined;

describe('roll call', () => {
  it('lists the expected children with health marks for an animator, audited, and without them for an agent', async () => {
    const seen = await get(animator.token);
    expect(seen.status).toBe(200);
    expect(seen.body.healthVisible).toBe(true);
    expect(alvaroOf(seen)).toMatchObject({ attendance: null, version: 0, walkIn: false });
    expect(Array.isArray(alvaroOf(seen)?.allergies)).toBe(true);
    expect(seen.body.enrolled.map((c: { id: string }) => c.id)).toContain(walkInChild);
    const audited = await t.deps.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'health.read')
      .where('object_type', '=', 'roll_call')
      .where('actor_account_id', '=', animator.accountId)
      .execute();
    expect(audited).toHaveLength(1);
    expect((audited[0]?.details as { childIds: string[] } | undefined)?.childIds ?? []).toContain(family.alvaro);

    const plain = await get(agent.token);
    expect(plain.body.healthVisible).toBe(false);
    expect(alvaroOf(plain)).toMatchObject({ allergies: null, carePlan: null });
  });

  it('refuses the kitchen', async () => {
    const kitchen = await agentWithRole(t, 'kitchen');
    expect((await get(kitchen.token)).status).toBe(403);
  });

  it('records a mark once however often it is sent, with who and when, and the parent sees it', async () => {
    const markId = crypto.randomUUID();
    const first = await mark(animator.token, markId, { childId: family.alvaro, attendance: 'present', seenVersion: 0 });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ attendance: 'present', version: 1, replayed: false, walkIn: false });
    const again = await mark(animator.token, markId, { childId: family.alvaro, attendance: 'present', seenVersion: 0 });
    expect(again.body).toMatchObject({ attendance: 'present', version: 1, replayed: true, bookingId: first.body.bookingId });
    const rows = await t.deps.db.selectFrom('attendance_marks').select('id').where('id', '=', markId).execute();
    expect(rows).toHaveLength(1);
    const booking = await t.deps.db
      .selectFrom('bookings')
      .select(['attendance', 'attendance_version', 'attendance_recorded_by', 'attendance_recorded_at'])
      .where('id', '=', first.body.bookingId)
      .executeTakeFirstOrThrow();
    expect(booking).toMatchObject({ attendance: 'present', attendance_version: 1, attendance_recorded_by: animator.accountId });
    expect(new Date(booking.attendance_recorded_at ?? 0).toISOString()).toBe(t.clock.now().toISOString());

    const calendar = await t.request('GET', `${C}/children/${family.alvaro}/calendar?from=${day}&to=${day}`, { token: parent });
    const cell = calendar.body.cells.find((c: { activityId: string }) => c.activityId === family.activity.canteenFerry);
    expect(cell.attendance).toBe('present');

    const reused = await mark(animator.token, markId, {
      childId: family.alvaro,
      attendance: 'absent_unjustified',
      seenVersion: 1,
    });
    expect(reused.status).toBe(422);
  });

  it('answers a conflict, in French or English, when another agent marked the child since, and never overwrites', async () => {
    const byAdmin = await mark(admin, crypto.randomUUID(), {
      childId: family.alvaro,
      attendance: 'absent_unjustified',
      seenVersion: 1,
    });
    expect(byAdmin.body).toMatchObject({ attendance: 'absent_unjustified', version: 2 });
    const stale = await mark(animator.token, crypto.randomUUID(), {
      childId: family.alvaro,
      attendance: 'absent_justified',
      seenVersion: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.headers.get('content-type')).toContain('application/problem+json');
    expect(stale.body).toMatchObject({ code: 'attendance_conflict', current: { attendance: 'absent_unjustified', version: 2 } });
    expect(stale.body.detail).toContain('Un autre agent');
    const english = await mark(
      animator.token,
      crypto.randomUUID(),
      { childId: family.alvaro, attendance: 'present', seenVersion: 1 },
      { 'Accept-Language': 'en' },
    );
    expect(english.body.detail).toContain('Another agent');
    // The same mark as the one stored is no conflict: two agents agree.
    const agreeing = await mark(animator.token, crypto.randomUUID(), {
      childId: family.alvaro,
      attendance: 'absent_unjustified',
      seenVersion: 1,
    });
    expect(agreeing.body).toMatchObject({ attendance: 'absent_unjustified', version: 2 });
    expect(alvaroOf(await get(agent.token))).toMatchObject({ attendance: 'absent_unjustified', version: 2 });
  });

  it('adds a child who came without booking, at the activity surcharge, and refuses an absence of a child not expected', async () => {
    await t.deps.db
      .updateTable('activities')
      .set({ walk_in_surcharge_cents: 750 })
      .where('id', '=', family.activity.canteenFerry)
      .execute();
    const absent = await mark(animator.token, crypto.randomUUID(), {
      childId: walkInChild,
      attendance: 'absent_unjustified',
      seenVersion: 0,
    });
    expect(absent.status).toBe(409);
    expect(absent.body.code).toBe('not_booked');
    const came = await mark(animator.token, crypto.randomUUID(), { childId: walkInChild, attendance: 'present', seenVersion: 0 });
    expect(came.body).toMatchObject({ walkIn: true, attendance: 'present', version: 1 });
    const booking = await t.deps.db
      .selectFrom('bookings')
      .select(['status', 'price_cents', 'walk_in'])
      .where('id', '=', came.body.bookingId)
      .executeTakeFirstOrThrow();
    expect(booking).toEqual({ status: 'booked', price_cents: 750, walk_in: true });
    const list = await get(animator.token);
    expect(list.body.children.find((c: { child: { id: string } }) => c.child.id === walkInChild)).toMatchObject({ walkIn: true });
    expect(list.body.enrolled.map((c: { id: string }) => c.id)).not.toContain(walkInChild);
  });

  it('applies a mark sent twice at once only once', async () => {
    const markId = crypto.randomUUID();
    const body = { childId: family.alvaro, attendance: 'present', seenVersion: 2 };
    const [a, b] = await Promise.all([mark(animator.token, markId, body), mark(animator.token, markId, body)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect([a.body.replayed, b.body.replayed].sort()).toEqual([false, true]);
    expect(a.body.version).toBe(3);
    expect(b.body.version).toBe(3);
  });

  it('refuses a mark on a child of another collectivity', async () => {
    const other = await mark(animator.token, crypto.randomUUID(), {
      childId: '00000000-0000-4000-8000-000000000000',
      attendance: 'present',
      seenVersion: 0,
    });
    expect(other.status).toBe(404);
  });
});
