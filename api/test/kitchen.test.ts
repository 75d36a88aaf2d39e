import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../src/domain/index.js';
import { agentWithRole } from './agent-builders.js';
import { type DemoFamily, demoFamily } from './demo-family.js';
import { DEMO, startTestApp, type TestApp } from './harness.js';
import { TEST_TODAY } from './test-database.js';

const C = '/v1/collectivities/ville-de-demo';
const DAYS = 10;

let t: TestApp;
let family: DemoFamily;
let kitchen: { accountId: string; token: string };
let groups: { porc: string; vege: string };
/** The first day from today with canteen meals: on some test dates the school holidays come first. */
let from: string;

beforeAll(async () => {
  t = await startTestApp();
  family = await demoFamily(t);
  kitchen = await agentWithRole(t, 'kitchen');
  const db = t.deps.db;
  const [porc, vege] = await db
    .insertInto('diet_groups')
    .values([
      { collectivity_id: family.collectivityId, name: 'Sans porc', position: 1 },
      { collectivity_id: family.collectivityId, name: 'Végétarien', position: 2 },
    ])
    .returning('id')
    .execute();
  if (!porc || !vege) throw new Error('no diet groups');
  groups = { porc: porc.id, vege: vege.id };
  const first = await db
    .selectFrom('bookings')
    .select('date')
    .where('activity_id', '=', family.activity.canteenFerry)
    .where('status', '=', 'booked')
    .where('date', '>=', TEST_TODAY)
    .orderBy('date')
    .executeTakeFirstOrThrow();
  from = first.date;
  // A third of the town's children without pork, a sixth vegetarian: enough for every site to have some.
  const children = await db
    .selectFrom('children')
    .select('id')
    .where('collectivity_id', '=', family.collectivityId)
    .orderBy('id')
    .execute();
  const every = (n: number, r: number) => children.filter((_, i) => i % n === r).map((c) => c.id);
  await db.updateTable('children').set({ diet_group_id: groups.porc }).where('id', 'in', every(3, 0)).execute();
  await db.updateTable('children').set({ diet_group_id: groups.vege }).where('id', 'in', every(6, 1)).execute();
});
afterAll(() => t.close());

/** The same counts, straight from the tables: canteen bookings expected on the day, by site and diet group. */
async function independentCount(from: string, to: string): Promise<Map<string, number>> {
  const { rows } = await sql<{ site_id: string; date: string; diet_group_id: string | null; n: string }>`
    select a.site_id, to_char(b.date, 'YYYY-MM-DD') as date, ch.diet_group_id, count(*) as n
    from bookings b
    join activities a on a.collectivity_id = b.collectivity_id and a.id = b.activity_id
    join services s on s.collectivity_id = a.collectivity_id and s.id = a.service_id
    join children ch on ch.collectivity_id = b.collectivity_id and ch.id = b.child_id
    where b.collectivity_id = ${family.collectivityId} and s.kind = 'canteen' and a.archived_at is null
      and b.date between ${from} and ${to}
      and (b.status in ('booked', 'cancel_requested') or (b.status = 'pending_payment' and b.hold_expires_at > ${t.clock.now()}))
    group by 1, 2, 3`.execute(t.deps.db);
  return new Map(rows.map((r) => [`${r.site_id}|${r.date}|${r.diet_group_id ?? '-'}`, Number(r.n)]));
}

function apiCounts(body: {
  sites: { id: string; days: { date: string; byGroup: { dietGroupId: string | null; count: number }[] }[] }[];
}) {
  const counts = new Map<string, number>();
  for (const site of body.sites)
    for (const day of site.days)
      for (const g of day.byGroup) if (g.count > 0) counts.set(`${site.id}|${day.date}|${g.dietGroupId ?? '-'}`, g.count);
  return counts;
}

describe('meal counts', () => {
  it('equal an independent SQL count of the demo town for 10 days, by site and diet group', async () => {
    const res = await t.request('GET', `${C}/admin/kitchen/meal-counts?from=${from}&days=${DAYS}`, {
      token: kitchen.token,
    });
    expect(res.status).toBe(200);
    expect(res.body.sites.length).toBeGreaterThanOrEqual(2);
    expect(res.body.dietGroups.map((g: { name: string }) => g.name)).toEqual(['Sans porc', 'Végétarien']);
    const expected = await independentCount(from, addDays(from, DAYS - 1));
    const total = [...expected.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(50);
    expect(apiCounts(res.body)).toEqual(expected);
    expect([...expected.keys()].some((k) => k.endsWith(groups.porc))).toBe(true);
    for (const site of res.body.sites) {
      for (const day of site.days) {
        expect(day.total).toBe(day.byGroup.reduce((a: number, g: { count: number }) => a + g.count, 0));
        expect(day.final).toBe(new Date(day.finalAt) <= t.clock.now());
      }
    }
    console.info(`kitchen: ${total} meals over ${DAYS} days at ${res.body.sites.length} sites equal the SQL count`);
  });

  it('drops a day cancelled in time and keeps one reported late', async () => {
    const [inTime, late] = await t.deps.db
      .selectFrom('bookings')
      .select(['id', 'date'])
      .where('collectivity_id', '=', family.collectivityId)
      .where('activity_id', '=', family.activity.canteenFerry)
      .where('status', '=', 'booked')
      .where('date', '>', TEST_TODAY)
      .where('date', '<=', addDays(from, DAYS - 1))
      .orderBy('date')
      .limit(2)
      .execute();
    if (!inTime || !late) throw new Error('no canteen days ahead');
    const ferry = async (date: string) => {
      const res = await t.request('GET', `${C}/admin/kitchen/meal-counts?from=${date}&days=1`, { token: kitchen.token });
      return res.body.sites
        .map((s: { days: { total: number }[] }) => s.days[0]?.total ?? 0)
        .reduce((a: number, b: number) => a + b, 0);
    };
    const before = [await ferry(inTime.date), await ferry(late.date)];
    await t.deps.db.updateTable('bookings').set({ status: 'cancelled' }).where('id', '=', inTime.id).execute();
    await t.deps.db.updateTable('bookings').set({ status: 'cancel_requested' }).where('id', '=', late.id).execute();
    expect(await ferry(inTime.date)).toBe((before[0] ?? 0) - 1);
    if (inTime.date !== late.date) expect(await ferry(late.date)).toBe(before[1]);
  });

  it("gives the kitchen a day's sheet with the children's diets and allergies, audited", async () => {
    const meal = await t.deps.db
      .selectFrom('bookings')
      .select('date')
      .where('activity_id', '=', family.activity.canteenFerry)
      .where('status', '=', 'booked')
      .where('date', '>', TEST_TODAY)
      .orderBy('date')
      .executeTakeFirstOrThrow();
    const res = await t.request('GET', `${C}/admin/kitchen/day-sheet?date=${meal.date}`, { token: kitchen.token });
    expect(res.status).toBe(200);
    const particular = res.body.sites.flatMap((s: { particular: { dietGroupId: string | null }[] }) => s.particular);
    expect(particular.some((p: { dietGroupId: string | null }) => p.dietGroupId === groups.porc)).toBe(true);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('id')
      .where('actor_account_id', '=', kitchen.accountId)
      .where('object_type', '=', 'kitchen_day_sheet')
      .execute();
    expect(audit).toHaveLength(1);
    const animator = await agentWithRole(t, 'animator');
    expect((await t.request('GET', `${C}/admin/kitchen/day-sheet?date=${TEST_TODAY}`, { token: animator.token })).status).toBe(
      403,
    );
    const tooMany = await t.request('GET', `${C}/admin/kitchen/meal-counts?from=${TEST_TODAY}&days=90`, { token: kitchen.token });
    expect(tooMany.status).toBe(400);
  });
});

describe('diet groups', () => {
  it('lets an admin define a group and an agent put a child in it; the counts follow', async () => {
    const admin = (await t.login(DEMO.agent)).accessToken;
    const agent = await agentWithRole(t, 'agent');
    const created = await t.request('POST', `${C}/admin/diet-groups`, { token: admin, body: { name: 'PAI', position: 3 } });
    expect(created.status).toBe(200);
    const again = await t.request('POST', `${C}/admin/diet-groups`, { token: admin, body: { name: 'pai' } });
    expect(again.status).toBe(409);
    expect(again.body.detail).toBe('Ce régime existe déjà.');
    const empty = await t.request('POST', `${C}/admin/diet-groups`, { token: admin, body: { name: ' ' } });
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body.errors)).toContain('le nom du régime est obligatoire');
    const listed = await t.request('GET', `${C}/admin/diet-groups`, { token: kitchen.token });
    expect(listed.body.dietGroups.map((g: { name: string }) => g.name)).toEqual(['Sans porc', 'Végétarien', 'PAI']);

    const set = await t.request('PUT', `${C}/admin/children/${family.alvaro}/diet-group`, {
      token: agent.token,
      body: { dietGroupId: created.body.id },
    });
    expect(set.status).toBe(200);
    const meal = await t.deps.db
      .selectFrom('bookings')
      .select('date')
      .where('child_id', '=', family.alvaro)
      .where('activity_id', '=', family.activity.canteenFerry)
      .where('status', '=', 'booked')
      .where('date', '>', TEST_TODAY)
      .orderBy('date')
      .executeTakeFirstOrThrow();
    const sheet = await t.request('GET', `${C}/admin/kitchen/day-sheet?date=${meal.date}`, { token: kitchen.token });
    const alvaro = sheet.body.sites
      .flatMap((s: { particular: { child: { id: string }; dietGroupId: string | null }[] }) => s.particular)
      .find((p: { child: { id: string } }) => p.child.id === family.alvaro);
    expect(alvaro.dietGroupId).toBe(created.body.id);
    const unknown = await t.request('PUT', `${C}/admin/children/${family.alvaro}/diet-group`, {
      token: agent.token,
      body: { dietGroupId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(unknown.status).toBe(404);
  });

  it('lets an admin rename and move a group, and delete it: its children are in no group afterwards', async () => {
    const admin = (await t.login(DEMO.agent)).accessToken;
    const created = await t.request('POST', `${C}/admin/diet-groups`, {
      token: admin,
      body: { name: 'Sans gluten', position: 50 },
    });
    const id: string = created.body.id;
    const names = async () =>
      (await t.request('GET', `${C}/admin/diet-groups`, { token: kitchen.token })).body.dietGroups.map(
        (g: { name: string }) => g.name,
      );

    const renamed = await t.request('PATCH', `${C}/admin/diet-groups/${id}`, {
      token: admin,
      body: { name: 'Sans gluten ni lait' },
    });
    expect(renamed.body).toMatchObject({ id, name: 'Sans gluten ni lait', children: 0 });
    const clash = await t.request('PATCH', `${C}/admin/diet-groups/${id}`, { token: admin, body: { name: 'sans porc' } });
    expect(clash.status).toBe(409);
    const moved = await t.request('PATCH', `${C}/admin/diet-groups/${id}`, { token: admin, body: { position: 0 } });
    expect(moved.body.position).toBe(0);
    expect((await names())[0]).toBe('Sans gluten ni lait');
    const agent = await agentWithRole(t, 'agent');
    expect((await t.request('PATCH', `${C}/admin/diet-groups/${id}`, { token: agent.token, body: { name: 'X' } })).status).toBe(
      403,
    );

    await t.request('PUT', `${C}/admin/children/${family.lucia}/diet-group`, { token: agent.token, body: { dietGroupId: id } });
    const listed = await t.request('GET', `${C}/admin/diet-groups`, { token: admin });
    expect(listed.body.dietGroups.find((g: { id: string }) => g.id === id).children).toBe(1);

    expect((await t.request('DELETE', `${C}/admin/diet-groups/${id}`, { token: admin })).status).toBe(204);
    expect(await names()).not.toContain('Sans gluten ni lait');
    const child = await t.deps.db
      .selectFrom('children')
      .select('household_id')
      .where('id', '=', family.lucia)
      .executeTakeFirstOrThrow();
    const file = await t.request('GET', `${C}/admin/households/${child.household_id}`, { token: admin });
    const lucia = file.body.children.find((c: { id: string }) => c.id === family.lucia);
    expect(lucia.dietGroupId).toBeNull();
    expect((await t.request('DELETE', `${C}/admin/diet-groups/${id}`, { token: admin })).status).toBe(404);
  });
});
