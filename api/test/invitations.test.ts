import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestApp, type TestApp } from './harness.js';

let t: TestApp;
let agent: string;
beforeAll(async () => {
  t = await startTestApp();
  agent = (await t.login(DEMO.agent)).accessToken;
});
afterAll(() => t.close());

const newHousehold = (email: string) => ({
  name: 'Famille Benali',
  department: '69',
  address: { line1: '4 rue des Lilas', postalCode: '69100', city: 'Ville-de-Démo' },
  familyQuotient: 640,
  guardian: { firstName: 'Samira', lastName: 'Benali', email, phone: '06 11 22 33 44' },
  children: [
    {
      firstName: 'Inès',
      lastName: 'Benali',
      birthDate: '2018-03-14',
      school: 'École élémentaire Jules Ferry',
      schoolClass: 'CE2',
    },
  ],
});

async function invite(slug: string, email: string, token = agent): Promise<string> {
  const res = await t.request('POST', `/v1/collectivities/${slug}/admin/households`, { token, body: newHousehold(email) });
  expect(res.status).toBe(201);
  await t.deliverEmails();
  const mail = t.mailbox.latestTo(email);
  expect(mail?.subject).toContain('Activez votre espace famille');
  const link = new URL(mail!.text.match(/https?:\/\/\S+/)![0]);
  return new URLSearchParams(link.hash.slice(1)).get('foyer-invitation')!;
}

describe('invitations', () => {
  it('lets an agent create a household whose guardian activates the account from the email', async () => {
    const token = await invite('ville-de-demo', 'samira.benali@example.org');
    const info = await t.request('GET', `/v1/auth/invitations/${token}`);
    expect(info.body).toMatchObject({
      email: 'samira.benali@example.org',
      accountExists: false,
      collectivity: { slug: 'ville-de-demo' },
      household: { name: 'Famille Benali' },
    });
    const activated = await t.request('POST', '/v1/auth/activate', { body: { token, password: 'les lilas fleurissent' } });
    expect(activated.status).toBe(200);
    const me = await t.request('GET', '/v1/me', { token: activated.body.accessToken });
    expect(me.body.memberships).toEqual([
      {
        kind: 'parent',
        collectivity: { slug: 'ville-de-demo', name: 'Ville de Démo' },
        household: expect.objectContaining({ name: 'Famille Benali' }),
      },
    ]);
    const children = await t.request('GET', '/v1/collectivities/ville-de-demo/children', { token: activated.body.accessToken });
    expect(children.body.children.map((c: { firstName: string }) => c.firstName)).toEqual(['Inès']);
  });

  it('refuses a link used twice', async () => {
    const token = await invite('ville-de-demo', 'twice@example.org');
    expect((await t.request('POST', '/v1/auth/activate', { body: { token, password: 'premiere fois ok' } })).status).toBe(200);
    const again = await t.request('POST', '/v1/auth/activate', { body: { token, password: 'deuxieme fois' } });
    expect(again.status).toBe(404);
    expect(again.body.code).toBe('invalid_token');
  });

  it('refuses an expired link', async () => {
    const token = await invite('ville-de-demo', 'late@example.org');
    t.clock.advance(15 * 24 * 3600 * 1000);
    expect((await t.request('POST', '/v1/auth/activate', { body: { token, password: 'trop tard hélas' } })).status).toBe(404);
    agent = (await t.login(DEMO.agent)).accessToken;
  });

  it('links an email that already has an account instead of creating a second one', async () => {
    const agentSaintExemple = await t.deps.db
      .selectFrom('collectivities')
      .select('id')
      .where('slug', '=', 'saint-exemple')
      .executeTakeFirstOrThrow();
    // Make the demo agent an agent of Saint-Exemple too, so it can invite there.
    const agentAccount = await t.deps.db
      .selectFrom('accounts')
      .select('id')
      .where('email', '=', DEMO.agent)
      .executeTakeFirstOrThrow();
    await t.deps.db
      .insertInto('memberships')
      .values({ collectivity_id: agentSaintExemple.id, account_id: agentAccount.id, kind: 'agent', role: 'agent' })
      .execute();
    const token = await invite('saint-exemple', DEMO.parent2.toUpperCase());
    const info = await t.request('GET', `/v1/auth/invitations/${token}`);
    expect(info.body.accountExists).toBe(true);
    const wrong = await t.request('POST', '/v1/auth/activate', { body: { token, password: 'pas le bon mot de passe' } });
    expect(wrong.status).toBe(401);
    const linked = await t.request('POST', '/v1/auth/activate', { body: { token, password: DEMO.password } });
    expect(linked.status).toBe(200);
    const accounts = await t.deps.db.selectFrom('accounts').select('id').where('email', '=', DEMO.parent2).execute();
    expect(accounts).toHaveLength(1);
    const me = await t.request('GET', '/v1/me', { token: linked.body.accessToken });
    expect(me.body.memberships.map((m: { collectivity: { slug: string } }) => m.collectivity.slug).sort()).toEqual([
      'saint-exemple',
      'ville-de-demo',
    ]);
    // The same login still opens the first household.
    const household = await t.request('GET', '/v1/collectivities/ville-de-demo/household', { token: linked.body.accessToken });
    expect(household.body.name).toBe('Famille Martin');
  });

  it('refuses the most common passwords for a new account', async () => {
    const token = await invite('ville-de-demo', 'weak@example.org');
    const res = await t.request('POST', '/v1/auth/activate', { body: { token, password: 'motdepasse' } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('password_too_common');
    expect((await t.request('POST', '/v1/auth/activate', { body: { token, password: 'short' } })).status).toBe(400);
  });

  it('lets only agents of the collectivity create households', async () => {
    const parent = await t.login(DEMO.parent);
    const asParent = await t.request('POST', '/v1/collectivities/ville-de-demo/admin/households', {
      token: parent.accessToken,
      body: newHousehold('x@example.org'),
    });
    expect(asParent.status).toBe(403);
    const anonymous = await t.request('POST', '/v1/collectivities/ville-de-demo/admin/households', {
      body: newHousehold('x@example.org'),
    });
    expect(anonymous.status).toBe(401);
    const count = await t.deps.db
      .selectFrom('households')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const again = await t.request('POST', '/v1/collectivities/ville-de-demo/admin/households', {
      token: parent.accessToken,
      body: newHousehold('y@example.org'),
    });
    expect(again.status).toBe(403);
    const after = await t.deps.db
      .selectFrom('households')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(count.n));
  });
});
