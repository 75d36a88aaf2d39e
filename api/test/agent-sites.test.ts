import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentWithRole } from './agent-builders.js';
import { DEMO, startTestApp, type TestApp } from './harness.js';

const C = '/v1/collectivities/ville-de-demo';

let t: TestApp;
let admin: string;
/** A day with children booked on two sites, and one activity of each. */
let day: string;
let siteA: { id: string; activity: string };
let siteB: { id: string; activity: string };

beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.login(DEMO.agent)).accessToken;
  const rows = await t.deps.db
    .selectFrom('bookings as b')
    .innerJoin('activities as a', (j) =>
      j.onRef('a.collectivity_id', '=', 'b.collectivity_id').onRef('a.id', '=', 'b.activity_id'),
    )
    .innerJoin('collectivities as c', 'c.id', 'b.collectivity_id')
    .select(['b.date', 'a.site_id', sql<string>`min(a.id::text)`.as('activity_id')])
    .where('c.slug', '=', 'ville-de-demo')
    .where('b.status', '=', 'booked')
    .groupBy(['b.date', 'a.site_id'])
    .orderBy('b.date')
    .orderBy('a.site_id')
    .execute();
  const byDay = new Map<string, typeof rows>();
  for (const row of rows) byDay.set(row.date, [...(byDay.get(row.date) ?? []), row]);
  const [date, sites] = [...byDay].find(([, onDay]) => onDay.length >= 2) ?? [];
  if (!date || !sites?.[0] || !sites[1]) throw new Error('no demo day with bookings on two sites');
  day = date;
  siteA = { id: sites[0].site_id, activity: sites[0].activity_id };
  siteB = { id: sites[1].site_id, activity: sites[1].activity_id };
});
afterAll(() => t.close());

const rollCall = (token: string, activity: string) =>
  t.request('GET', `${C}/admin/roll-call?date=${day}&activity=${activity}`, { token });
const dayList = (token: string, activity?: string) =>
  t.request('GET', `${C}/admin/day-list?date=${day}${activity ? `&activity=${activity}` : ''}`, { token });
const activitySites = async (res: { body: { entries: { activity: { id: string } }[] } }) => {
  const ids = [...new Set(res.body.entries.map((e) => e.activity.id))];
  if (ids.length === 0) return new Set<string>();
  const rows = await t.deps.db.selectFrom('activities').select('site_id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.site_id));
};

describe("an animator's sites", () => {
  it("shows an animator their site's roll call and care-plan marks, audited, and refuses another site's", async () => {
    const animator = await agentWithRole(t, 'animator', { sites: [siteA.id] });

    const mine = await rollCall(animator.token, siteA.activity);
    expect(mine.status).toBe(200);
    expect(mine.body.healthVisible).toBe(true);
    expect(mine.body.children.length).toBeGreaterThan(0);
    expect(mine.body.children.every((c: { carePlan: unknown }) => typeof c.carePlan === 'boolean')).toBe(true);

    const other = await rollCall(animator.token, siteB.activity);
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('forbidden');
    const child = mine.body.children[0].child.id;
    const mark = await t.request('PUT', `${C}/admin/roll-call/marks/${crypto.randomUUID()}`, {
      token: animator.token,
      body: { childId: child, activityId: siteB.activity, date: day, attendance: 'present', seenVersion: 0 },
    });
    expect(mark.status).toBe(403);

    const activities = await t.request('GET', `${C}/admin/roll-call/activities`, { token: animator.token });
    expect(new Set(activities.body.activities.map((a: { site: { id: string } }) => a.site.id))).toEqual(new Set([siteA.id]));

    const list = await dayList(animator.token);
    expect(list.status).toBe(200);
    expect(await activitySites(list)).toEqual(new Set([siteA.id]));
    expect((await dayList(animator.token, siteB.activity)).status).toBe(403);

    const reads = await t.deps.db
      .selectFrom('audit_log')
      .select(['object_type', 'details'])
      .where('action', '=', 'health.read')
      .where('actor_account_id', '=', animator.accountId)
      .execute();
    expect(reads.map((r) => r.object_type).sort()).toEqual(['day_list', 'roll_call']);
    const listed = new Set(list.body.entries.map((e: { child: { id: string } }) => e.child.id));
    const dayListRead = reads.find((r) => r.object_type === 'day_list')?.details as { childIds: string[] };
    expect(new Set(dayListRead.childIds)).toEqual(listed);
  });

  it('shows an animator without a site no roll call and no health data', async () => {
    const animator = await agentWithRole(t, 'animator', { sites: [] });
    const activities = await t.request('GET', `${C}/admin/roll-call/activities`, { token: animator.token });
    expect(activities.body.activities).toEqual([]);
    expect((await rollCall(animator.token, siteA.activity)).status).toBe(403);
    expect((await dayList(animator.token)).body.entries).toEqual([]);
    const reads = await t.deps.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'health.read')
      .where('actor_account_id', '=', animator.accountId)
      .execute();
    expect(reads).toEqual([]);
  });

  it('shows admins every site', async () => {
    expect((await rollCall(admin, siteA.activity)).status).toBe(200);
    expect((await rollCall(admin, siteB.activity)).status).toBe(200);
    const sites = await activitySites(await dayList(admin));
    expect(sites.has(siteA.id) && sites.has(siteB.id)).toBe(true);
  });

  it('lets an admin set an animator’s sites, audited, and only an animator’s', async () => {
    const animator = await agentWithRole(t, 'animator', { sites: [] });
    const before = await t.request('GET', `${C}/admin/agents`, { token: admin });
    expect(before.body.agents.find((a: { id: string }) => a.id === animator.membershipId).sites).toEqual([]);
    expect(before.body.agents.find((a: { email: string }) => a.email === DEMO.agent).sites).toBeNull();

    const set = await t.request('PUT', `${C}/admin/agents/${animator.membershipId}/sites`, {
      token: admin,
      body: { siteIds: [siteB.id] },
    });
    expect(set.status).toBe(200);
    expect(set.body.sites.map((s: { id: string }) => s.id)).toEqual([siteB.id]);
    expect((await rollCall(animator.token, siteB.activity)).status).toBe(200);
    expect((await rollCall(animator.token, siteA.activity)).status).toBe(403);
    const audited = await t.deps.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'agent.sites_changed')
      .where('object_id', '=', animator.membershipId)
      .executeTakeFirst();
    expect(audited?.details).toEqual({ siteIds: [siteB.id] });

    const unknown = await t.request('PUT', `${C}/admin/agents/${animator.membershipId}/sites`, {
      token: admin,
      body: { siteIds: [crypto.randomUUID()] },
    });
    expect(unknown.status).toBe(422);
    const kitchen = await agentWithRole(t, 'kitchen');
    const notAnimator = await t.request('PUT', `${C}/admin/agents/${kitchen.membershipId}/sites`, {
      token: admin,
      body: { siteIds: [siteA.id] },
    });
    expect(notAnimator.status).toBe(409);
    const byAnimator = await t.request('PUT', `${C}/admin/agents/${animator.membershipId}/sites`, {
      token: animator.token,
      body: { siteIds: [siteA.id] },
    });
    expect(byAnimator.status).toBe(403);
  });

  it('gives the demo animator every site of the demo town', async () => {
    const token = (await t.login(DEMO.animator)).accessToken;
    expect((await rollCall(token, siteA.activity)).status).toBe(200);
    expect((await rollCall(token, siteB.activity)).status).toBe(200);
  });
});
