import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentWithRole } from './agent-builders.js';
import { DEMO, startTestApp, type TestApp } from './harness.js';

// The demo parent belongs to Ville de Démo and Saint-Exemple; the second demo parent only to
// Ville de Démo, so Saint-Exemple is "another town" for them.
const SE = '/v1/collectivities/saint-exemple';
let t: TestApp;
let seAdmin: string;
let parent2: string;
beforeAll(async () => {
  t = await startTestApp();
  seAdmin = (await agentWithRole(t, 'admin', { slug: 'saint-exemple' })).token;
  parent2 = (await t.login(DEMO.parent2)).accessToken;
});
afterAll(() => t.close());

const request = {
  householdName: 'Famille Martin',
  firstName: 'Camille',
  lastName: 'Martin',
  phone: '06 12 34 56 78',
  children: [{ firstName: 'Jules', lastName: 'Martin', birthDate: '2017-06-01' }],
  message: 'Nous emménageons à Saint-Exemple en janvier.',
};

async function towns(token: string): Promise<string[]> {
  const me = await t.request('GET', '/v1/me', { token });
  return me.body.memberships
    .filter((m: { kind: string }) => m.kind === 'parent')
    .map((m: { collectivity: { slug: string } }) => m.collectivity.slug);
}

describe('joining another collectivity', () => {
  it('is refused with a reason the parent reads, then asked again and accepted with a new household', async () => {
    const asked = await t.request('POST', `${SE}/join-requests`, { token: parent2, body: request });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: 'pending', email: DEMO.parent2, collectivity: { slug: 'saint-exemple' } });
    const twice = await t.request('POST', `${SE}/join-requests`, { token: parent2, body: request });
    expect(twice.body.code).toBe('join_request_pending');

    const inbox = await t.request('GET', `${SE}/admin/join-requests?status=pending`, { token: seAdmin });
    expect(inbox.body.joinRequests.map((r: { id: string }) => r.id)).toEqual([asked.body.id]);
    const refused = await t.request('POST', `${SE}/admin/join-requests/${asked.body.id}/refuse`, {
      token: seAdmin,
      body: { reason: 'Justificatif de domicile manquant.' },
    });
    expect(refused.body).toMatchObject({ status: 'refused', refusalReason: 'Justificatif de domicile manquant.' });
    await t.deliverEmails();
    expect(t.mailbox.latestTo(DEMO.parent2)?.text).toContain('Justificatif de domicile manquant.');
    const mine = await t.request('GET', `${SE}/join-requests`, { token: parent2 });
    expect(mine.body.joinRequests[0]).toMatchObject({ status: 'refused' });
    expect(await towns(parent2)).not.toContain('saint-exemple');

    const again = await t.request('POST', `${SE}/join-requests`, { token: parent2, body: request });
    const accepted = await t.request('POST', `${SE}/admin/join-requests/${again.body.id}/accept`, { token: seAdmin, body: {} });
    expect(accepted.body.status).toBe('accepted');
    expect(await towns(parent2)).toContain('saint-exemple');
    const children = await t.request('GET', `${SE}/children`, { token: parent2 });
    expect(children.body.children.map((c: { firstName: string }) => c.firstName)).toEqual(['Jules']);
    const decided = await t.request('POST', `${SE}/admin/join-requests/${again.body.id}/refuse`, {
      token: seAdmin,
      body: { reason: 'x' },
    });
    expect(decided.body.code).toBe('join_request_decided');
  });

  it('links an existing household when the agent chooses one', async () => {
    const newcomer = await agentWithRole(t, 'kitchen', { slug: 'ville-de-demo' });
    const household = await t.request('POST', `${SE}/admin/households`, {
      token: seAdmin,
      body: { name: 'Famille Dupré', guardian: { firstName: 'Anne', lastName: 'Dupré', email: 'anne.dupre@example.org' } },
    });
    const asked = await t.request('POST', `${SE}/join-requests`, {
      token: newcomer.token,
      body: { ...request, householdName: 'Famille Dupré', firstName: 'Paul', lastName: 'Dupré' },
    });
    const accepted = await t.request('POST', `${SE}/admin/join-requests/${asked.body.id}/accept`, {
      token: seAdmin,
      body: { householdId: household.body.household.id },
    });
    expect(accepted.body).toMatchObject({ status: 'accepted', householdId: household.body.household.id });
    expect(await towns(newcomer.token)).toEqual(['saint-exemple']);
    const file = await t.request('GET', `${SE}/admin/households/${household.body.household.id}`, { token: seAdmin });
    expect(file.body.guardians.map((g: { firstName: string; account: string }) => [g.firstName, g.account])).toEqual([
      ['Anne', 'invited'],
      ['Paul', 'active'],
    ]);
  });

  it('refuses a parent who already belongs to the collectivity', async () => {
    const parent = (await t.login(DEMO.parent)).accessToken;
    const res = await t.request('POST', `${SE}/join-requests`, { token: parent, body: request });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('already_member');
  });
});

describe('the towns one can ask to join', () => {
  it('lists every collectivity by name, slug and name only, to anyone', async () => {
    await t.deps.db
      .insertInto('collectivities')
      .values({
        slug: 'abbeville-test',
        name: 'Abbeville',
        time_zone: 'Europe/Paris',
        school_holiday_zone: 'B',
        alsace_moselle: false,
        portal_url: null,
        branding: '{}',
      })
      .execute();
    const res = await t.request('GET', '/v1/collectivities');
    expect(res.status).toBe(200);
    expect(res.body.collectivities).toEqual([
      { slug: 'abbeville-test', name: 'Abbeville' },
      { slug: 'saint-exemple', name: 'Saint-Exemple' },
      { slug: 'ville-de-demo', name: 'Ville de Démo' },
    ]);
    const signedIn = await t.request('GET', '/v1/collectivities', { token: parent2 });
    expect(signedIn.body).toEqual(res.body);
  });
});
