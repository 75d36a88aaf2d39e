import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../src/domain/index.js';
import { ADMIN, invitationTokenFor, newActivity } from './admin-test-support.js';
import { DEMO, startTestApp, type TestApp } from './harness.js';
import { TEST_TODAY } from './test-database.js';

const C = '/v1/collectivities/ville-de-demo';
let t: TestApp;
let admin: string;
// Caches on, as in production: a catalog change must still reach calendars at once.
beforeAll(async () => {
  t = await startTestApp({ config: { cacheSeconds: 300 } });
  admin = (await t.login(DEMO.agent)).accessToken;
});
afterAll(() => t.close());

interface Cell {
  date: string;
  activityId: string;
  status: string;
  canBook: boolean;
  priceCents: number;
}

async function cells(token: string, childId: string, activityId: string): Promise<Cell[]> {
  const res = await t.request(
    'GET',
    `${C}/children/${childId}/calendar?from=${addDays(TEST_TODAY, 7)}&to=${addDays(TEST_TODAY, 27)}`,
    {
      token,
    },
  );
  expect(res.status).toBe(200);
  return res.body.cells.filter((cell: Cell) => cell.activityId === activityId);
}

describe('a family created in the back office', () => {
  it('is enrolled, activates its account and books a day; catalog changes reach its calendar at once', async () => {
    const { activityId } = await newActivity(t, admin);
    const created = await t.request('POST', `${ADMIN}/households`, {
      token: admin,
      body: {
        name: 'Famille Quennec',
        externalId: 'ANCIEN-0042',
        guardian: { firstName: 'Linh', lastName: 'Quennec', email: 'linh.quennec@example.org' },
        children: [{ firstName: 'Ysaline', lastName: 'Quennec', birthDate: '2018-05-02' }],
      },
    });
    expect(created.status).toBe(201);
    const twin = await t.request('POST', `${ADMIN}/households`, {
      token: admin,
      body: {
        name: 'Famille Jumelle',
        externalId: 'ANCIEN-0042',
        guardian: { firstName: 'A', lastName: 'B', email: 'ab@example.org' },
      },
    });
    expect(twin.status).toBe(409);
    const householdId = created.body.household.id;
    const childId = created.body.children[0].id;
    const enrolment = await t.request('POST', `${ADMIN}/enrolments`, {
      token: admin,
      body: { childId, activityId, from: TEST_TODAY, to: addDays(TEST_TODAY, 300), school: 'École Pasteur', schoolClass: 'CE1' },
    });
    expect(enrolment.status).toBe(201);
    expect(enrolment.body).toMatchObject({ childId, school: 'École Pasteur', schoolClass: 'CE1', ended: false });

    const token = await invitationTokenFor(t, 'linh.quennec@example.org');
    const activated = await t.request('POST', '/v1/auth/activate', { body: { token, password: 'le riz de la cantine' } });
    expect(activated.status).toBe(200);
    const parent = activated.body.accessToken;

    const open = (await cells(parent, childId, activityId)).filter((cell) => cell.canBook);
    expect(open.length).toBeGreaterThan(5);
    // No quotient yet: the full rate.
    expect(open[0]?.priceCents).toBe(420);
    const day = open[0]?.date ?? '';
    const added = await t.request('POST', `${C}/cart/lines`, {
      token: parent,
      body: { lines: [{ childId, activityId, action: 'book', dates: [day] }] },
    });
    expect(added.status).toBe(200);
    const checkout = await t.request('POST', `${C}/cart/checkout`, {
      token: parent,
      body: {},
      headers: { 'idempotency-key': 'new-family-checkout-1' },
    });
    expect(checkout.body.status).toBe('confirmed');

    // A quotient in force from today: the price follows.
    const quotient = await t.request('POST', `${ADMIN}/households/${householdId}/quotients`, {
      token: admin,
      body: { quotient: 480, appliesFrom: TEST_TODAY },
    });
    expect(quotient.status).toBe(201);
    expect(quotient.body.familyQuotient).toBe(480);
    expect((await cells(parent, childId, activityId)).find((cell) => cell.canBook)?.priceCents).toBe(150);

    // Closing Wednesdays and the day after the booked one: the calendar follows at once.
    const next = open.find((cell) => cell.date > day)?.date ?? '';
    await t.request('PATCH', `${ADMIN}/activities/${activityId}`, { token: admin, body: { weekdays: [1, 2, 4, 5] } });
    await t.request('POST', `${ADMIN}/closures`, { token: admin, body: { activityId, from: next, to: next, reason: 'Grève' } });
    const after = await cells(parent, childId, activityId);
    const weekday = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();
    expect(after.filter((cell) => weekday(cell.date) === 3 && cell.canBook)).toEqual([]);
    expect(after.find((cell) => cell.date === next)?.status).toBe('closed');
  });

  it('finds households by name, child or email, sorted and paginated by the server', async () => {
    const byChild = await t.request('GET', `${ADMIN}/households?q=ysaline`, { token: admin });
    expect(byChild.body.items.map((h: { name: string }) => h.name)).toEqual(['Famille Quennec']);
    const byEmail = await t.request('GET', `${ADMIN}/households?q=linh.quennec@`, { token: admin });
    expect(byEmail.body.total).toBe(1);
    const first = await t.request('GET', `${ADMIN}/households?sort=name&limit=2`, { token: admin });
    const second = await t.request('GET', `${ADMIN}/households?sort=name&limit=2&cursor=${first.body.nextCursor}`, {
      token: admin,
    });
    const names = [...first.body.items, ...second.body.items].map((h: { name: string }) => h.name);
    expect(names).toEqual([...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    expect(new Set(names).size).toBe(4);
    expect(first.body.total).toBeGreaterThanOrEqual(3);
  });

  it('opens a household, adds and invites a second guardian, a child and a note', async () => {
    const found = await t.request('GET', `${ADMIN}/households?q=quennec`, { token: admin });
    const id = found.body.items[0].id;
    const guardian = await t.request('POST', `${ADMIN}/households/${id}/guardians`, {
      token: admin,
      body: { firstName: 'Bao', lastName: 'Quennec', email: 'bao.quennec@example.org', invite: true },
    });
    expect(guardian.status).toBe(201);
    expect(guardian.body).toMatchObject({ account: 'invited', email: 'bao.quennec@example.org' });
    const resent = await t.request('POST', `${ADMIN}/households/${id}/guardians/${guardian.body.id}/invite`, { token: admin });
    expect(resent.body.account).toBe('invited');
    const child = await t.request('POST', `${ADMIN}/households/${id}/children`, {
      token: admin,
      body: { firstName: 'Lan', lastName: 'Quennec', birthDate: '2021-01-20', school: 'École Pasteur' },
    });
    expect(child.status).toBe(201);
    const renamed = await t.request('PATCH', `${ADMIN}/households/${id}/children/${child.body.id}`, {
      token: admin,
      body: { schoolClass: 'PS' },
    });
    expect(renamed.body).toMatchObject({ firstName: 'Lan', schoolClass: 'PS' });
    await t.request('POST', `${ADMIN}/households/${id}/notes`, { token: admin, body: { body: 'Attestation CAF reçue.' } });
    const file = await t.request('GET', `${ADMIN}/households/${id}`, { token: admin });
    expect(file.body).toMatchObject({ name: 'Famille Quennec', externalId: 'ANCIEN-0042', familyQuotient: 480 });
    expect(file.body.guardians.map((g: { account: string }) => g.account)).toEqual(['active', 'invited']);
    expect(file.body.children.map((c: { firstName: string }) => c.firstName)).toEqual(['Ysaline', 'Lan']);
    expect(file.body.notes[0]).toMatchObject({ body: 'Attestation CAF reçue.' });
    const active = file.body.guardians[0].id;
    const again = await t.request('POST', `${ADMIN}/households/${id}/guardians/${active}/invite`, { token: admin });
    expect(again.status).toBe(409);
  });

  it('refuses another collectivity’s household and a period backwards', async () => {
    const other = await t.deps.db
      .selectFrom('households')
      .innerJoin('collectivities', 'collectivities.id', 'households.collectivity_id')
      .select('households.id')
      .where('collectivities.slug', '=', 'saint-exemple')
      .executeTakeFirstOrThrow();
    expect((await t.request('GET', `${ADMIN}/households/${other.id}`, { token: admin })).status).toBe(404);
    const enrolments = await t.request('GET', `${ADMIN}/enrolments`, { token: admin });
    const some = enrolments.body.enrolments[0];
    const backwards = await t.request('PATCH', `${ADMIN}/enrolments/${some.id}`, { token: admin, body: { to: '2000-01-01' } });
    expect(backwards.body.errors).toEqual([{ path: 'body.to', message: "la fin de l'inscription doit suivre son début" }]);
  });
});
