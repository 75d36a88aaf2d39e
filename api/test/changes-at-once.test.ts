// "A change takes effect on calendars at once": with the caches on as in production (five
// minutes here, far longer than a test), a capacity, a deadline, a closure or a role changed in
// the back office is seen by the very next request. Weekdays: see new-family.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../src/domain/index.js';
import { ADMIN, invitationTokenFor, newActivity } from './admin-test-support.js';
import { DEMO, startTestApp, type TestApp } from './harness.js';
import { TEST_TODAY } from './test-database.js';

const C = '/v1/collectivities/ville-de-demo';
let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await startTestApp({ config: { cacheSeconds: 300 } });
  admin = (await t.login(DEMO.agent)).accessToken;
});
afterAll(() => t.close());

interface Cell {
  date: string;
  activityId: string;
  status: string;
  reason?: string;
  label?: string;
  canBook: boolean;
}

async function cells(token: string, childId: string, activityId: string): Promise<Cell[]> {
  const res = await t.request('GET', `${C}/children/${childId}/calendar?from=${TEST_TODAY}&to=${addDays(TEST_TODAY, 27)}`, {
    token,
  });
  expect(res.status).toBe(200);
  return res.body.cells.filter((cell: Cell) => cell.activityId === activityId);
}

/** A new family, its children enrolled in `activityId` for the coming months, its parent signed in. */
async function enrolledFamily<const N extends readonly string[]>(
  activityId: string,
  email: string,
  firstNames: N,
): Promise<{ parent: string; childIds: { [K in keyof N]: string } }> {
  const created = await t.request('POST', `${ADMIN}/households`, {
    token: admin,
    body: {
      name: 'Famille Lefort',
      guardian: { firstName: 'Anne', lastName: 'Lefort', email },
      children: firstNames.map((firstName, i) => ({ firstName, lastName: 'Lefort', birthDate: `201${7 + i}-04-02` })),
    },
  });
  expect(created.status).toBe(201);
  const childIds = created.body.children.map((c: { id: string }) => c.id) as { [K in keyof N]: string };
  for (const childId of childIds) {
    const enrolled = await t.request('POST', `${ADMIN}/enrolments`, {
      token: admin,
      body: { childId, activityId, from: TEST_TODAY, to: addDays(TEST_TODAY, 300) },
    });
    expect(enrolled.status).toBe(201);
  }
  const activated = await t.request('POST', '/v1/auth/activate', {
    body: { token: await invitationTokenFor(t, email), password: 'la cantine du lundi' },
  });
  return { parent: activated.body.accessToken as string, childIds };
}

describe('a catalog change reaches the next calendar read', () => {
  it('follows a lower capacity and a longer booking deadline at once', async () => {
    const { activityId } = await newActivity(t, admin, {
      bookingDeadline: { kind: 'none' },
      capacity: 10,
    });
    const {
      parent,
      childIds: [jade, noe],
    } = await enrolledFamily(activityId, 'anne.lefort@example.org', ['Jade', 'Noé']);

    // Both children can book the same day; Jade books it.
    const day = (await cells(parent, jade, activityId)).find((c) => c.canBook)?.date ?? '';
    expect((await cells(parent, noe, activityId)).find((c) => c.date === day)?.canBook).toBe(true);
    await t.request('POST', `${C}/cart/lines`, {
      token: parent,
      body: { lines: [{ childId: jade, activityId, action: 'book', dates: [day] }] },
    });
    const checkout = await t.request('POST', `${C}/cart/checkout`, {
      token: parent,
      body: {},
      headers: { 'idempotency-key': 'changes-at-once-1' },
    });
    expect(checkout.body.status).toBe('confirmed');

    // One place a day: the day is full for Noé on the next read.
    const capacity = await t.request('PATCH', `${ADMIN}/activities/${activityId}`, { token: admin, body: { capacity: 1 } });
    expect(capacity.status).toBe(200);
    const full = (await cells(parent, noe, activityId)).find((c) => c.date === day);
    expect(full?.canBook).toBe(false);

    // Booking closes 60 days ahead: nothing in the next four weeks can be booked any more.
    const deadline = await t.request('PATCH', `${ADMIN}/activities/${activityId}`, {
      token: admin,
      body: { capacity: 10, bookingDeadline: { kind: 'calendar_days', days: 60, time: '10:00' } },
    });
    expect(deadline.status).toBe(200);
    expect((await cells(parent, noe, activityId)).filter((c) => c.canBook)).toEqual([]);
  });
  it('closes days with a closure, and opens them again when it is shortened, then removed', async () => {
    const { activityId } = await newActivity(t, admin, { bookingDeadline: { kind: 'none' } });
    const {
      parent,
      childIds: [lou],
    } = await enrolledFamily(activityId, 'marc.ferrand@example.org', ['Lou']);
    // Read once: the calendar and the rules are now in the caches.
    const [first, second] = (await cells(parent, lou, activityId)).filter((c) => c.canBook).map((c) => c.date);
    if (!first || !second) throw new Error('no two bookable days');
    const day = async (date: string) => (await cells(parent, lou, activityId)).find((c) => c.date === date);

    const closure = await t.request('POST', `${ADMIN}/closures`, {
      token: admin,
      body: { activityId, from: first, to: second, reason: 'Travaux' },
    });
    expect(closure.status).toBe(201);
    expect(await day(first)).toMatchObject({ status: 'closed', reason: 'closure', label: 'Travaux', canBook: false });
    expect(await day(second)).toMatchObject({ status: 'closed', canBook: false });

    const shortened = await t.request('PATCH', `${ADMIN}/closures/${closure.body.id}`, { token: admin, body: { to: first } });
    expect(shortened.status).toBe(200);
    expect(await day(first)).toMatchObject({ status: 'closed', canBook: false });
    expect(await day(second)).toMatchObject({ canBook: true });

    const removed = await t.request('DELETE', `${ADMIN}/closures/${closure.body.id}`, { token: admin });
    expect(removed.status).toBe(204);
    expect(await day(first)).toMatchObject({ canBook: true });
  });
});

describe('a role change reaches the API at once', () => {
  it('takes the catalog from a demoted admin, then everything from a removed agent, on their next request', async () => {
    const invited = await t.request('POST', `${ADMIN}/agents`, { token: admin, body: { email: DEMO.parent2, role: 'admin' } });
    expect(invited.status).toBe(201);
    const agent = (await t.login(DEMO.parent2)).accessToken;
    // Seen once as an admin: the membership is now in the cache.
    expect((await t.request('GET', `${ADMIN}/services`, { token: agent })).status).toBe(200);

    await t.request('PATCH', `${ADMIN}/agents/${invited.body.id}`, { token: admin, body: { role: 'agent' } });
    expect((await t.request('POST', `${ADMIN}/services`, { token: agent, body: { name: 'X', kind: 'other' } })).status).toBe(403);
    expect((await t.request('GET', `${ADMIN}/households`, { token: agent })).status).toBe(200);

    expect((await t.request('DELETE', `${ADMIN}/agents/${invited.body.id}`, { token: admin })).status).toBe(204);
    expect((await t.request('GET', `${ADMIN}/households`, { token: agent })).status).toBe(403);
  });
});
